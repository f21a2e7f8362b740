/**
 * A small SVG line chart as markup: loss curves over iterations (the lab's
 * live training plot, the grid search's curves, the cell comparison). A pure
 * function of its data; the caller puts the string in the page and provides
 * the data-table alternative. Lines are styled by class (`rnn-lp__series--<n>`,
 * or a series' own `className`) in the caller's CSS; text and axes use the
 * page's foreground colour.
 */
import { esc } from "./html.ts";

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

/** "Nice" tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}


/** The chart's SVG markup; an empty chart (axes only) when no series has points. */
export function linePlotSvg(series: Series[], o: PlotOptions): string {
  const W = o.width ?? 560;
  const H = o.height ?? 240;
  const all = series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const x0 = xs.length ? Math.min(...xs) : 0;
  const x1 = xs.length && Math.max(...xs) > x0 ? Math.max(...xs) : x0 + 1;
  const y0 = o.yMin ?? (ys.length ? Math.min(0, ...ys) : 0);
  const y1 = o.yMax ?? (ys.length && Math.max(...ys) > y0 ? Math.max(...ys) : y0 + 1);
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const sx = (x: number) => M.left + ((x - x0) / (x1 - x0)) * pw;
  const sy = (y: number) => M.top + (1 - (Math.min(Math.max(y, y0), y1) - y0) / (y1 - y0)) * ph;
  const yt = niceTicks(y0, y1, 4)
    .map((v) => `<line class="rnn-lp__grid" x1="${M.left}" x2="${W - M.right}" y1="${sy(v)}" y2="${sy(v)}"/>` +
      `<text class="rnn-lp__tick" x="${M.left - 6}" y="${sy(v)}" text-anchor="end" dominant-baseline="middle">${v}</text>`)
    .join("");
  // Five x ticks where there is room, fewer on a narrow drawing (a label such as "10,000" is ~40 units wide).
  const xt = niceTicks(x0, x1, Math.max(2, Math.min(5, Math.floor(pw / 90))))
    .map((v) => `<text class="rnn-lp__tick" x="${sx(v)}" y="${H - M.bottom + 16}" text-anchor="middle">${v.toLocaleString("en")}</text>`)
    .join("");
  const lines = series
    .map((s, k) => {
      const pts = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
      const d = pts.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(" ");
      const dot = pts.length === 1 ? `<circle cx="${sx(pts[0][0]).toFixed(1)}" cy="${sy(pts[0][1]).toFixed(1)}" r="3"/>` : "";
      const extra = s.className ? ` ${esc(s.className)}` : "";
      return `<g class="rnn-lp__series rnn-lp__series--${k + 1}${extra}" data-series="${esc(s.name)}"><polyline points="${d}"/>${dot}</g>`;
    })
    .join("");
  const t = `${o.idPrefix}-title`;
  const d = `${o.idPrefix}-desc`;
  return `<svg class="rnn-lp" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${t}" aria-describedby="${d}">
    <title id="${t}">${esc(o.title)}</title><desc id="${d}">${esc(o.description)}</desc>
    ${yt}${xt}
    <line class="rnn-lp__axis" x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}"/>
    <line class="rnn-lp__axis" x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}"/>
    <text class="rnn-lp__label" x="${M.left + pw / 2}" y="${H - 6}" text-anchor="middle">${esc(o.xLabel)}</text>
    <text class="rnn-lp__label" transform="translate(13, ${M.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>
    ${lines}
  </svg>`;
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
