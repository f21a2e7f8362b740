/**
 * The hidden-state plot as SVG markup: one line per unit over steps 1…30,
 * y fixed to [-1, 1] (tanh's range) so presets can be compared by eye.
 * A pure function of the run and the width to draw at; the widget puts the
 * string in the page.
 */
import { type Vec } from "../lib/rnn.ts";
import { short } from "../lib/numbers.ts";

/** The drawing's height; its width is the width it is shown at (widgets/lib/fit.ts), so 13 px text stays 13 px. */
const H = 280;
const M = { left: 56, right: 16, top: 14, bottom: 48 };
/** Below this width the key to the lines gets its own row under the axis label. */
const NARROW = 520;

/** Ticks at step 1 and every fifth step: where a reader counts from. */
function stepTicks(T: number): number[] {
  return [1, ...Array.from({ length: Math.floor(T / 5) }, (_, k) => (k + 1) * 5)];
}

/**
 * SVG for the states `hs` (h_1 … h_T). `titleId`/`descId` name the title and
 * description elements that `aria-labelledby`/`aria-describedby` point at;
 * `description` is the sentence a screen reader hears instead of the lines.
 */
export function plotSvg(hs: Vec[], titleId: string, descId: string, description: string, W = 640): string {
  const T = hs.length;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  /** Step t (1…T) to an x coordinate. */
  const sx = (t: number, T: number) => M.left + ((t - 1) / (T - 1)) * plotW;
  /** A value in [-1, 1] to a y coordinate (up is positive). */
  const sy = (v: number) => M.top + ((1 - v) / 2) * plotH;
  const narrow = W < NARROW;
  const height = narrow ? H + 24 : H;
  const grid = [-1, -0.5, 0, 0.5, 1]
    .map(
      (v) =>
        `<line class="rnn-wi__grid${v === 0 ? " rnn-wi__grid--zero" : ""}" x1="${M.left}" x2="${W - M.right}" y1="${sy(v)}" y2="${sy(v)}"/>` +
        `<text class="rnn-wi__tick" x="${M.left - 8}" y="${sy(v)}" text-anchor="end" dominant-baseline="middle">${short(v)}</text>`,
    )
    .join("");
  const xticks = stepTicks(T)
    .map(
      (t) =>
        `<line class="rnn-wi__axis" x1="${sx(t, T)}" x2="${sx(t, T)}" y1="${H - M.bottom}" y2="${H - M.bottom + 5}"/>` +
        `<text class="rnn-wi__tick" x="${sx(t, T)}" y="${H - M.bottom + 18}" text-anchor="middle">${t}</text>`,
    )
    .join("");
  const lines = [0, 1]
    .map((u) => {
      const pts = hs.map((h, k) => `${sx(k + 1, T).toFixed(1)},${sy(h[u]).toFixed(1)}`).join(" ");
      const dots = hs.map((h, k) => `<circle cx="${sx(k + 1, T).toFixed(1)}" cy="${sy(h[u]).toFixed(1)}" r="2.2"/>`).join("");
      return `<g class="rnn-wi__unit rnn-wi__unit--${u + 1}" data-unit="${u + 1}"><polyline points="${pts}"/>${dots}</g>`;
    })
    .join("");
  // Below the axis, so a line saturated at +1 never hides it (on a narrow drawing, below its label).
  const legend = [0, 1]
    .map(
      (u) =>
        `<g class="rnn-wi__unit rnn-wi__unit--${u + 1}" transform="translate(${(narrow ? M.left : W - M.right - 180) + u * 96}, ${narrow ? height - 10 : H - 12})">` +
        `<line x1="0" x2="22" y1="0" y2="0"/><text class="rnn-wi__label" x="28" y="0" dominant-baseline="middle">unit ${u + 1}</text></g>`,
    )
    .join("");
  return `<svg class="rnn-wi__plot" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="${titleId}" aria-describedby="${descId}">
    <title id="${titleId}">Hidden state of both units over ${T} steps</title>
    <desc id="${descId}">${description}</desc>
    ${grid}${xticks}
    <line class="rnn-wi__axis" x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}"/>
    <line class="rnn-wi__axis" x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}"/>
    <text class="rnn-wi__label" x="${M.left + plotW / 2}" y="${H - 8}" text-anchor="middle">time step t</text>
    <text class="rnn-wi__label" transform="translate(14, ${M.top + plotH / 2}) rotate(-90)" text-anchor="middle">hidden state h<tspan baseline-shift="sub" font-size="10">t</tspan></text>
    ${lines}${legend}
  </svg>`;
}
