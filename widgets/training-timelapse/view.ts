/**
 * The timelapse's loss chart as SVG markup, drawn `width` units wide for a
 * box that is `width` CSS px wide (widgets/lib/fit.ts), so that its 12 px
 * labels are 12 px as shown. Iteration labels that would overlap are left
 * out (the table beside the chart lists every checkpoint).
 */
import { labelWidth, spacedLabels } from "../lib/fit.ts";
import { lossPath, scales, type Point } from "./logic.ts";

/** The drawing's height in SVG units (= CSS px). */
const HEIGHT = 200;

/** The loss chart for `points` with checkpoint `at` marked; `id` names its <title>. */
export function lossSvg(points: Point[], at: number, id: string, width: number): string {
  const box = { x0: 52, x1: width - 18, y0: 12, y1: HEIGHT - 44 };
  const s = scales(points, box);
  const ticks = [s.ymin, (s.ymin + s.ymax) / 2, s.ymax]
    .map((v) => `<text class="rnn-tl__tick" x="${box.x0 - 6}" y="${s.y(v)}" text-anchor="end" dominant-baseline="middle">${v.toFixed(2)}</text>`)
    .join("");
  const labels = points.map((p) => String(p.iter));
  const xt = spacedLabels(points.map((p) => s.x(p.iter)), labels.map((l) => labelWidth(l)))
    .map((i) => `<text class="rnn-tl__tick" x="${s.x(points[i].iter)}" y="${box.y1 + 18}" text-anchor="middle">${labels[i]}</text>`)
    .join("");
  const cur = points[at];
  return `<svg class="rnn-tl__svg" viewBox="0 0 ${width} ${HEIGHT}" role="img" aria-labelledby="${id}">
    <title id="${id}">Training and validation loss by iteration (log scale); iteration ${cur.iter} is marked. The table below holds the values.</title>
    <line class="rnn-tl__axis" x1="${box.x0}" y1="${box.y1}" x2="${box.x1}" y2="${box.y1}"/><line class="rnn-tl__axis" x1="${box.x0}" y1="${box.y0}" x2="${box.x0}" y2="${box.y1}"/>
    ${ticks}${xt}<text class="rnn-tl__tick" x="${(box.x0 + box.x1) / 2}" y="${HEIGHT - 6}" text-anchor="middle">iteration (log scale)</text>
    <polyline class="rnn-tl__train" points="${lossPath(points, "train_loss", box)}"/><polyline class="rnn-tl__val" points="${lossPath(points, "val_loss", box)}"/>
    <line class="rnn-tl__now" x1="${s.x(cur.iter)}" x2="${s.x(cur.iter)}" y1="${box.y0}" y2="${box.y1}"/>
    <circle class="rnn-tl__dot" cx="${s.x(cur.iter)}" cy="${s.y(cur.val_loss)}" r="4"/></svg>`;
}
