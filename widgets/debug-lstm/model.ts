/**
 * "Debug the LSTM" without the DOM: three small LSTMs (4 units, seeded
 * random weights) read the same sequence, a marker at step 1 followed by
 * noise, and each has one fault in its gate biases. The reader sees the
 * average gate activations per step and diagnoses the fault. The answer key
 * and the feedback live here; tests/test_module3_widgets.py recomputes the
 * activations with NumPy from the exported weights and checks that each key
 * is what the numbers show.
 */
import { mulberry32 } from "../lib/random.ts";

export const H = 4;
export const D = 2;
export const T = 16;
export const SEED = 7;

export type FaultId = "forget-low" | "input-closed" | "output-closed" | "learning-rate" | "healthy";

export const CHOICES: Record<FaultId, string> = {
  "forget-low": "The forget-gate bias is too low",
  "input-closed": "The input gate is stuck closed",
  "output-closed": "The output gate is stuck closed",
  "learning-rate": "The learning rate is too high",
  healthy: "Nothing is wrong with the gates",
};

export interface Case {
  id: string;
  symptom: string;
  /** Gate biases (i, f, o); the candidate's bias is 0. */
  bias: { i: number; f: number; o: number };
  answer: FaultId;
  /** Shown once the reader has the right answer. */
  explanation: string;
}

export const CASES: Case[] = [
  {
    id: "patient-1",
    symptom: "This model learns to spell words but never closes a bracket opened more than a few characters earlier.",
    bias: { i: 0, f: -3, o: 0 },
    answer: "forget-low",
    explanation:
      "The forget gate sits near 0.05 at every step, so each step keeps only about 5% of the cell state: whatever the marker wrote at step 1 is gone within two or three steps. Initialising the forget-gate bias to 1 or more (many libraries do) lets the cell hold information by default.",
  },
  {
    id: "patient-2",
    symptom: "This model's cell state never seems to hold anything, not even for one step, and its predictions ignore the input entirely.",
    bias: { i: -6, f: 2, o: 0 },
    answer: "input-closed",
    explanation:
      "The input gate is almost exactly 0 at every step, so nothing is ever written: the cell state stays near 0 although the forget gate would happily keep it. A very negative input-gate bias (or saturated weights) causes this.",
  },
  {
    id: "patient-3",
    symptom: "Probing this model shows a cell state that clearly remembers the marker, yet its hidden state, and so every prediction, is flat.",
    bias: { i: 0, f: 2, o: -6 },
    answer: "output-closed",
    explanation:
      "The cell does its job (the forget gate is high and the cell state builds up clearly non-zero values), but the output gate is near 0, so h = o·tanh(c) exposes almost none of it. The memory is there; the rest of the network never sees it.",
  },
];

/** Why a wrong choice does not fit the numbers on screen. */
export const WRONG: Record<FaultId, string> = {
  "forget-low": "Look at the forget-gate row: where it is high, the cell keeps its contents, so that is not this model's problem.",
  "input-closed": "Look at the input-gate row: it is clearly above 0, so new information does get written.",
  "output-closed": "Look at the output-gate row: it is clearly above 0, so the hidden state does expose the cell.",
  "learning-rate": "A learning rate belongs to training, and these activations would look the same under any learning rate: the fault is visible in the gates themselves.",
  healthy: "One of the gate rows is pinned near 0 at every step: a healthy LSTM's gates move with the input.",
};

export interface Weights {
  /** (4H, H + D), rows in the order i, f, g, o (as in our ONNX models). */
  W: number[][];
  xs: number[][];
}

/** The shared weights and the input: uniform in [-0.8, 0.8], a marker of 1 at step 1, noise of ±0.5 after. */
export function weights(seed = SEED): Weights {
  const rnd = mulberry32(seed);
  const W = Array.from({ length: 4 * H }, () => Array.from({ length: H + D }, () => (rnd() * 2 - 1) * 0.8));
  const xs = Array.from({ length: T }, (_, t) => [t === 0 ? 1 : 0, t === 0 ? 0 : rnd() - 0.5]);
  return { W, xs };
}

export interface Trace {
  i: number[][];
  f: number[][];
  g: number[][];
  o: number[][];
  c: number[][];
  h: number[][];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Run the case's LSTM over the input from zero states; one row per step. */
export function simulate(c: Case, w: Weights = weights()): Trace {
  const tr: Trace = { i: [], f: [], g: [], o: [], c: [], h: [] };
  let h = new Array<number>(H).fill(0);
  let cell = new Array<number>(H).fill(0);
  for (const x of w.xs) {
    const v = [...h, ...x];
    const z = w.W.map((row) => row.reduce((s, wk, k) => s + wk * v[k], 0));
    const i = z.slice(0, H).map((a) => sigmoid(a + c.bias.i));
    const f = z.slice(H, 2 * H).map((a) => sigmoid(a + c.bias.f));
    const g = z.slice(2 * H, 3 * H).map(Math.tanh);
    const o = z.slice(3 * H).map((a) => sigmoid(a + c.bias.o));
    cell = cell.map((cp, u) => f[u] * cp + i[u] * g[u]);
    h = cell.map((cu, u) => o[u] * Math.tanh(cu));
    tr.i.push(i); tr.f.push(f); tr.g.push(g); tr.o.push(o); tr.c.push(cell); tr.h.push(h);
  }
  return tr;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The rows the reader sees: per step, the mean over units of each gate, and of |c| and |h|. */
export function rows(tr: Trace): { key: string; label: string; values: number[] }[] {
  return [
    { key: "f", label: "forget gate f (mean)", values: tr.f.map(mean) },
    { key: "i", label: "input gate i (mean)", values: tr.i.map(mean) },
    { key: "o", label: "output gate o (mean)", values: tr.o.map(mean) },
    { key: "c", label: "cell state |c| (mean)", values: tr.c.map((r) => mean(r.map(Math.abs))) },
    { key: "h", label: "hidden state |h| (mean)", values: tr.h.map((r) => mean(r.map(Math.abs))) },
  ];
}

/** Feedback for `choice` on `c`: right, with the explanation, or why not. */
export function feedback(c: Case, choice: FaultId): { right: boolean; text: string } {
  return choice === c.answer ? { right: true, text: `Right. ${c.explanation}` } : { right: false, text: `Not this one. ${WRONG[choice]}` };
}

/** Saved answers back in: only known cases and choices survive. */
export function restoreAnswers(saved: unknown): Record<string, FaultId> {
  const out: Record<string, FaultId> = {};
  if (saved && typeof saved === "object") {
    for (const [k, v] of Object.entries(saved as Record<string, unknown>)) {
      if (CASES.some((c) => c.id === k) && typeof v === "string" && v in CHOICES) out[k] = v as FaultId;
    }
  }
  return out;
}
