/**
 * A log-scale line chart as SVG markup, shared by the Gradient Flow
 * Simulator and the Telephone Game: x is a step count, y a ratio drawn on
 * powers of ten. A pure function of its data and of the width to draw at
 * (the width it is shown at, widgets/lib/fit.ts, so its 12 px text stays
 * 12 px); the widgets put the string in the page and list the same values in
 * a table beside it. Drawn from the course's chart pieces (widgets/lib/plot.ts).
 */
import { axes, chartSvg, frame, keyRow, linear, linePoints, xTicks, yTicks, type Tick } from "../lib/plot.ts";

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
  // Narrow: the key gets its own row under the axis label.
  const f = frame(W, W < NARROW ? H + 20 : H, { ...M, bottom: M.bottom + (W < NARROW ? 20 : 0) });
  const plotBottom = H - M.bottom; // the axis stays where it is; the extra height is for the key
  const area = { ...f, y1: plotBottom };
  const [lo, hi] = decades(series);
  const sx = linear(xs[0], xs[xs.length - 1], area.x0, area.x1);
  const sy = (v: number) => linear(hi, lo, area.y0, area.y1)(Math.log10(Math.max(v, FLOOR)));
  const step = Math.max(1, Math.ceil((hi - lo) / 8));
  const decadeTicks: Tick[] = [];
  for (let d = lo; d <= hi; d += step) decadeTicks.push({ value: 10 ** d, label: `10^${d < 0 ? "\u2212" : ""}${Math.abs(d)}` });
  // At most ten x labels, fewer where they would touch (xTicks leaves those out).
  const every = Math.ceil(xs.length / 10);
  const xLabels: Tick[] = xs.filter((_, k) => k % every === 0 || k === xs.length - 1).map((x) => ({ value: x, label: String(x) }));
  const lines = series
    .map((s) => `<g class="rnn-gf__series rnn-gf__series--${s.key}" data-series="${s.key}"><polyline points="${linePoints(s.values.map((v, k) => [xs[k], v] as const), sx, sy)}"/></g>`)
    .join("");
  const key = keyRow(series.map((s) => s.label), area.x0, f.height - 10, 170, (k) => `rnn-gf__series rnn-gf__series--${series[k].key}`, "rnn-gf");
  const body =
    yTicks(area, decadeTicks, sy, "rnn-gf", true, (t) => (t.value === 1 ? "rnn-gf__grid--one" : "")) +
    xTicks(area, xLabels, sx, "rnn-gf") +
    axes(area, "rnn-gf") +
    `<text class="rnn-gf__label" x="${area.x1 - 4}" y="${plotBottom + 32}" text-anchor="end">${xLabel}</text>` +
    `<text class="rnn-gf__label" transform="translate(14, ${(area.y0 + area.y1) / 2}) rotate(-90)" text-anchor="middle">${yLabel}</text>` +
    lines + key;
  return chartSvg(f, "rnn-gf__plot", { title, description: desc, idPrefix: uid }, body);
}
