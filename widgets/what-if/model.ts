/**
 * "What If?" without the DOM: the presets for W_hh, the input sequences, the
 * 30-step run of a 2-unit RNN, and notes computed from the run (never typed
 * by hand, so they stay true when a number changes).
 */
import { rnnRun, type Mat, type Vec } from "../lib/rnn.ts";
import { percent, short } from "../lib/numbers.ts";

export const STEPS = 30;
export type PresetId = "identity" | "zero" | "large" | "custom";
export type InputId = "pulse" | "constant";

/** What the reader chose. `scale` is only used by the custom preset. */
export interface Setup {
  preset: PresetId;
  input: InputId;
  scale: number;
}

/** The run: the weights used, the inputs and the hidden states h_1 … h_30. */
export interface Run {
  Whh: Mat;
  Wxh: Mat;
  b: Vec;
  xs: number[];
  hs: Vec[];
}

/** One scalar input feeds both units, with opposite signs so the two lines part. */
export const WXH: Mat = [[0.5], [-0.3]];
/** No bias: with W_hh = 0 a zero input then gives an exactly zero state. */
export const BIAS: Vec = [0, 0];
/** The custom preset's shape: a rotation by about 53° (3-4-5 triangle), which mixes the units. */
export const ROTATION: Mat = [
  [0.6, -0.8],
  [0.8, 0.6],
];
export const CONSTANT_X = 0.5;

export const PRESETS: Record<PresetId, { label: string; explain: string }> = {
  identity: {
    label: "W_hh = I (identity)",
    explain:
      "W_hh = I copies the state forward unchanged and only tanh shrinks it a little, so the state accumulates: a pulse is remembered for a long time and a constant input piles up.",
  },
  zero: {
    label: "W_hh = 0",
    explain: "W_hh = 0 cuts the loop: every state depends only on the current input, so the network forgets immediately.",
  },
  large: {
    label: "W_hh = 3·I (large)",
    explain:
      "W_hh = 3·I triples the state at every step, so tanh saturates at ±1 and the state stays stuck there, whatever the input does next.",
  },
  custom: {
    label: "Custom: W_hh = s·R",
    explain:
      "W_hh = s·R turns the state by 53° and scales it by s, mixing the two units: a small s forgets, s near 1 makes the state swing between the units, a large s saturates.",
  },
};

export const INPUTS: Record<InputId, string> = {
  pulse: "Pulse: x = 1 at step 1, then 0",
  constant: `Constant: x = ${CONSTANT_X} at every step`,
};

const scaled = (s: number, W: Mat): Mat => W.map((row) => row.map((w) => s * w));

/** The recurrent matrix for a setup. */
export function recurrentMatrix(setup: Setup): Mat {
  switch (setup.preset) {
    case "identity":
      return [[1, 0], [0, 1]];
    case "zero":
      return [[0, 0], [0, 0]];
    case "large":
      return [[3, 0], [0, 3]];
    case "custom":
      // Rounded to 0.01 so the matrix shown on the page is the matrix used.
      return scaled(setup.scale, ROTATION).map((row) => row.map((w) => Math.round(w * 100) / 100));
  }
}

/** The scalar inputs x_1 … x_30. */
export function inputSequence(input: InputId): number[] {
  return Array.from({ length: STEPS }, (_, t) => (input === "pulse" ? (t === 0 ? 1 : 0) : CONSTANT_X));
}

/** Run the RNN from h_0 = 0 for 30 steps. */
export function simulate(setup: Setup): Run {
  const Whh = recurrentMatrix(setup);
  const xs = inputSequence(setup.input);
  const hs = rnnRun(WXH, Whh, BIAS, xs.map((x) => [x]), [0, 0]);
  return { Whh, Wxh: WXH, b: BIAS, xs, hs };
}

/** First step (1-based) from which `pred` holds at every later step, or null. */
function holdsFrom(values: number[], pred: (v: number) => boolean): number | null {
  let k = values.length;
  while (k > 0 && pred(values[k - 1])) k--;
  return k < values.length ? k + 1 : null;
}

/** A condition must hold for this many final steps to be called settled: one step is a coincidence. */
const SETTLED = 5;

/**
 * Sentences read off the run, most telling first: exact zeros, a constant
 * state, units settled at ±1, fading, sign changes, saturation while
 * swinging, and otherwise how much of a pulse is left or how far a constant
 * input pushed the state.
 */
export function notes(run: Run): string[] {
  const T = run.hs.length;
  const unit = (u: number) => run.hs.map((h) => h[u]);
  const size = run.hs.map((h) => Math.max(...h.map(Math.abs)));
  const settledFrom = (values: number[], pred: (v: number) => boolean) => {
    const k = holdsFrom(values, pred);
    return k !== null && k <= T - SETTLED + 1 ? k : null;
  };
  const zeroFrom = holdsFrom(size, (v) => v === 0);
  if (zeroFrom !== null && zeroFrom > 1) {
    return [`After step ${zeroFrom - 1} the state is exactly 0 at every later step: nothing is carried forward.`];
  }
  if (run.hs.every((h) => h.every((v, u) => v === run.hs[0][u]))) {
    return [`The state is the same at every step, h = (${run.hs[0].map((v) => short(v, 3)).join(", ")}): each step sees only its own input.`];
  }
  const out: string[] = [];
  for (const u of [0, 1]) {
    const hi = settledFrom(unit(u), (v) => v > 0.99);
    const lo = settledFrom(unit(u), (v) => v < -0.99);
    if (hi !== null) out.push(`Unit ${u + 1} sits above 0.99 from step ${hi} on.`);
    else if (lo !== null) out.push(`Unit ${u + 1} sits below −0.99 from step ${lo} on.`);
  }
  if (out.length > 0) return out;
  const fade = settledFrom(size, (v) => v < 0.01);
  if (fade !== null) return [`The state shrinks below 0.01 in size from step ${fade} on: it is forgotten.`];
  for (const u of [0, 1]) {
    const v = unit(u);
    const flips = v.slice(1).filter((x, t) => x * v[t] < 0).length; // v[t] is the step before x
    const pinned = v.filter((x) => Math.abs(x) > 0.99).length;
    if (flips >= 2) {
      const range = `between ${short(Math.min(...v), 2)} and ${short(Math.max(...v), 2)}`;
      const sat = pinned >= SETTLED ? `, and is beyond ±0.99 at ${pinned} of ${T} steps` : "";
      out.push(`Unit ${u + 1} changes sign ${flips} times, swinging ${range}${sat}.`);
    }
  }
  if (out.length > 0) return [...out, "W_hh keeps passing the state from one unit to the other."];
  const u0 = unit(0);
  if (run.xs.slice(1).every((x) => x === 0)) {
    const kept = Math.abs(u0[T - 1] / u0[0]);
    return [`After ${T} steps unit 1 still holds ${short(u0[T - 1], 3)}, ${percent(kept)} of its step-1 value ${short(u0[0], 3)}.`];
  }
  const verb = Math.abs(u0[T - 1]) > Math.abs(u0[0]) ? "grows" : "goes";
  return [`Unit 1 ${verb} from ${short(u0[0], 3)} at step 1 to ${short(u0[T - 1], 3)} at step ${T}.`];
}
