/**
 * A small SVG line chart as markup: loss curves over iterations (the lab's
 * live training plot, the grid search's curves, the cell comparison). A pure
 * function of its data; the caller puts the string in the page and provides
 * the data-table alternative. Lines are styled by class (`rnn-lp__series--<n>`,
 * or a series' own `className`) in the caller's CSS; text and axes use the
 * page's foreground colour.
 */
import { esc } from "./html.ts";
import { axes, axisTitles, chartSvg, frame, linear, linePoints, niceTicks, xTicks, yTicks } from "./plot.ts";

export interface Series {
  name: string;
  /** [x, y] pairs, x increasing. */
  points: [number, number][];
  /** Extra classes on the series' group, for callers that style lines by meaning rather than by position. */
  className?: string;
}

export interface PlotOptions {
  title: string;
  /** The sentence a screen reader hears instead of the lines. */
  description: string;
  xLabel: string;
  yLabel: string;
  /** Unique prefix for the title/desc ids. */
  idPrefix: string;
  /** Fixed y range; by default from 0 (or the minimum) to the largest value. */
  yMin?: number;
  yMax?: number;
  /**
   * The drawing's size in SVG units (560 × 240 by default). A caller that draws at the width
   * the chart is shown at keeps the 12 px text 12 px on a narrow screen too.
   */
  width?: number;
  height?: number;
}

const M = { left: 52, right: 14, top: 12, bottom: 44 };
const CLS = "rnn-lp";

export { niceTicks };

/** The chart's SVG markup; an empty chart (axes only) when no series has points. */
export function linePlotSvg(series: Series[], o: PlotOptions): string {
  const f = frame(o.width ?? 560, o.height ?? 240, M);
  const all = series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const x0 = xs.length ? Math.min(...xs) : 0;
  const x1 = xs.length && Math.max(...xs) > x0 ? Math.max(...xs) : x0 + 1;
  const y0 = o.yMin ?? (ys.length ? Math.min(0, ...ys) : 0);
  const y1 = o.yMax ?? (ys.length && Math.max(...ys) > y0 ? Math.max(...ys) : y0 + 1);
  const sx = linear(x0, x1, f.x0, f.x1);
  const toY = linear(y0, y1, f.y1, f.y0);
  // A value outside a fixed y range is drawn at its edge rather than outside the chart.
  const sy = (y: number) => toY(Math.min(Math.max(y, y0), y1));
  const yt = niceTicks(y0, y1, 4).map((v) => ({ value: v, label: String(v) }));
  // Five x ticks where there is room, fewer on a narrow drawing (a label such as "10,000" is ~40 units wide).
  const xt = niceTicks(x0, x1, Math.max(2, Math.min(5, Math.floor((f.x1 - f.x0) / 90)))).map((v) => ({ value: v, label: v.toLocaleString("en") }));
  const lines = series
    .map((s, k) => {
      const pts = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
      const dot = pts.length === 1 ? `<circle cx="${sx(pts[0][0]).toFixed(1)}" cy="${sy(pts[0][1]).toFixed(1)}" r="3"/>` : "";
      const extra = s.className ? ` ${esc(s.className)}` : "";
      return `<g class="${CLS}__series ${CLS}__series--${k + 1}${extra}" data-series="${esc(s.name)}"><polyline points="${linePoints(pts, sx, sy)}"/>${dot}</g>`;
    })
    .join("");
  const body = yTicks(f, yt, sy, CLS, true) + xTicks(f, xt, sx, CLS) + axes(f, CLS) + axisTitles(f, esc(o.xLabel), esc(o.yLabel), CLS) + lines;
  return chartSvg(f, CLS, { title: o.title, description: o.description, idPrefix: o.idPrefix }, body);
}

/** The chart's CSS: shared by every widget that draws one (adopt it with adoptCss). */
export const LINEPLOT_CSS = `
.rnn-lp { width: 100%; max-width: 40rem; height: auto; display: block; }
.rnn-lp__grid { stroke: var(--md-default-fg-color--lightest); stroke-width: 1; }
.rnn-lp__axis { stroke: var(--md-default-fg-color--light); stroke-width: 1.2; }
.rnn-lp__tick, .rnn-lp__label { fill: var(--md-default-fg-color); font-size: 12px; }
.rnn-lp__series polyline { fill: none; stroke-width: 2.2; stroke-linejoin: round; }
.rnn-lp__series--1 polyline { stroke: #1d4ed8; }
.rnn-lp__series--1 circle { fill: #1d4ed8; }
.rnn-lp__series--2 polyline { stroke: #c2410c; stroke-dasharray: 6 4; }
.rnn-lp__series--2 circle { fill: #c2410c; }
[data-md-color-scheme="slate"] .rnn-lp__series--1 polyline { stroke: #8ec5ff; }
[data-md-color-scheme="slate"] .rnn-lp__series--1 circle { fill: #8ec5ff; }
[data-md-color-scheme="slate"] .rnn-lp__series--2 polyline { stroke: #ffb870; }
[data-md-color-scheme="slate"] .rnn-lp__series--2 circle { fill: #ffb870; }
`;
