/**
 * SVG drawings of the gates reveal: one cell's four gates per character, and
 * the layer's saturation scatter. Characters reach the SVG through esc().
 * Both are shown at the size they are drawn (width and height attributes, no
 * scaling: 12 px text stays 12 px); the gates chart is drawn as wide as its
 * box, but never so narrow that its character labels touch (the box then
 * scrolls sideways).
 */
import { esc } from "../lib/html.ts";
import { fixed } from "../lib/numbers.ts";
import { axes, frame, linear, linePoints, yTicks } from "../lib/plot.ts";
import { showChar } from "../model-kit/vocab.ts";
import { GATES, type Saturation } from "./logic.ts";

const H = 220, PAD = { l: 36, r: 10, t: 10, b: 28 };
/** Room per character label (12 px monospace is about 7.5 px wide). */
const PER_CHAR = 10;

/** The narrowest gates chart for `steps` characters. */
export const gatesMinWidth = (steps: number): number => PAD.l + PAD.r + steps * PER_CHAR;

/** Lines of i, f, g, o (rows of `rows`, one per step) against the characters, `width` units (= CSS px) wide. */
export function gatesSvg(rows: number[][], chars: string[], highlight: number[], title: string, width: number): string {
  const T = rows.length;
  const W = Math.max(width, gatesMinWidth(T));
  const f = frame(W, H, { left: PAD.l, right: PAD.r, top: PAD.t, bottom: PAD.b });
  // Each character in the middle of its own slot; gates in [-1, 1] (g is tanh).
  const x = linear(-0.5, Math.max(1, T) - 0.5, f.x0, f.x1);
  const y = linear(-1, 1, f.y1, f.y0);
  const band = highlight.length
    ? `<rect class="rnn-gr__band" x="${x(highlight[0]) - (x(1) - x(0)) / 2}" y="${PAD.t}" width="${(x(1) - x(0)) * highlight.length}" height="${H - PAD.t - PAD.b}"/>`
    : "";
  const grid = yTicks(f, [-1, 0, 1].map((v) => ({ value: v, label: String(v) })), y, "rnn-gr", true);
  const labels = chars.map((ch, t) => `<text class="rnn-gr__tick" x="${x(t)}" y="${H - 10}" text-anchor="middle">${esc(showChar(ch, true))}</text>`).join("");
  const lines = GATES.map((g, k) => `<polyline class="rnn-gr__line rnn-gr__line--${g}" points="${linePoints(rows.map((r, t) => [t, r[k]] as const), x, y)}"/>`).join("");
  return `<svg class="rnn-gr__svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">${band}${grid}${lines}${labels}</svg>`;
}

/** Scatter: x = fraction of steps below 0.1, y = fraction above 0.9, one mark per cell and gate. */
export function saturationSvg(sat: Saturation[], title: string): string {
  const S = 320, P = 34;
  const f = frame(S, S, { left: P, right: 10, top: 10, bottom: P });
  const px = linear(0, 1, f.x0, f.x1);
  const py = linear(0, 1, f.y1, f.y0);
  const frameLines = `${axes(f, "rnn-gr")}
    <line class="rnn-gr__grid" x1="${px(0)}" y1="${py(1)}" x2="${px(1)}" y2="${py(0)}"/>
    <text class="rnn-gr__tick" x="${px(0.5)}" y="${S - 8}" text-anchor="middle">share of steps below 0.1</text>
    <text class="rnn-gr__tick" x="12" y="${py(0.5)}" text-anchor="middle" transform="rotate(-90 12 ${py(0.5)})">share above 0.9</text>
    <text class="rnn-gr__tick" x="${P - 4}" y="${py(0) + 4}" text-anchor="end">0</text><text class="rnn-gr__tick" x="${P - 4}" y="${py(1) + 4}" text-anchor="end">1</text>
    <text class="rnn-gr__tick" x="${px(1)}" y="${S - P + 14}" text-anchor="middle">1</text>`;
  const marks = sat.map((s) => Array.from(s.low, (lo, u) => `<circle class="rnn-gr__dot rnn-gr__dot--${s.gate}" cx="${px(lo).toFixed(1)}" cy="${py(s.high[u]).toFixed(1)}" r="2.6"/>`).join("")).join("");
  return `<svg class="rnn-gr__svg rnn-gr__svg--square" width="${S}" height="${S}" viewBox="0 0 ${S} ${S}" role="img" aria-label="${esc(title)}">${frameLines}${marks}</svg>`;
}

/** Table rows of one cell's gates per step. */
export function gateRows(rows: number[][], chars: string[]): string {
  return rows
    .map((r, t) => `<tr data-t="${t}"><th scope="row">${t + 1}</th><td><code>${esc(showChar(chars[t]))}</code></td>${r.map((v, g) => `<td data-gate="${GATES[g]}" data-value="${v}">${fixed(v, 3)}</td>`).join("")}</tr>`)
    .join("");
}

/** Table rows of the saturation of every cell. */
export function saturationRows(sat: Saturation[]): string {
  const H = sat[0]?.low.length ?? 0;
  let out = "";
  for (let u = 0; u < H; u++) {
    out += `<tr data-unit="${u}"><th scope="row">${u}</th>${sat.map((s) => `<td data-sat="${s.gate}-low" data-value="${s.low[u]}">${fixed(s.low[u], 3)}</td><td data-sat="${s.gate}-high" data-value="${s.high[u]}">${fixed(s.high[u], 3)}</td>`).join("")}</tr>`;
  }
  return out;
}
