/**
 * Attention Weight Calculator, without the DOM: one query against a few keys, scored two ways
 * (dot product, optionally scaled by 1/√d, and Bahdanau's additive score), each turned into
 * weights by a stable softmax, and the context vector they give. Also what the reader typed,
 * read and checked (`readDraft`), and the resizing that adding a key or a dimension needs.
 * Everything here is a plain function of its arguments: tests/js/attention.* call it.
 */

export type Vec = number[];
export type Mat = number[][];

/** The plan's worked example (Module 7): the numbers the widget starts from. */
export const START = {
  query: [0.5, 0.3],
  keys: [
    [0.4, 0.2],
    [0.1, 0.8],
    [0.6, 0.1],
  ],
};
export const MIN_KEYS = 2;
export const MAX_KEYS = 8;
export const MIN_DIM = 2;
export const MAX_DIM = 4;
/** Inputs larger than this in size are refused: q·k then stays far from overflow (≤ 4·10¹²). */
export const LIMIT = 1e6;

/** Everything the pipeline needs, as numbers. `values` null means "the values are the keys". */
export interface Inputs {
  query: Vec;
  keys: Vec[];
  values: Vec[] | null;
  /** Divide the dot products by √d. */
  scaled: boolean;
  /** Every score is multiplied by this before the softmax (0: uniform; large: one-hot). */
  sharpness: number;
  /** The additive score's parameters: e_i = v · tanh(W_q q + W_k k_i), W_q and W_k d × d. */
  Wq: Mat;
  Wk: Mat;
  v: Vec;
}

/** A softmax with its intermediate values, as the widget's table shows them. */
export interface SoftmaxParts {
  /** The largest score (subtracted first, so that exp never overflows). */
  max: number;
  /** z_i − max (≤ 0). */
  shifted: Vec;
  /** exp(z_i − max), in (0, 1]. */
  exps: Vec;
  /** Σ exp(z_j − max), ≥ 1. */
  sum: number;
  /** exp(z_i − max) / sum: the weights, adding up to 1. */
  weights: Vec;
}

/** One score kind's way from raw scores to the context vector. */
export interface Scored {
  /** The raw scores (q·k_i, or v·tanh(…)). */
  raw: Vec;
  /** The scores the softmax receives (scaled and sharpened). */
  logits: Vec;
  softmax: SoftmaxParts;
  /** Σ_i w_i v_i. */
  context: Vec;
  /** Index of the key with the largest weight (the first of equals). */
  winner: number;
}

export interface Result {
  d: number;
  n: number;
  /** 1/√d when scaled, else 1. */
  scale: number;
  sharpness: number;
  /** q_j · k_ij, per key and component: the products the dot product adds up. */
  products: Mat;
  dot: Scored;
  /** W_q q (shared by every key). */
  wq: Vec;
  /** W_q q + W_k k_i, per key. */
  pre: Mat;
  /** tanh(W_q q + W_k k_i), per key. */
  hidden: Mat;
  additive: Scored;
  /** The values used (the keys when `values` is null). */
  values: Vec[];
}

/** a · b. */
export function dot(a: Vec, b: Vec): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

/** W x. */
export function matVec(W: Mat, x: Vec): Vec {
  return W.map((row) => dot(row, x));
}

/**
 * A numerically stable softmax: the largest score is subtracted before exp, which changes no
 * weight (it cancels between numerator and denominator) but keeps every exp in (0, 1]. Scores of
 * +∞ share the weight; −∞ gets none; an empty or all-NaN input gives no weights.
 */
export function softmax(z: Vec): SoftmaxParts {
  const finite = z.filter((v) => !Number.isNaN(v));
  const max = finite.length ? Math.max(...finite) : 0;
  if (max === Infinity) {
    const inf = z.filter((v) => v === Infinity).length;
    const weights = z.map((v) => (v === Infinity ? 1 / inf : 0));
    return { max, shifted: z.map((v) => (v === Infinity ? 0 : -Infinity)), exps: weights.map((w) => (w ? 1 : 0)), sum: inf, weights };
  }
  const shifted = z.map((v) => (Number.isNaN(v) ? -Infinity : v - max));
  const exps = shifted.map(Math.exp);
  const sum = exps.reduce((a, b) => a + b, 0);
  return { max, shifted, exps, sum, weights: exps.map((e) => (sum > 0 ? e / sum : 0)) };
}

/** Index of the largest entry (the first of equals). */
export function argmax(v: Vec): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}

/** Σ_i w_i vs_i. */
export function weightedSum(weights: Vec, vs: Vec[]): Vec {
  const d = vs[0]?.length ?? 0;
  const out = new Array<number>(d).fill(0);
  weights.forEach((w, i) => vs[i].forEach((x, j) => (out[j] += w * x)));
  return out;
}

function scored(raw: Vec, factor: number, values: Vec[]): Scored {
  // factor 0 times an infinite score would be NaN: a sharpness of 0 means "no preference" for all.
  const logits = raw.map((s) => (factor === 0 ? 0 : s * factor));
  const sm = softmax(logits);
  return { raw, logits, softmax: sm, context: weightedSum(sm.weights, values), winner: argmax(sm.weights) };
}

/** The whole pipeline for `inp`: both scores, their softmaxes and context vectors. */
export function attend(inp: Inputs): Result {
  const d = inp.query.length;
  const values = inp.values ?? inp.keys;
  const scale = inp.scaled ? 1 / Math.sqrt(d) : 1;
  const products = inp.keys.map((k) => k.map((x, j) => inp.query[j] * x));
  const dotScores = products.map((p) => p.reduce((a, b) => a + b, 0));
  const wq = matVec(inp.Wq, inp.query);
  const pre = inp.keys.map((k) => matVec(inp.Wk, k).map((x, j) => wq[j] + x));
  const hidden = pre.map((p) => p.map(Math.tanh));
  const addScores = hidden.map((t) => dot(inp.v, t));
  return {
    d,
    n: inp.keys.length,
    scale,
    sharpness: inp.sharpness,
    products,
    dot: scored(dotScores, scale * inp.sharpness, values),
    wq,
    pre,
    hidden,
    additive: scored(addScores, inp.sharpness, values),
    values,
  };
}

/** The sharpness slider: position 0 is 0 (uniform), then 10^((p − 20)/20): 0.11 at 1, 1 at 20, 1000 at 80. */
export const SHARPNESS_STEPS = 80;
export const SHARPNESS_START = 20;
export function sharpnessAt(position: number): number {
  const p = Math.min(SHARPNESS_STEPS, Math.max(0, Math.round(position)));
  return p === 0 ? 0 : Number((10 ** ((p - 20) / 20)).toPrecision(2));
}

/** A share as "41%" (below 1%: "<1%", above 99% but not all: ">99%"). */
export function share(w: number): string {
  if (w > 0 && w < 0.005) return "<1%";
  if (w < 1 && w > 0.995) return ">99%";
  return `${Math.round(w * 100)}%`;
}

/** True when every weight of `s` is the same (a sharpness of 0, or equal scores). */
const even = (s: Scored): boolean => Math.max(...s.softmax.weights) - Math.min(...s.softmax.weights) < 1e-12;

/** The sentence the live region says after a change: "Key 3 gets 35% of the attention …". */
export function summary(r: Result): string {
  const dw = r.dot.softmax.weights[r.dot.winner];
  const aw = r.additive.softmax.weights[r.additive.winner];
  const dot = even(r.dot)
    ? `Every key gets ${share(dw)} of the attention (dot-product score)`
    : `Key ${r.dot.winner + 1} gets ${share(dw)} of the attention (dot-product score)`;
  if (even(r.additive)) return `${dot}; the additive score gives every key ${share(aw)}.`;
  const same = r.dot.winner === r.additive.winner && !even(r.dot) ? "the same key" : `key ${r.additive.winner + 1}`;
  return `${dot}; the additive score gives ${same} the most, ${share(aw)}.`;
}

/**
 * Why the dot product's winner wins, in a sentence: its score is the largest, by how much, and
 * what the softmax makes of that gap.
 */
export function whyWinner(r: Result, fmt: (v: number) => string): string {
  const s = r.dot;
  const w = s.softmax.weights;
  const k = s.winner + 1;
  if (r.n < 2) return "";
  const order = w.map((_, i) => i).sort((a, b) => w[b] - w[a] || a - b);
  const second = order[1];
  if (w[s.winner] - w[second] < 1e-12) {
    if (r.sharpness === 0) return `No key wins: a sharpness of 0 makes every softmax input 0, so every key gets ${share(w[s.winner])}.`;
    return `No key wins: keys ${k} and ${second + 1} have the same score, ${fmt(s.raw[s.winner])}, so they get the same weight.`;
  }
  const gap = s.logits[s.winner] - s.logits[second];
  const ratio = Math.exp(gap);
  const times = Number.isFinite(ratio) && ratio < 1e6 ? `${fmt(ratio)} times` : "over a million times";
  return `Key ${k} wins: q·k${sub(k)} = ${fmt(s.raw[s.winner])} is the largest dot product ` +
    `(the key that points most along the query, counting its length). Its softmax input is ${fmt(gap)} ` +
    `above key ${second + 1}'s, so it gets exp(${fmt(gap)}) = ${times} key ${second + 1}'s weight: ` +
    `${share(w[s.winner])} against ${share(w[second])}.`;
}

/** What the additive score prefers, in a sentence, and whether the dot product agrees. */
export function whyAdditive(r: Result, fmt: (v: number) => string): string {
  const a = r.additive;
  const k = a.winner + 1;
  const w = a.softmax.weights;
  if (Math.max(...w) - Math.min(...w) < 1e-12) return "The additive score gives every key the same weight.";
  const agree = a.winner === r.dot.winner ? "agrees" : `disagrees: it prefers key ${k}`;
  return `The additive score ${agree}, with e${sub(k)} = v·tanh(W_q q + W_k k${sub(k)}) = ${fmt(a.raw[a.winner])} ` +
    `its largest score, and ${share(a.softmax.weights[a.winner])} of its weight.`;
}

const SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";
/** 12 as "₁₂". */
export function sub(n: number): string {
  return String(n).replace(/\d/g, (c) => SUBSCRIPTS[Number(c)]);
}

// ------------------------------------------------------------------ what the reader typed

/**
 * A number typed by the reader: "-0.5", "−0.5", "+.5", "0,5", "1e3". Null when empty or not a
 * plain number; too large in size is an error of its own (see `readEntry`).
 */
export function parseEntry(text: string): number | null {
  const t = text.trim().replace(/\u2212|\u2013/g, "-").replace(",", ".");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** What is wrong with one field, or null when it reads as a number the widget accepts. */
export function entryProblem(text: string): string | null {
  if (text.trim() === "") return "is empty";
  const v = parseEntry(text);
  if (v === null) return `"${text.trim()}" is not a number`;
  if (Math.abs(v) > LIMIT) return "is too large: use numbers between −1,000,000 and 1,000,000";
  return null;
}

/** The reader's fields as typed (strings), and the choices that are not typed. */
export interface Draft {
  query: string[];
  keys: string[][];
  /** The reader's own values (kept even while `ownValues` is off). */
  values: string[][];
  ownValues: boolean;
  scaled: boolean;
  sharpness: number;
  Wq: string[][];
  Wk: string[][];
  v: string[];
}

/** One field the reader must fix: its field name (data-field) and a sentence about it. */
export interface FieldError {
  field: string;
  message: string;
}

/** A readable name for a field: "q" → "Query", "k2.1" → "Key 2, entry 1". */
export function fieldLabel(field: string): string {
  const [name, rest] = [field.replace(/[\d.]+$/, ""), field.match(/[\d.]+$/)?.[0] ?? ""];
  const [i, j] = rest.split(".").map(Number);
  const base: Record<string, string> = { q: "Query", k: "Key", val: "Value", Wq: "W_q", Wk: "W_k", v: "v" };
  if (name === "q" || name === "v") return `${base[name]}, entry ${i}`;
  if (name === "Wq" || name === "Wk") return `${base[name]}, row ${i}, column ${j}`;
  return `${base[name] ?? name} ${i}, entry ${j}`;
}

/** The fields of a draft as [field name, typed text] pairs, in reading order. */
export function draftFields(dr: Draft): [string, string][] {
  const out: [string, string][] = [];
  dr.query.forEach((t, j) => out.push([`q${j + 1}`, t]));
  dr.keys.forEach((k, i) => k.forEach((t, j) => out.push([`k${i + 1}.${j + 1}`, t])));
  if (dr.ownValues) dr.values.forEach((k, i) => k.forEach((t, j) => out.push([`val${i + 1}.${j + 1}`, t])));
  dr.Wq.forEach((r, i) => r.forEach((t, j) => out.push([`Wq${i + 1}.${j + 1}`, t])));
  dr.Wk.forEach((r, i) => r.forEach((t, j) => out.push([`Wk${i + 1}.${j + 1}`, t])));
  dr.v.forEach((t, j) => out.push([`v${j + 1}`, t]));
  return out;
}

/** Read a draft: the numbers, or every field that is not a number the widget accepts. */
export function readDraft(dr: Draft): { inputs: Inputs; errors: [] } | { inputs: null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  for (const [field, text] of draftFields(dr)) {
    const problem = entryProblem(text);
    if (problem) errors.push({ field, message: `${fieldLabel(field)} ${problem}.` });
  }
  if (errors.length) return { inputs: null, errors };
  const num = (t: string) => parseEntry(t) as number;
  const mat = (m: string[][]) => m.map((r) => r.map(num));
  return {
    inputs: {
      query: dr.query.map(num),
      keys: mat(dr.keys),
      values: dr.ownValues ? mat(dr.values) : null,
      scaled: dr.scaled,
      sharpness: dr.sharpness,
      Wq: mat(dr.Wq),
      Wk: mat(dr.Wk),
      v: dr.v.map(num),
    },
    errors: [],
  };
}

/** A number as a field shows it at the start: up to 4 decimals, trailing zeros dropped. */
export const asText = (v: number): string => String(Number(v.toFixed(4)));

/** The identity-like d × d matrix as text: the additive score's default W_q and W_k. */
export function identityText(d: number): string[][] {
  return Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? "1" : "0")));
}

/** The draft the widget starts with: the plan's numbers, values = keys, identity W's, v = ones. */
export function startDraft(): Draft {
  const d = START.query.length;
  return {
    query: START.query.map(asText),
    keys: START.keys.map((k) => k.map(asText)),
    values: START.keys.map((k) => k.map(asText)),
    ownValues: false,
    scaled: false,
    sharpness: 1,
    Wq: identityText(d),
    Wk: identityText(d),
    v: Array.from({ length: d }, () => "1"),
  };
}

/** `row` cut or padded (with `fill`) to length d. */
function fit(row: string[], d: number, fill: (j: number) => string): string[] {
  return Array.from({ length: d }, (_, j) => (j < row.length ? row[j] : fill(j)));
}

/** The draft in dimension d: vectors cut or padded with 0, W's padded like the identity, v with 1. */
export function withDimension(dr: Draft, d: number): Draft {
  const dd = Math.min(MAX_DIM, Math.max(MIN_DIM, d));
  const zero = () => "0";
  const padMat = (m: string[][]) =>
    Array.from({ length: dd }, (_, i) => fit(m[i] ?? [], dd, (j) => (i === j ? "1" : "0")));
  return {
    ...dr,
    query: fit(dr.query, dd, zero),
    keys: dr.keys.map((k) => fit(k, dd, zero)),
    values: dr.values.map((k) => fit(k, dd, zero)),
    Wq: padMat(dr.Wq),
    Wk: padMat(dr.Wk),
    v: fit(dr.v, dd, () => "1"),
  };
}

/** The draft with one more key (and value), all zeros, unless it has MAX_KEYS already. */
export function withKeyAdded(dr: Draft): Draft {
  if (dr.keys.length >= MAX_KEYS) return dr;
  const zeros = dr.query.map(() => "0");
  return { ...dr, keys: [...dr.keys, zeros], values: [...dr.values, [...zeros]] };
}

/** The draft without key (and value) `i`, unless only MIN_KEYS are left. */
export function withKeyRemoved(dr: Draft, i: number): Draft {
  if (dr.keys.length <= MIN_KEYS || i < 0 || i >= dr.keys.length) return dr;
  return { ...dr, keys: dr.keys.filter((_, k) => k !== i), values: dr.values.filter((_, k) => k !== i) };
}

/** Write `text` into the draft's field `field` ("q2", "k3.1", "val1.2", "Wq1.2", "Wk2.2", "v1"). */
export function setField(dr: Draft, field: string, text: string): void {
  const m = /^(q|k|val|Wq|Wk|v)(\d+)(?:\.(\d+))?$/.exec(field);
  if (!m) return;
  const i = Number(m[2]) - 1;
  const j = Number(m[3] ?? 0) - 1;
  const rows: Record<string, string[][]> = { k: dr.keys, val: dr.values, Wq: dr.Wq, Wk: dr.Wk };
  if (m[1] === "q" || m[1] === "v") {
    const row = m[1] === "q" ? dr.query : dr.v;
    if (i < row.length) row[i] = text;
  } else if (rows[m[1]][i] && j >= 0 && j < rows[m[1]][i].length) {
    rows[m[1]][i][j] = text;
  }
}
