/**
 * Pure logic of the Activation Heatmap Explorer: capping the text, reading
 * one cell's values out of a run, the top-5 next characters, a feature the
 * reader defines with a regular expression, correlation and ranking of
 * cells. No DOM: index.ts draws what these return.
 */
import { softmax } from "../runtime/onnx/sampling.ts";

/** The most characters the explorer feeds the model (about a second on a 2 × 512 model). */
export const TEXT_CAP = 3000;

/** `text` cut to `cap` code points; `truncated` says whether anything was cut. */
export function capText(text: string, cap = TEXT_CAP): { text: string; truncated: boolean; original: number } {
  const chars = Array.from(text);
  return { text: chars.slice(0, cap).join(""), truncated: chars.length > cap, original: chars.length };
}

/** Shape of a run's state arrays: T steps of L layers of H cells ([T,L,H], row-major). */
export interface Dims {
  T: number;
  L: number;
  H: number;
}

/** Values of cell `unit` of `layer` at every step, from an array [T,L,H]. */
export function cellSeries(values: Float32Array, d: Dims, layer: number, unit: number): Float32Array {
  const out = new Float32Array(d.T);
  for (let t = 0; t < d.T; t++) out[t] = values[(t * d.L + layer) * d.H + unit];
  return out;
}

/**
 * The colour scale of each cell of `layer`: h lies in (-1, 1), so 1; c is
 * unbounded, so each cell's own largest |value| over the text (one cell of
 * ±30 must not wash out its neighbours of ±2).
 */
export function cellScales(kind: "h" | "c", values: Float32Array, d: Dims, layer: number): Float64Array {
  const out = new Float64Array(d.H).fill(kind === "h" ? 1 : 1e-6);
  if (kind === "h") return out;
  for (let t = 0; t < d.T; t++) {
    const base = (t * d.L + layer) * d.H;
    for (let u = 0; u < d.H; u++) out[u] = Math.max(out[u], Math.abs(values[base + u]));
  }
  return out;
}

/** One prediction: a character and its probability. */
export interface Prediction {
  char: string;
  p: number;
}

/** The `k` most likely next characters after step `t`, from logits [T,V]. */
export function topPredictions(logits: Float32Array, V: number, t: number, vocab: readonly string[], k = 5): Prediction[] {
  const p = softmax(logits.subarray(t * V, (t + 1) * V));
  return Array.from(p, (prob, i) => ({ char: vocab[i], p: prob, i }))
    .sort((a, b) => b.p - a.p || a.i - b.i)
    .slice(0, k)
    .map(({ char, p }) => ({ char, p }));
}

/** A reader's feature: 1 where a character lies inside a match of their pattern, else 0. */
export type RegexFeature = { ok: true; values: Float64Array; matched: number } | { ok: false; message: string };

/**
 * Score `pattern` over `chars` (code points): value 1 at every character
 * inside a match. Zero-length matches mark nothing. Bad patterns give a
 * message for the reader instead of throwing.
 */
export function regexFeature(pattern: string, chars: readonly string[]): RegexFeature {
  if (pattern === "") return { ok: false, message: "Type a pattern first, for example [A-Z] or \\s." };
  let re: RegExp;
  try {
    re = new RegExp(pattern, "gu");
  } catch (err) {
    const why = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, "") : String(err);
    return { ok: false, message: `That pattern is not a valid regular expression (${why}).` };
  }
  // Match positions are UTF-16 offsets; map them to code-point indices.
  const unitToChar: number[] = [];
  chars.forEach((ch, i) => {
    for (let k = 0; k < ch.length; k++) unitToChar.push(i);
  });
  unitToChar.push(chars.length);
  const text = chars.join("");
  const values = new Float64Array(chars.length);
  for (const m of text.matchAll(re)) {
    const from = unitToChar[m.index];
    const to = unitToChar[m.index + m[0].length];
    for (let i = from; i < to; i++) values[i] = 1;
  }
  const matched = values.reduce((a, b) => a + b, 0);
  if (matched === 0) return { ok: false, message: "The pattern matches no character of the text, so no cell can follow it." };
  if (matched === chars.length) return { ok: false, message: "The pattern matches every character, so no cell can follow it: narrow it." };
  return { ok: true, values, matched };
}

/** Pearson correlation of two equally long series; null when either is constant. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i] - mx, b = y[i] - my;
    sxy += a * b;
    sxx += a * a;
    syy += b * b;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

/** A cell with its score (a correlation). */
export interface RankedCell {
  unit: number;
  r: number;
}

/** Every cell of `layer` scored by correlation with `feature` [T]; strongest |r| first. */
export function rankByFeature(values: Float32Array, d: Dims, layer: number, feature: ArrayLike<number>): RankedCell[] {
  const out: RankedCell[] = [];
  for (let u = 0; u < d.H; u++) {
    const r = pearson(cellSeries(values, d, layer, u), feature);
    if (r !== null) out.push({ unit: u, r });
  }
  return out.sort((a, b) => Math.abs(b.r) - Math.abs(a.r) || a.unit - b.unit);
}

/** neurons.json, the parts the explorer reads. */
export interface Neurons {
  features: string[];
  score: string;
  split: string;
  chars: number;
  scores: Record<string, Record<"h" | "c", number[][]>>;
}

/** The cells of `layer` ranked by neurons.json's precomputed correlation with `feature`. */
export function rankByNeurons(neurons: Neurons, feature: string, kind: "h" | "c", layer: number): RankedCell[] {
  const row = neurons.scores[feature]?.[kind]?.[layer] ?? [];
  return row.map((r, unit) => ({ unit, r })).sort((a, b) => Math.abs(b.r) - Math.abs(a.r) || a.unit - b.unit);
}

/** "position_in_line" → "position in line". */
export function featureName(id: string): string {
  return id.replace(/_/g, " ");
}

/** A cell named by a link: `?model=<id>&layer=<n>&kind=h|c&cell=<n>` (every part optional). */
export interface CellLink {
  model?: string;
  layer?: number;
  kind?: "h" | "c";
  unit?: number;
}

/**
 * Read a cell link from a page's query string, so the static neuron pictures
 * of Module 5 can open the explorer on the very cell they show. Malformed
 * parts are ignored rather than trusted.
 */
export function parseCellLink(search: string): CellLink {
  const q = new URLSearchParams(search);
  const int = (v: string | null) => (v !== null && /^\d{1,5}$/.test(v) ? Number(v) : undefined);
  const kind = q.get("kind");
  const link: CellLink = {
    model: q.get("model") ?? undefined,
    layer: int(q.get("layer")),
    kind: kind === "h" || kind === "c" ? kind : undefined,
    unit: int(q.get("cell")),
  };
  return link;
}
