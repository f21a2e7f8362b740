/**
 * The vanilla RNN step of Module 2, h = tanh(W_xh x + W_hh h_prev + b), in
 * plain arrays. Module 2's widgets check the reader's arithmetic against
 * these functions, so they keep every intermediate the lesson names.
 */

/** A column vector. */
export type Vec = number[];
/** A matrix as a list of rows: `W[i][j]` is row i, column j. */
export type Mat = number[][];

/** The intermediates of one step, named as in the lesson. */
export interface StepParts {
  /** W_xh · x */
  wx: Vec;
  /** W_hh · h_prev */
  wh: Vec;
  /** The pre-activation W_xh x + W_hh h_prev + b */
  pre: Vec;
  /** The new hidden state tanh(pre) */
  h: Vec;
}

/** Matrix times column vector: entry i is row i of `W` dotted with `x`. */
export function matVec(W: Mat, x: Vec): Vec {
  return W.map((row) => {
    if (row.length !== x.length) throw new Error(`cannot multiply a row of ${row.length} by a vector of ${x.length}`);
    return row.reduce((sum, w, j) => sum + w * x[j], 0);
  });
}

/** Element-wise sum of vectors of equal length. */
export function addVec(...vs: Vec[]): Vec {
  return vs[0].map((_, i) => vs.reduce((sum, v) => sum + v[i], 0));
}

/** The transpose, used to name the "row instead of column" slip. */
export function transpose(W: Mat): Mat {
  return W[0].map((_, j) => W.map((row) => row[j]));
}

/** One RNN step with all its intermediates. */
export function rnnStep(Wxh: Mat, Whh: Mat, b: Vec, x: Vec, hPrev: Vec): StepParts {
  const wx = matVec(Wxh, x);
  const wh = matVec(Whh, hPrev);
  const pre = addVec(wx, wh, b);
  return { wx, wh, pre, h: pre.map(Math.tanh) };
}

/** Run the RNN over `xs` from `h0`; returns h_1 … h_T (h_0 is not included). */
export function rnnRun(Wxh: Mat, Whh: Mat, b: Vec, xs: Vec[], h0: Vec): Vec[] {
  const hs: Vec[] = [];
  let h = h0;
  for (const x of xs) {
    h = rnnStep(Wxh, Whh, b, x, h).h;
    hs.push(h);
  }
  return hs;
}


/** A number with one decimal drawn from [lo, hi], never 0 (a zero weight teaches nothing). */
export function oneDecimal(rand: () => number, lo: number, hi: number): number {
  const steps = Math.round((hi - lo) * 10);
  for (;;) {
    const v = Math.round(lo * 10 + Math.floor(rand() * (steps + 1))) / 10;
    if (v !== 0) return v;
  }
}

/**
 * Parse what a reader typed: accepts "-0.5", "−0.5" (U+2212), "+.5" and a
 * decimal comma ("0,5"). Returns null for empty or unreadable input.
 */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/\u2212|\u2013/g, "-").replace(",", ".");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  return Number(t);
}
