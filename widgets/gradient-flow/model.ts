/**
 * The Gradient Flow Simulator without the DOM: the reader's settings (saved
 * locally, checked on the way back in), the Python call that computes a run,
 * and the sentence that sums a run up (computed from the numbers, never typed).
 */
import { snapTo } from "../lib/range.ts";
import { pyNum } from "./python.ts";
import { sci } from "./plot.ts";

export type View = "both" | "rnn" | "lstm";

export interface Settings {
  view: View;
  /** W_hh = scale · Q for a random rotation Q (every singular value of W_hh is `scale`). */
  scale: number;
  /** The forget gate's bias b_f: sigmoid(3) ≈ 0.95 keeps most of the cell at each step. */
  forgetBias: number;
}

/** What flow.py's `flow()` returns. */
export interface Flow {
  lengths: number[];
  rnn: number[];
  lstm: number[];
}

export const DEFAULTS: Settings = { view: "both", scale: 1, forgetBias: 3 };
export const SCALE = { min: 0.5, max: 3, step: 0.1 };
export const FORGET = { min: -2, max: 6, step: 0.5 };

/** Settings read back from storage: anything out of range or malformed falls back to the defaults. */
export function restoreSettings(saved: unknown): Settings {
  const s = (saved ?? {}) as Partial<Settings>;
  return {
    view: s.view === "rnn" || s.view === "lstm" || s.view === "both" ? s.view : DEFAULTS.view,
    scale: snapTo(s.scale, SCALE, DEFAULTS.scale),
    forgetBias: snapTo(s.forgetBias, FORGET, DEFAULTS.forgetBias),
  };
}

/** The Python expression that computes the run for `s`. */
export const flowCallFor = (s: Settings): string => `flow(${pyNum(s.scale)}, ${pyNum(s.forgetBias)})`;

/** How a gradient of size `v` (it started at 1) fares, in words. */
function fate(v: number): string {
  if (v < 1e-6) return "has all but vanished";
  if (v < 0.1) return "has shrunk a lot";
  if (v <= 10) return "is still of a useful size";
  return "has exploded";
}

/** One or two sentences about the longest sequence, for the live region. */
export function summary(f: Flow, view: View): string {
  const T = f.lengths[f.lengths.length - 1];
  const parts: string[] = [];
  const rnn = f.rnn[f.rnn.length - 1];
  const lstm = f.lstm[f.lstm.length - 1];
  if (view !== "lstm") parts.push(`vanilla RNN ${sci(rnn)} (it ${fate(rnn)})`);
  if (view !== "rnn") parts.push(`LSTM ${sci(lstm)} (it ${fate(lstm)})`);
  return `A gradient of size 1 at step ${T}, carried back to step 0: ${parts.join("; ")}.`;
}
