/**
 * The timelapse's loss chart as SVG markup (widgets/lib/plot.ts), drawn
 * `width` units wide for a box that is `width` CSS px wide, so that its 12 px
 * labels are 12 px as shown. Iteration labels that would overlap are left
 * out (the table beside the chart lists every checkpoint).
 */
import { axes, chartSvg, frame, linear, linePoints, logarithmic, xTicks, yTicks, type Scale } from "../lib/plot.ts";
import type { Point } from "./logic.ts";

/** The drawing's height in SVG units (= CSS px). */
const HEIGHT = 200;
const CLS = "rnn-tl";

/** The loss chart for `points` with checkpoint `at` marked; `id` prefixes its <title>'s id. */
export function lossSvg(points: Point[], at: number, id: string, width: number): string {
  const f = frame(width, HEIGHT, { left: 52, right: 18, top: 12, bottom: 44 });
  // Iterations on a log scale (training changes fastest early); the first checkpoint may be iteration 0.
  const toX = logarithmic(Math.max(1, points[0]?.iter ?? 1), Math.max(2, points[points.length - 1]?.iter ?? 2), f.x0, f.x1);
  const sx: Scale = (iter) => toX(Math.max(1, iter));
  const losses = points.flatMap((p) => [p.train_loss, p.val_loss]);
  const ymin = Math.min(...losses), ymax = Math.max(...losses);
  const sy = linear(ymin, ymax, f.y1, f.y0);
  const yt = [ymin, (ymin + ymax) / 2, ymax].map((v) => ({ value: v, label: v.toFixed(2) }));
  const xt = points.map((p) => ({ value: p.iter, label: String(p.iter) }));
  const line = (key: "train_loss" | "val_loss") => linePoints(points.map((p) => [p.iter, p[key]] as const), sx, sy);
  const cur = points[at];
  const body = yTicks(f, yt, sy, CLS) + xTicks(f, xt, sx, CLS) + axes(f, CLS) +
    `<text class="${CLS}__label" x="${(f.x0 + f.x1) / 2}" y="${HEIGHT - 6}" text-anchor="middle">iteration (log scale)</text>` +
    `<polyline class="${CLS}__train" points="${line("train_loss")}"/><polyline class="${CLS}__val" points="${line("val_loss")}"/>` +
    `<line class="${CLS}__now" x1="${sx(cur.iter)}" x2="${sx(cur.iter)}" y1="${f.y0}" y2="${f.y1}"/>` +
    `<circle class="${CLS}__dot" cx="${sx(cur.iter)}" cy="${sy(cur.val_loss)}" r="4"/>`;
  const title = `Training and validation loss by iteration (log scale); iteration ${cur.iter} is marked. The table below holds the values.`;
  return chartSvg(f, `${CLS}__svg`, { title, idPrefix: id }, body);
}
