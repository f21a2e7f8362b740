/**
 * Hand Calculate, without the DOM: draw a friendly one-step problem, check
 * each number the reader types, name the likely slip, and write the worked
 * solution. Everything here is a plain function of its arguments.
 */
import { matVec, oneDecimal, rnnStep, transpose, type Mat, type StepParts, type Vec } from "../lib/rnn.ts";
import { short } from "../lib/numbers.ts";
import { mulberry32 } from "../lib/random.ts";

/** Answers within this absolute distance of the true value count as right. */
export const TOLERANCE = 0.01;

/** The numbers of one exercise. */
export interface Problem {
  Wxh: Mat;
  Whh: Mat;
  x: Vec;
  hPrev: Vec;
  b: Vec;
}

/** The four quantities the reader computes, each a 2-vector. */
export type Quantity = keyof StepParts; // "wx" | "wh" | "pre" | "h"
export const QUANTITIES: Quantity[] = ["wx", "wh", "pre", "h"];

/** One box: a quantity and an entry index (0 or 1). */
export interface Field {
  q: Quantity;
  i: number;
}

/** What the reader typed so far: `null` for an empty or unreadable box. */
export type Entries = Record<Quantity, (number | null)[]>;

export interface Verdict {
  ok: boolean;
  message: string;
}

const near = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE + 1e-9;
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/**
 * Draw problem number `n` (1, 2, …). Rejection sampling keeps only problems
 * where the usual slips give visibly different numbers: non-symmetric
 * matrices (|W[1][2] − W[2][1]| ≥ 0.3; vector entries are at least 0.1 in
 * size, so a row and a column give answers at least 0.03 apart) and
 * pre-activations between 0.5 and 1.8 in size (so tanh moves them by more
 * than the tolerance, yet the answer is not squashed flat at ±1).
 */
export function makeProblem(n: number): Problem {
  const rand = mulberry32(0x5eed + n * 7919);
  const mat = (): Mat => [0, 1].map(() => [0, 1].map(() => oneDecimal(rand, -1, 1)));
  const vec = (lo: number, hi: number): Vec => [0, 1].map(() => oneDecimal(rand, lo, hi));
  for (;;) {
    const p: Problem = { Wxh: mat(), x: vec(-1, 1), Whh: mat(), hPrev: vec(-0.9, 0.9), b: vec(-0.5, 0.5) };
    const s = solve(p);
    const asymmetric = (W: Mat) => Math.abs(W[0][1] - W[1][0]) >= 0.3;
    const friendly = s.pre.every((v) => Math.abs(v) >= 0.5 && Math.abs(v) <= 1.8);
    if (asymmetric(p.Wxh) && asymmetric(p.Whh) && friendly) return p;
  }
}

/** The true intermediates of the problem's step. */
export function solve(p: Problem): StepParts {
  return rnnStep(p.Wxh, p.Whh, p.b, p.x, p.hPrev);
}

/** Wrong answers we can recognise, in the order we test them, each with what to say. */
function slips(p: Problem, s: StepParts, { q, i }: Field, entries: Entries): [number, string][] {
  const other = 1 - i;
  const row = i + 1;
  switch (q) {
    case "wx":
    case "wh": {
      const [W, v, name, vname, wrongV, wrongName] =
        q === "wx" ? [p.Wxh, p.x, "W_xh", "x", p.hPrev, "h_prev"] : [p.Whh, p.hPrev, "W_hh", "h_prev", p.x, "x"];
      return [
        [matVec(transpose(W), v)[i], `You used column ${row} of ${name}; entry ${row} is row ${row} of ${name} times ${vname}.`],
        [W[i][i] * v[i], `You kept only ${name}[${row},${row}]·${vname}[${row}]; add the other product of row ${row} too.`],
        [s[q][other], `That is entry ${other + 1}. Entry ${row} comes from row ${row} of ${name}.`],
        [matVec(W, wrongV)[i], `You multiplied ${name} by ${wrongName}; this product uses ${vname}.`],
      ];
    }
    case "pre": {
      const mine = [entries.wx[i], entries.wh[i]];
      const fromMine: [number, string][] =
        mine[0] !== null && mine[1] !== null
          ? [[mine[0] + mine[1] + p.b[i], "That is your two products plus b: the method is right, so fix the products above."]]
          : [];
      return [
        [s.wx[i] + s.wh[i], "You forgot the bias: add b to the two products."],
        [s.wx[i] + s.wh[i] - p.b[i], `You subtracted the bias; b[${row}] is ${short(p.b[i])}, so add it as it is.`],
        [s.h[i], "That is already tanh of the sum; this box wants the sum before tanh."],
        ...fromMine,
      ];
    }
    case "h": {
      const mine = entries.pre[i];
      const fromMine: [number, string][] =
        mine !== null ? [[Math.tanh(mine), "That is tanh of your sum, which is off: fix the sum above first."]] : [];
      return [
        [s.pre[i], "You forgot tanh: this box is tanh of the sum above."],
        [Math.tanh(s.wx[i] + s.wh[i]), "That is tanh of the sum without the bias; the bias goes inside tanh."],
        [sigmoid(s.pre[i]), "That is the logistic sigmoid; the RNN step uses tanh."],
        ...fromMine,
      ];
    }
  }
}

/** A hint that points at the method without giving the number away. */
function method(p: Problem, { q, i }: Field): string {
  const row = i + 1;
  switch (q) {
    case "wx":
      return `Not yet. Entry ${row} is row ${row} of W_xh dotted with x: W_xh[${row},1]·x[1] + W_xh[${row},2]·x[2].`;
    case "wh":
      return `Not yet. Entry ${row} is row ${row} of W_hh dotted with h_prev.`;
    case "pre":
      return `Not yet. Add entry ${row} of both products and b[${row}] = ${short(p.b[i])}.`;
    case "h":
      return `Not yet. Apply tanh to entry ${row} of the sum (a calculator's tanh button, not tan).`;
  }
}

/** Check one box: right within the tolerance, or the slip it most likely shows. */
export function checkField(p: Problem, field: Field, entries: Entries): Verdict {
  const value = entries[field.q][field.i];
  if (value === null) return { ok: false, message: "Type a number here, for example −0.35." };
  const s = solve(p);
  const truth = s[field.q][field.i];
  if (near(value, truth)) return { ok: true, message: "Right." };
  for (const [candidate, message] of slips(p, s, field, entries)) {
    // A slip only explains the answer if it gives a different number from the truth.
    if (near(value, candidate) && !near(candidate, truth)) return { ok: false, message };
  }
  if (field.q === "h" && Math.abs(value - truth) <= 0.05) {
    return { ok: false, message: `Close, but outside ±${TOLERANCE}: keep at least two decimals of tanh.` };
  }
  return { ok: false, message: method(p, field) };
}

const paren = (v: number) => (v < 0 ? `(${short(v)})` : short(v));

/** The worked arithmetic, one line per box, in the order the reader fills them. */
export function workedSolution(p: Problem): string[] {
  const s = solve(p);
  const lines: string[] = [];
  const product = (W: Mat, v: Vec, name: string, out: Vec) => {
    for (const i of [0, 1]) {
      lines.push(
        `${name}, entry ${i + 1}: ${paren(W[i][0])}·${paren(v[0])} + ${paren(W[i][1])}·${paren(v[1])}` +
          ` = ${short(W[i][0] * v[0])} + ${paren(W[i][1] * v[1])} = ${short(out[i])}`,
      );
    }
  };
  product(p.Wxh, p.x, "W_xh x", s.wx);
  product(p.Whh, p.hPrev, "W_hh h_prev", s.wh);
  for (const i of [0, 1]) {
    lines.push(`sum, entry ${i + 1}: ${short(s.wx[i])} + ${paren(s.wh[i])} + ${paren(p.b[i])} = ${short(s.pre[i])}`);
  }
  for (const i of [0, 1]) lines.push(`h, entry ${i + 1}: tanh(${short(s.pre[i])}) = ${short(s.h[i], 4)}`);
  return lines;
}
