/**
 * The pieces every chart of the course is drawn from, as SVG markup: a frame (the drawing's size
 * and margins), scales, "nice" ticks, axes with their labels, lines and an in-drawing key. The
 * line chart (lineplot.ts), the what-if plot, the time-lapse loss chart and the model-size charts
 * are built from them, so their axes, ticks and labels look and behave alike.
 *
 * Every chart is drawn `width` units wide for a box `width` CSS px wide (`watchWidth` of fit.ts),
 * so its text, sized in CSS px by the widget's stylesheet, shows at that size on any screen; x
 * labels that would touch are left out (`spacedLabels`). Class names come from the caller's
 * prefix (`cls`): a widget styles its own chart (and tests find it) by `<cls>__tick`,
 * `<cls>__axis`, `<cls>__label`, `<cls>__grid`.
 */
import { esc } from "./html.ts";
import { labelWidth, spacedLabels } from "./fit.ts";

/** Where the plotting area lies inside a drawing of `width` × `height` units. */
export interface Frame {
  width: number;
  height: number;
  /** Plotting area: x0 (left) … x1 (right), y0 (top) … y1 (bottom, where the x axis runs). */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function frame(width: number, height: number, m: Margins): Frame {
  return { width, height, x0: m.left, x1: width - m.right, y0: m.top, y1: height - m.bottom };
}

/** A data value to a drawing coordinate. */
export type Scale = (v: number) => number;

/** [lo, hi] onto [a, b]; a range of width 0 maps everything to `a`. */
export function linear(lo: number, hi: number, a: number, b: number): Scale {
  const span = hi - lo;
  return (v) => (span === 0 ? a : a + ((v - lo) / span) * (b - a));
}

/** [lo, hi] (both > 0) onto [a, b] by their logarithms: parameters, iterations. */
export function logarithmic(lo: number, hi: number, a: number, b: number): Scale {
  const s = linear(Math.log10(lo), Math.log10(hi), a, b);
  return (v) => s(Math.log10(v));
}

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

/** A tick: where (in data units) and what it says. */
export interface Tick {
  value: number;
  label: string;
}

/** The two axis lines along the plotting area's left and bottom edges. */
export function axes(f: Frame, cls: string): string {
  return `<line class="${cls}__axis" x1="${f.x0}" x2="${f.x0}" y1="${f.y0}" y2="${f.y1}"/>` +
    `<line class="${cls}__axis" x1="${f.x0}" x2="${f.x1}" y1="${f.y1}" y2="${f.y1}"/>`;
}

/** Labels left of the y axis, each with a grid line across the area when `grid` is set (`gridClass` adds a class to a line). */
export function yTicks(f: Frame, ticks: readonly Tick[], sy: Scale, cls: string, grid = false, gridClass?: (t: Tick) => string): string {
  return ticks
    .map((t) => {
      const y = sy(t.value);
      const extra = gridClass?.(t);
      const line = grid ? `<line class="${cls}__grid${extra ? ` ${extra}` : ""}" x1="${f.x0}" x2="${f.x1}" y1="${y}" y2="${y}"/>` : "";
      return `${line}<text class="${cls}__tick" x="${f.x0 - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${esc(t.label)}</text>`;
    })
    .join("");
}

/** Labels under the x axis, leaving out those that would touch the one before (12 px text); `marks` adds a short tick line to each. */
export function xTicks(f: Frame, ticks: readonly Tick[], sx: Scale, cls: string, marks = false): string {
  const xs = ticks.map((t) => sx(t.value));
  return spacedLabels(xs, ticks.map((t) => labelWidth(t.label)))
    .map((i) => (marks ? `<line class="${cls}__axis" x1="${xs[i]}" x2="${xs[i]}" y1="${f.y1}" y2="${f.y1 + 5}"/>` : "") +
      `<text class="${cls}__tick" x="${xs[i]}" y="${f.y1 + 18}" text-anchor="middle">${esc(ticks[i].label)}</text>`)
    .join("");
}

/**
 * The axis titles: x centred under the ticks, y turned up the left edge. Markup, so that a title
 * may hold a `<tspan>` subscript; callers escape what they did not write.
 */
export function axisTitles(f: Frame, xTitle: string, yTitle: string, cls: string): string {
  const midY = (f.y0 + f.y1) / 2;
  return `<text class="${cls}__label" x="${(f.x0 + f.x1) / 2}" y="${f.height - 6}" text-anchor="middle">${xTitle}</text>` +
    `<text class="${cls}__label" transform="translate(14, ${midY}) rotate(-90)" text-anchor="middle">${yTitle}</text>`;
}

/** The `points` attribute of a polyline through [x, y] data pairs (non-finite pairs left out). */
export function linePoints(points: readonly (readonly [number, number])[], sx: Scale, sy: Scale): string {
  return points
    .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
    .map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`)
    .join(" ");
}

/** A key inside the drawing: one short line and name per series, in a row from (x, y); `className(i)` styles each like its line. */
export function keyRow(names: readonly string[], x: number, y: number, spacing: number, className: (i: number) => string, cls: string): string {
  return names
    .map((name, i) => `<g class="${className(i)}" transform="translate(${x + i * spacing}, ${y})">` +
      `<line x1="0" x2="22" y1="0" y2="0"/><text class="${cls}__label" x="28" y="0" dominant-baseline="middle">${esc(name)}</text></g>`)
    .join("");
}

/** What a chart is, for a reader who cannot see it. */
export interface ChartName {
  /** The chart's title (its accessible name). */
  title: string;
  /** A longer description (the sentence a screen reader hears after the title). */
  description?: string;
  /** Unique prefix for the title and description ids. */
  idPrefix: string;
}

/** The `<svg>` around `body`: an image named by its `<title>` (and described by its `<desc>`), `f.width` units wide. */
export function chartSvg(f: Frame, className: string, name: ChartName, body: string, attrs = ""): string {
  const t = `${name.idPrefix}-title`;
  const d = `${name.idPrefix}-desc`;
  const described = name.description === undefined ? "" : ` aria-describedby="${d}"`;
  const desc = name.description === undefined ? "" : `<desc id="${d}">${esc(name.description)}</desc>`;
  const cls = className ? ` class="${className}"` : "";
  return `<svg${cls} viewBox="0 0 ${f.width} ${f.height}" role="img" aria-labelledby="${t}"${described}${attrs ? ` ${attrs}` : ""}>` +
    `<title id="${t}">${esc(name.title)}</title>${desc}${body}</svg>`;
}
