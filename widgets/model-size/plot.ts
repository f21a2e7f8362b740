/**
 * A small SVG chart: one quantity against parameters (log scale), one point
 * per model, joined in size order. Built with DOM calls (labels are text
 * nodes); the numbers are in the widget's table too, which is the
 * accessible view, so the drawing is an image with a caption.
 */
import { niceBounds, unit, formatCount } from "./logic.ts";

const NS = "http://www.w3.org/2000/svg";
const W = 320, H = 180, L = 48, R = 12, T = 12, B = 36;

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

/** A <figure> with the chart and its caption; points with a NaN y are left out. */
export function chart(key: string, title: string, yLabel: string, points: Point[], emptyNote = ""): HTMLElement {
  const fig = document.createElement("figure");
  fig.className = "rnn-ms__chart";
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
    svgEl("text", { x: (L + W - R) / 2, y: H - 4, "text-anchor": "middle", class: "rnn-ms__label" }, "parameters (log scale)"),
    svgEl("text", { x: 10, y: (T + H - B) / 2, "text-anchor": "middle", transform: `rotate(-90 10 ${(T + H - B) / 2})`, class: "rnn-ms__label" }, yLabel),
  );
  for (const y of shown.length ? [ys.min + (ys.max - ys.min) * 0.1, ys.max - (ys.max - ys.min) * 0.1] : []) {
    svg.append(svgEl("text", { x: L - 4, y: py(y) + 3, "text-anchor": "end", class: "rnn-ms__tick" }, y >= 100 ? String(Math.round(y)) : y.toFixed(2)));
  }
  for (const p of points) {
    svg.append(svgEl("text", { x: px(p.x), y: H - B + 12, "text-anchor": "middle", class: "rnn-ms__tick" }, formatCount(p.x)));
  }
  if (shown.length > 1) {
    svg.append(svgEl("polyline", { points: shown.map((p) => `${px(p.x)},${py(p.y)}`).join(" "), class: "rnn-ms__line" }));
  }
  for (const p of shown) {
    svg.append(
      svgEl("circle", { cx: px(p.x), cy: py(p.y), r: 4, class: "rnn-ms__dot" }),
      svgEl("text", { x: px(p.x), y: py(p.y) - 8, "text-anchor": "middle", class: "rnn-ms__tick" }, p.label),
    );
  }
  const cap = document.createElement("figcaption");
  cap.textContent = shown.length ? title : `${title}. ${emptyNote}`;
  fig.append(svg, cap);
  return fig;
}
