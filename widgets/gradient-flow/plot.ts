/**
 * A log-scale line chart as SVG markup, shared by the Gradient Flow
 * Simulator and the Telephone Game: x is a step count, y a ratio drawn on
 * powers of ten. A pure function of its data and of the width to draw at
 * (the width it is shown at, widgets/lib/fit.ts, so its 12 px text stays
 * 12 px); the widgets put the string in the page and list the same values in
 * a table beside it.
 */
import { labelWidth, spacedLabels } from "../lib/fit.ts";

export interface Series {
  key: string;
  label: string;
  values: number[];
}

const H = 300;
const M = { left: 64, right: 16, top: 14, bottom: 52 };
/** Below this width the key to the lines gets its own row under the axis label. */
const NARROW = 520;
/** Values below this are drawn on the floor of the chart (a gradient of 1e-300 is zero for any purpose). */
const FLOOR = 1e-40;

/** The decades the y axis spans: at least 10^-2 … 10^1, widened to fit every value. */
export function decades(series: Series[]): [number, number] {
  const logs = series.flatMap((s) => s.values.map((v) => Math.log10(Math.max(v, FLOOR))));
  return [Math.min(-2, Math.floor(Math.min(...logs))), Math.max(1, Math.ceil(Math.max(...logs)))];
}

/** 3.9e-14 style, or plain decimals between 0.01 and 1000. */
export function sci(v: number): string {
  if (v === 0) return "0";
  if (v >= 0.01 && v < 1000) return v.toPrecision(3);
  const [m, e] = v.toExponential(1).split("e");
  return `${m}e${Number(e) < 0 ? "\u2212" : ""}${Math.abs(Number(e))}`;
}

/** SVG for `series` over the x values `xs`; `title` and `desc` make it readable without sight. */
export function logPlot(xs: number[], series: Series[], xLabel: string, yLabel: string, title: string, desc: string, uid: string, W = 640): string {
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const height = W < NARROW ? H + 20 : H;
  const [lo, hi] = decades(series);
  const x0 = xs[0];
  const x1 = xs[xs.length - 1];
  const sx = (x: number) => M.left + ((x - x0) / (x1 - x0)) * pw;
  const sy = (v: number) => M.top + ((hi - Math.log10(Math.max(v, FLOOR))) / (hi - lo)) * ph;
  const step = Math.max(1, Math.ceil((hi - lo) / 8));
  let grid = "";
  for (let d = lo; d <= hi; d += step) {
    const y = sy(10 ** d);
    grid += `<line class="rnn-gf__grid${d === 0 ? " rnn-gf__grid--one" : ""}" x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}"/>`;
    grid += `<text class="rnn-gf__tick" x="${M.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">10^${d < 0 ? "\u2212" : ""}${Math.abs(d)}</text>`;
  }
  // At most ten x labels, fewer where they would touch.
  const candidates = xs.filter((_, k) => k % Math.ceil(xs.length / 10) === 0 || k === xs.length - 1);
  const xticks = spacedLabels(candidates.map(sx), candidates.map((x) => labelWidth(String(x))))
    .map((k) => `<text class="rnn-gf__tick" x="${sx(candidates[k])}" y="${H - M.bottom + 16}" text-anchor="middle">${candidates[k]}</text>`)
    .join("");
  const lines = series
    .map((s) => {
      const pts = s.values.map((v, k) => `${sx(xs[k]).toFixed(1)},${sy(v).toFixed(1)}`).join(" ");
      return `<g class="rnn-gf__series rnn-gf__series--${s.key}" data-series="${s.key}"><polyline points="${pts}"/></g>`;
    })
    .join("");
  const legend = series
    .map(
      (s, k) =>
        `<g class="rnn-gf__series rnn-gf__series--${s.key}" transform="translate(${M.left + k * 170}, ${height - 10})">` +
        `<line x1="0" x2="22" y1="0" y2="0"/><text class="rnn-gf__label" x="28" y="0" dominant-baseline="middle">${s.label}</text></g>`,
    )
    .join("");
  return `<svg class="rnn-gf__plot" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="${uid}-t" aria-describedby="${uid}-d">
    <title id="${uid}-t">${title}</title><desc id="${uid}-d">${desc}</desc>
    ${grid}${xticks}
    <line class="rnn-gf__axis" x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}"/>
    <line class="rnn-gf__axis" x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}"/>
    <text class="rnn-gf__label" x="${M.left + pw - 4}" y="${H - M.bottom + 32}" text-anchor="end">${xLabel}</text>
    <text class="rnn-gf__label" transform="translate(14, ${M.top + ph / 2}) rotate(-90)" text-anchor="middle">${yLabel}</text>
    ${lines}${legend}
  </svg>`;
}
