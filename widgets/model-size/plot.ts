/**
 * A small SVG chart: one quantity against parameters (log scale), one point
 * per model, joined in size order. Built with DOM calls (labels are text
 * nodes); the numbers are in the widget's table too, which is the
 * accessible view, so the drawing is an image with a caption. Drawn `width`
 * units wide for a figure `width` CSS px wide (widgets/lib/fit.ts), so its
 * 12 px text is 12 px as shown.
 */
import { labelWidth, spacedLabels } from "../lib/fit.ts";
import { niceBounds, unit, formatCount } from "./logic.ts";

const NS = "http://www.w3.org/2000/svg";
/** Height and margins in SVG units (= CSS px): room for 12 px labels. */
const H = 210, L = 64, R = 16, T = 26, B = 46;

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text = ""): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text) e.textContent = text;
  return e;
}

export interface Point {
  x: number;
  y: number;
  label: string;
}

/** Fill `fig` with the chart (`width` units wide) and its caption; points with a NaN y are left out. */
export function drawChart(fig: HTMLElement, key: string, title: string, yLabel: string, points: Point[], width: number, emptyNote = ""): void {
  const W = width;
  const shown = points.filter((p) => Number.isFinite(p.y)).sort((a, b) => a.x - b.x);
  const xs = niceBounds(points.map((p) => p.x), true);
  const ys = niceBounds(shown.map((p) => p.y));
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${title} (the table below lists the same numbers)` });
  svg.dataset.chart = key;
  const px = (x: number) => L + unit(x, xs, true) * (W - L - R);
  const py = (y: number) => H - B - unit(y, ys) * (H - T - B);
  svg.append(
    svgEl("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, class: "rnn-ms__axis" }),
    svgEl("line", { x1: L, y1: T, x2: L, y2: H - B, class: "rnn-ms__axis" }),
    svgEl("text", { x: (L + W - R) / 2, y: H - 6, "text-anchor": "middle", class: "rnn-ms__label" }, "parameters (log scale)"),
    svgEl("text", { x: 14, y: (T + H - B) / 2, "text-anchor": "middle", transform: `rotate(-90 14 ${(T + H - B) / 2})`, class: "rnn-ms__label" }, yLabel),
  );
  for (const y of shown.length ? [ys.min + (ys.max - ys.min) * 0.1, ys.max - (ys.max - ys.min) * 0.1] : []) {
    svg.append(svgEl("text", { x: L - 6, y: py(y), "text-anchor": "end", "dominant-baseline": "middle", class: "rnn-ms__tick" }, y >= 100 ? String(Math.round(y)) : y.toFixed(2)));
  }
  const ticks = points.map((p) => formatCount(p.x));
  for (const i of spacedLabels(points.map((p) => px(p.x)), ticks.map((t) => labelWidth(t)))) {
    svg.append(svgEl("text", { x: px(points[i].x), y: H - B + 18, "text-anchor": "middle", class: "rnn-ms__tick" }, ticks[i]));
  }
  if (shown.length > 1) {
    svg.append(svgEl("polyline", { points: shown.map((p) => `${px(p.x)},${py(p.y)}`).join(" "), class: "rnn-ms__line" }));
  }
  for (const p of shown) {
    svg.append(
      svgEl("circle", { cx: px(p.x), cy: py(p.y), r: 4, class: "rnn-ms__dot" }),
      svgEl("text", { x: px(p.x), y: py(p.y) - 9, "text-anchor": "middle", class: "rnn-ms__tick" }, p.label),
    );
  }
  const cap = document.createElement("figcaption");
  cap.textContent = shown.length ? title : `${title}. ${emptyNote}`;
  fig.replaceChildren(svg, cap);
}
