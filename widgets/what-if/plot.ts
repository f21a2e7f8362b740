/**
 * The hidden-state plot as SVG markup (widgets/lib/plot.ts): one line per
 * unit over steps 1…30, y fixed to [-1, 1] (tanh's range) so presets can be
 * compared by eye. A pure function of the run and the width to draw at; the
 * widget puts the string in the page.
 */
import { type Vec } from "../lib/rnn.ts";
import { short } from "../lib/numbers.ts";
import { axes, axisTitles, chartSvg, frame, keyRow, linear, linePoints, xTicks, yTicks } from "../lib/plot.ts";

/** The drawing's height; its width is the width it is shown at (widgets/lib/fit.ts), so 13 px text stays 13 px. */
const H = 280;
const CLS = "rnn-wi";
const M = { left: 56, right: 16, top: 14, bottom: 48 };
/** Below this width the key to the lines gets its own row under the axis label. */
const NARROW = 520;

/** Ticks at step 1 and every fifth step: where a reader counts from. */
function stepTicks(T: number): number[] {
  return [1, ...Array.from({ length: Math.floor(T / 5) }, (_, k) => (k + 1) * 5)];
}

/**
 * SVG for the states `hs` (h_1 … h_T); `idPrefix` makes the ids of its title
 * and description unique, and `description` is the sentence a screen reader
 * hears instead of the lines.
 */
export function plotSvg(hs: Vec[], idPrefix: string, description: string, W = 640): string {
  const T = hs.length;
  const f = frame(W, H, M);
  const sx = linear(1, T, f.x0, f.x1);
  /** A value in [-1, 1] to a y coordinate (up is positive). */
  const sy = linear(-1, 1, f.y1, f.y0);
  const narrow = W < NARROW;
  const height = narrow ? H + 24 : H;
  const grid = yTicks(f, [-1, -0.5, 0, 0.5, 1].map((v) => ({ value: v, label: short(v) })), sy, CLS, true, (t) => (t.value === 0 ? `${CLS}__grid--zero` : ""));
  const xticks = xTicks(f, stepTicks(T).map((t) => ({ value: t, label: String(t) })), sx, CLS, true);
  const unitClass = (u: number) => `${CLS}__unit ${CLS}__unit--${u + 1}`;
  const lines = [0, 1]
    .map((u) => {
      const pts = hs.map((h, k) => [k + 1, h[u]] as const);
      const dots = pts.map(([t, v]) => `<circle cx="${sx(t).toFixed(1)}" cy="${sy(v).toFixed(1)}" r="2.2"/>`).join("");
      return `<g class="${unitClass(u)}" data-unit="${u + 1}"><polyline points="${linePoints(pts, sx, sy)}"/>${dots}</g>`;
    })
    .join("");
  // Below the axis, so a line saturated at +1 never hides it (on a narrow drawing, below its label).
  const key = keyRow(["unit 1", "unit 2"], narrow ? f.x0 : f.x1 - 180, narrow ? height - 10 : H - 12, 96, unitClass, CLS);
  const titles = axisTitles(f, "time step t", `hidden state h<tspan baseline-shift="sub" font-size="10">t</tspan>`, CLS);
  return chartSvg({ ...f, height }, `${CLS}__plot`, { title: `Hidden state of both units over ${T} steps`, description, idPrefix },
    grid + xticks + axes(f, CLS) + titles + lines + key);
}
