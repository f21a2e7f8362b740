/**
 * A small SVG chart (widgets/lib/plot.ts): one quantity against parameters
 * (log scale), one point per model, joined in size order. The numbers are in
 * the widget's table too, which is the accessible view, so the drawing is an
 * image named by its title, with a caption. Drawn `width` units wide for a
 * figure `width` CSS px wide (widgets/lib/fit.ts), so its 12 px text is 12 px
 * as shown.
 */
import { esc } from "../lib/html.ts";
import { axes, axisTitles, chartSvg, frame, linear, linePoints, logarithmic, xTicks, yTicks } from "../lib/plot.ts";
import { niceBounds, formatCount } from "./logic.ts";

/** Height and margins in SVG units (= CSS px): room for 12 px labels. */
const H = 210;
const MARGINS = { left: 64, right: 16, top: 26, bottom: 46 };
const CLS = "rnn-ms";

export interface Point {
  x: number;
  y: number;
  label: string;
}

/** Fill `fig` with the chart (`width` units wide) and its caption; points with a NaN y are left out. `key` names it for tests (`data-chart`); the figure's id prefixes the chart's ids. */
export function drawChart(fig: HTMLElement, key: string, title: string, yLabel: string, points: Point[], width: number, emptyNote = ""): void {
  const f = frame(width, H, MARGINS);
  const shown = points.filter((p) => Number.isFinite(p.y)).sort((a, b) => a.x - b.x);
  const xs = niceBounds(points.map((p) => p.x), true);
  const ys = niceBounds(shown.map((p) => p.y));
  const px = logarithmic(10 ** xs.min, 10 ** xs.max, f.x0, f.x1);
  const py = linear(ys.min, ys.max, f.y1, f.y0);
  // Two y labels, inside the range, where the values are; the table has them all.
  const yt = (shown.length ? [ys.min + (ys.max - ys.min) * 0.1, ys.max - (ys.max - ys.min) * 0.1] : [])
    .map((y) => ({ value: y, label: y >= 100 ? String(Math.round(y)) : y.toFixed(2) }));
  const xt = points.map((p) => ({ value: p.x, label: formatCount(p.x) }));
  const line = shown.length > 1 ? `<polyline class="${CLS}__line" points="${linePoints(shown.map((p) => [p.x, p.y] as const), px, py)}"/>` : "";
  const dots = shown
    .map((p) => `<circle class="${CLS}__dot" cx="${px(p.x)}" cy="${py(p.y)}" r="4"/>` +
      `<text class="${CLS}__tick" x="${px(p.x)}" y="${py(p.y) - 9}" text-anchor="middle">${esc(p.label)}</text>`)
    .join("");
  const body = axes(f, CLS) + axisTitles(f, "parameters (log scale)", esc(yLabel), CLS) + yTicks(f, yt, py, CLS) + xTicks(f, xt, px, CLS) + line + dots;
  const name = { title: `${title} (the table below lists the same numbers)`, idPrefix: `${fig.id}-chart` };
  const caption = shown.length ? title : `${title}. ${emptyNote}`;
  fig.innerHTML = chartSvg(f, "", name, body, `data-chart="${esc(key)}"`) + `<figcaption>${esc(caption)}</figcaption>`;
}
