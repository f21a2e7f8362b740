/**
 * The charts of Module 8's widgets, as SVG markup: one line per model against depth or distance
 * (accuracy) or sequence length (milliseconds), x on a log scale when asked (distances 5…640,
 * lengths 16…2048), the training range shaded, an optional marker at the reader's current value.
 * Lines are coloured by cell (word-models.css: `rnn-wm__cell--<cell>`). Pure: data in, markup out.
 */
import { esc } from "../lib/html.ts";
import { axes, axisTitles, chartSvg, frame, linear, linePoints, logarithmic, niceTicks, xTicks, yTicks } from "../lib/plot.ts";
import type { Cell } from "./models.ts";

export interface Line {
  name: string;
  cell: Cell;
  points: [number, number][];
  /** Dashed (a second measurement of the same model, e.g. PyTorch beside the browser). */
  dashed?: boolean;
}

export interface ChartOptions {
  title: string;
  description: string;
  xLabel: string;
  yLabel: string;
  idPrefix: string;
  /** x values that get a tick label. */
  xTicks: number[];
  log?: boolean;
  /** y on a log scale too (times that span milliseconds to seconds); ticks at powers of ten. */
  logY?: boolean;
  yMin?: number;
  yMax?: number;
  /** Shade x ≤ this value: what the models were trained on. */
  trainedUpTo?: number;
  /** A vertical line at this x (the reader's setting). */
  marker?: number;
  /** A dotted horizontal line at this y (chance). */
  chance?: number;
  /** y tick labels as percentages (accuracy). */
  percent?: boolean;
  width: number;
  height?: number;
}

const CLS = "rnn-wmc";

export function lineChart(lines: readonly Line[], o: ChartOptions): string {
  const f = frame(o.width, o.height ?? Math.round(Math.min(300, Math.max(220, o.width * 0.45))), { left: 52, right: 14, top: 12, bottom: 44 });
  const xs = [...o.xTicks, ...lines.flatMap((l) => l.points.map((p) => p[0]))].filter((x) => Number.isFinite(x) && (!o.log || x > 0));
  const ys = lines.flatMap((l) => l.points.map((p) => p[1])).filter(Number.isFinite);
  const x0 = Math.min(...xs), x1 = Math.max(...xs, x0 + 1);
  const sx = o.log ? logarithmic(x0, x1, f.x0, f.x1) : linear(x0, x1, f.x0, f.x1);
  const pos = ys.filter((y) => y > 0);
  const y0 = o.yMin ?? (o.logY ? 10 ** Math.floor(Math.log10(Math.min(...pos, 1))) : 0);
  const y1 = o.yMax ?? (o.logY ? 10 ** Math.ceil(Math.log10(Math.max(...pos, y0 * 10))) : Math.max(y0 + 1e-9, ...ys));
  const toY = o.logY ? logarithmic(y0, y1, f.y1, f.y0) : linear(y0, y1, f.y1, f.y0);
  const sy = (y: number) => toY(Math.min(Math.max(y, y0), y1));
  const fmtY = (v: number) => (o.percent ? `${Math.round(v * 100)}%` : v.toLocaleString("en", { maximumFractionDigits: 3 }));
  const yValues = o.logY
    ? Array.from({ length: Math.round(Math.log10(y1 / y0)) + 1 }, (_, i) => Number((y0 * 10 ** i).toPrecision(6)))
    : niceTicks(y0, y1, 4);
  const yt = yValues.map((v) => ({ value: v, label: fmtY(v) }));
  const xt = o.xTicks.map((v) => ({ value: v, label: v.toLocaleString("en") }));
  let shade = "";
  if (o.trainedUpTo !== undefined && o.trainedUpTo >= x0) {
    const right = sx(Math.min(o.trainedUpTo, x1));
    shade = `<rect class="${CLS}__trained" x="${f.x0}" y="${f.y0}" width="${Math.max(0, right - f.x0).toFixed(1)}" height="${f.y1 - f.y0}"/>` +
      `<text class="${CLS}__note" x="${f.x0 + 4}" y="${f.y0 + 12}">trained</text>`;
  }
  const chance = o.chance === undefined ? "" :
    `<line class="${CLS}__chance" x1="${f.x0}" x2="${f.x1}" y1="${sy(o.chance).toFixed(1)}" y2="${sy(o.chance).toFixed(1)}"/>` +
    `<text class="${CLS}__note" x="${f.x1 - 4}" y="${(sy(o.chance) - 4).toFixed(1)}" text-anchor="end">chance</text>`;
  const marker = o.marker === undefined || !Number.isFinite(o.marker) ? "" :
    `<line class="${CLS}__marker" x1="${sx(o.marker).toFixed(1)}" x2="${sx(o.marker).toFixed(1)}" y1="${f.y0}" y2="${f.y1}"/>`;
  const body = lines.map((l) => {
    const pts = l.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    const dots = pts.map(([x, y]) => `<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="2.6"/>`).join("");
    return `<g class="${CLS}__line rnn-wm__cell--${l.cell}${l.dashed ? ` ${CLS}__line--dashed` : ""}" data-series="${esc(l.name)}">` +
      `<polyline points="${linePoints(pts, sx, sy)}"/>${dots}</g>`;
  }).join("");
  const content = shade + yTicks(f, yt, sy, CLS, true) + xTicks(f, xt, sx, CLS, true) + axes(f, CLS) + chance + marker + body +
    axisTitles(f, esc(o.xLabel), esc(o.yLabel), CLS);
  return chartSvg(f, CLS, { title: o.title, description: o.description, idPrefix: o.idPrefix }, content);
}
