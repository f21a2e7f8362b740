/**
 * Attention Weight Calculator: the markup of the results, as HTML strings built from a `Result`
 * (./logic.ts). Every number on show is formatted here from a computed value; nothing is typed
 * in. Hooks for tests: `[data-step]` tables, `[data-weight="dot|additive"][data-key="i"]` cells
 * with `data-value` (full precision), `[data-context="dot|additive"][data-entry="j"]`.
 */
import { chartSvg, frame, linear } from "../lib/plot.ts";
import { fixed } from "../lib/numbers.ts";
import { share, sub, type Result, type Scored, type Vec } from "./logic.ts";

/** A computed number for a table: 3 decimals, or m.mm×10^e when very large or small but not 0. */
export function num(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return v > 0 ? "∞" : v < 0 ? "−∞" : "—";
  const a = Math.abs(v);
  if (a >= 1e5 || (a > 0 && a < 10 ** -digits / 2)) {
    const [m, e] = v.toExponential(2).split("e");
    return `${fixed(Number(m), 2)}×10${sup(Number(e))}`;
  }
  return fixed(v, digits);
}
const SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const sup = (e: number): string => (e < 0 ? "⁻" : "") + String(Math.abs(e)).replace(/\d/g, (c) => SUP[Number(c)]);
/** A factor inside a product: parenthesised when negative. */
const factor = (v: number): string => (v < 0 ? `(${num(v)})` : num(v));
const vec = (v: Vec): string => `[${v.map((x) => num(x)).join(", ")}]`;
const th = (t: string) => `<th scope="col">${t}</th>`;
const key = (i: number) => `k${sub(i + 1)}`;
const rowHead = (r: Result, s: Scored, i: number) =>
  `<th scope="row">${key(i)}${i === s.winner && r.n > 1 ? ' <span class="rnn-ac__star" aria-hidden="true">★</span><span class="rnn-sr-only"> (largest weight)</span>' : ""}</th>`;
const win = (s: Scored, i: number) => (i === s.winner ? ' class="rnn-ac__win"' : "");

function table(step: string, caption: string, head: string[], rows: string[], foot = ""): string {
  // A narrow screen scrolls the table sideways; the scrolling box takes focus so keys can scroll it too.
  const name = caption.replace(/<[^>]+>/g, "");
  return `<div class="rnn-ac__scroll" tabindex="0" role="region" aria-label="${name}"><table class="rnn-ac__table" data-step="${step}"><caption>${caption}</caption>
    <thead><tr>${head.map(th).join("")}</tr></thead><tbody>${rows.join("")}</tbody>${foot}</table></div>`;
}

/** Step 1: q·k_i as the sum of its products, then scaled and sharpened into the softmax's input. */
export function scoresTable(r: Result, query: Vec, keys: Vec[]): string {
  const s = r.dot;
  const how = [r.scale !== 1 ? `× 1/√${r.d}` : "", r.sharpness !== 1 ? `× ${num(r.sharpness, 2)}` : ""].filter(Boolean).join(" ");
  const rows = keys.map((k, i) => {
    const sum = k.map((x, j) => `${factor(query[j])}×${factor(x)}`).join(" + ");
    return `<tr${win(s, i)}>${rowHead(r, s, i)}<td>${vec(k)}</td><td class="rnn-ac__terms">${sum}</td><td data-score="${i}" data-value="${s.raw[i]}">${num(s.raw[i])}</td>` +
      `<td>${num(s.logits[i])}</td></tr>`;
  });
  return table("scores", "1. Dot-product scores", ["Key", "k<sub>i</sub>", "q·k<sub>i</sub>, term by term", "q·k<sub>i</sub>",
    `softmax input z<sub>i</sub>${how ? ` (q·k<sub>i</sub> ${how})` : ""}`], rows);
}

/** Step 2: the softmax with its exp and sum (after subtracting the largest input). */
export function softmaxTable(r: Result, s: Scored, step: string, caption: string): string {
  const sm = s.softmax;
  const rows = s.logits.map((z, i) =>
    `<tr${win(s, i)}>${rowHead(r, s, i)}<td>${num(z)}</td><td>${num(sm.shifted[i])}</td><td>${num(sm.exps[i], 4)}</td>` +
    `<td data-weight="${step}" data-key="${i}" data-value="${sm.weights[i]}">${num(sm.weights[i])}</td></tr>`);
  const foot = `<tfoot><tr><th scope="row">Sum</th><td></td><td></td><td data-sum="${step}">${num(sm.sum, 4)}</td>` +
    `<td>${num(sm.weights.reduce((a, b) => a + b, 0))}</td></tr></tfoot>`;
  return table(step === "dot" ? "softmax" : "additive-softmax", caption,
    ["Key", "z<sub>i</sub>", `z<sub>i</sub> − max (max = ${num(sm.max)})`, "exp(z<sub>i</sub> − max)", "weight = exp ÷ sum"], rows, foot);
}

/** Both kinds of weights as bars, side by side. */
export function barsTable(r: Result): string {
  const bar = (s: Scored, i: number, kind: string) => {
    const w = s.softmax.weights[i];
    return `<td class="rnn-ac__barcell${i === s.winner ? " rnn-ac__win" : ""}"><span class="rnn-ac__bar rnn-ac__bar--${kind}" style="width:${(w * 100).toFixed(1)}%" aria-hidden="true"></span>` +
      `<span class="rnn-ac__pct">${share(w)}</span></td>`;
  };
  const rows = r.dot.softmax.weights.map((_, i) => `<tr><th scope="row">${key(i)}</th>${bar(r.dot, i, "dot")}${bar(r.additive, i, "add")}</tr>`);
  return table("bars", "The weights, side by side", ["Key", "dot-product weight", "additive weight"], rows);
}

/** Step 3: the context vector, entry by entry, as the weighted sum of the values. */
export function contextTable(r: Result): string {
  const rows = Array.from({ length: r.d }, (_, j) => {
    const terms = r.values.map((v, i) => `${num(r.dot.softmax.weights[i])}×${factor(v[j])}`).join(" + ");
    return `<tr><th scope="row">c${sub(j + 1)}</th><td class="rnn-ac__terms">${terms}</td>` +
      `<td data-context="dot" data-entry="${j}" data-value="${r.dot.context[j]}">${num(r.dot.context[j])}</td>` +
      `<td data-context="additive" data-entry="${j}" data-value="${r.additive.context[j]}">${num(r.additive.context[j])}</td></tr>`;
  });
  return table("context", "3. The context vector c = Σ w<sub>i</sub> v<sub>i</sub>",
    ["Entry", "Σ w<sub>i</sub> v<sub>i</sub> with the dot-product weights", "c (dot product)", "c (additive)"], rows);
}

/** Step 4: the additive score, e_i = v · tanh(W_q q + W_k k_i), and its softmax. */
export function additiveTable(r: Result): string {
  const s = r.additive;
  const rows = r.pre.map((p, i) =>
    `<tr${win(s, i)}>${rowHead(r, s, i)}<td>${vec(p)}</td><td>${vec(r.hidden[i])}</td>` +
    `<td data-additive-score="${i}" data-value="${s.raw[i]}">${num(s.raw[i])}</td><td>${num(s.logits[i])}</td></tr>`);
  return table("additive", `4. Additive (Bahdanau) scores; W<sub>q</sub>q = ${vec(r.wq)}`,
    ["Key", "W<sub>q</sub>q + W<sub>k</sub>k<sub>i</sub>", "tanh(…)", "e<sub>i</sub> = v·tanh(…)",
      `softmax input${r.sharpness !== 1 ? ` (e<sub>i</sub> × ${num(r.sharpness, 2)})` : ""}`], rows);
}

/** The 2-D picture: query, keys (thicker for more weight) and the context vector as arrows. */
export function arrowsSvg(r: Result, query: Vec, keys: Vec[], idPrefix: string): string {
  const size = 260;
  const f = frame(size, size, { left: 14, right: 14, top: 14, bottom: 14 });
  const all = [query, ...keys, r.dot.context].flatMap((v) => v.map(Math.abs));
  const lim = Math.max(1e-9, ...all) * 1.15;
  const sx = linear(-lim, lim, f.x0, f.x1);
  const sy = linear(-lim, lim, f.y1, f.y0);
  const arrow = (v: Vec, cls: string, label: string, width: number, dash = false) => {
    const [x, y] = [sx(v[0]), sy(v[1])];
    const dx = x - sx(0);
    const dy = y - sy(0);
    const len = Math.hypot(dx, dy) || 1;
    const [ux, uy] = [dx / len, dy / len];
    const head = `${x},${y} ${x - 9 * ux + 4.5 * uy},${y - 9 * uy - 4.5 * ux} ${x - 9 * ux - 4.5 * uy},${y - 9 * uy + 4.5 * ux}`;
    const [tx, ty] = [x + 10 * ux, y + 10 * uy + 4];
    return `<g class="rnn-ac__arrow rnn-ac__arrow--${cls}"><line x1="${sx(0)}" y1="${sy(0)}" x2="${x}" y2="${y}" stroke-width="${width.toFixed(2)}"${dash ? ' stroke-dasharray="4 3"' : ""}/>` +
      `<polygon points="${head}"/><text x="${Math.min(size - 14, Math.max(14, tx))}" y="${Math.min(size - 4, Math.max(12, ty))}" text-anchor="middle" class="rnn-ac__label">${label}</text></g>`;
  };
  const body = [
    `<line class="rnn-ac__axis" x1="${f.x0}" x2="${f.x1}" y1="${sy(0)}" y2="${sy(0)}"/>`,
    `<line class="rnn-ac__axis" x1="${sx(0)}" x2="${sx(0)}" y1="${f.y0}" y2="${f.y1}"/>`,
    ...keys.map((k, i) => arrow(k, i === r.dot.winner ? "win" : "key", key(i), 1 + 5 * r.dot.softmax.weights[i])),
    arrow(r.dot.context, "ctx", "c", 2, true),
    arrow(query, "q", "q", 2.5),
  ].join("");
  const desc = `Query ${vec(query)}; ` + keys.map((k, i) => `key ${i + 1} ${vec(k)} with weight ${share(r.dot.softmax.weights[i])}`).join("; ") +
    `; context vector ${vec(r.dot.context)}.`;
  return chartSvg(f, "rnn-ac__plot", { title: "Query, keys and context vector as arrows from the origin", description: desc, idPrefix },
    body, `width="${size}" height="${size}"`);
}
