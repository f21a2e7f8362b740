/**
 * One LSTM cell, one unit, with the gates set by hand: the arithmetic of the
 * Gate Playground without the DOM. tests/test_module3_widgets.py runs these
 * functions in Node and compares them with a NumPy reference.
 */
import { snapTo } from "../lib/range.ts";
import { percent } from "../lib/numbers.ts";

/** The five numbers the reader sets. Gates lie in [0, 1], the candidate in [-1, 1]. */
export interface CellInput {
  f: number;
  i: number;
  o: number;
  /** The candidate value c̃_t (a tanh output). */
  g: number;
  /** The previous cell state c_{t-1}. */
  cPrev: number;
}

export interface CellOutput {
  /** f · c_{t-1}: what the forget gate lets through. */
  kept: number;
  /** i · c̃_t: what the input gate writes. */
  written: number;
  c: number;
  tanhC: number;
  h: number;
}

export const RANGES: Record<keyof CellInput, { min: number; max: number; step: number; label: string }> = {
  f: { min: 0, max: 1, step: 0.05, label: "forget gate f" },
  i: { min: 0, max: 1, step: 0.05, label: "input gate i" },
  o: { min: 0, max: 1, step: 0.05, label: "output gate o" },
  g: { min: -1, max: 1, step: 0.05, label: "candidate c̃" },
  cPrev: { min: -2, max: 2, step: 0.1, label: "previous cell state c_prev" },
};

export const START: CellInput = { f: 0.9, i: 0.5, o: 0.5, g: 0.8, cPrev: 1 };

/** Presets that each isolate one gate's job. */
export const PRESETS: Record<string, { label: string; values: CellInput }> = {
  erase: { label: "Erase: forget gate 0", values: { f: 0, i: 0, o: 1, g: 0.8, cPrev: 1.5 } },
  write: { label: "Write: input gate 1", values: { f: 0, i: 1, o: 1, g: 0.8, cPrev: 1.5 } },
  hold: { label: "Hold: keep all, write nothing", values: { f: 1, i: 0, o: 1, g: 0.8, cPrev: 1.5 } },
  peek: { label: "Half output: output gate 0.5", values: { f: 1, i: 0, o: 0.5, g: 0.8, cPrev: 1.5 } },
};

/** c_t = f·c_{t-1} + i·c̃_t and h_t = o·tanh(c_t). */
export function cellUpdate(x: CellInput): CellOutput {
  const kept = x.f * x.cPrev;
  const written = x.i * x.g;
  const c = kept + written;
  const tanhC = Math.tanh(c);
  return { kept, written, c, tanhC, h: x.o * tanhC };
}

/** A value set by a slider, snapped to the slider's grid and range (also for values read from storage). */
export function clampTo(key: keyof CellInput, v: unknown): number {
  return snapTo(v, RANGES[key], START[key]);
}

/** Saved values back in: each one checked, missing ones from the start setting. */
export function restoreInput(saved: unknown): CellInput {
  const s = (saved ?? {}) as Record<string, unknown>;
  const out = { ...START };
  for (const k of Object.keys(RANGES) as (keyof CellInput)[]) out[k] = clampTo(k, s[k] ?? START[k]);
  return out;
}

/** What the numbers mean, in a sentence or two, computed from them. */
export function explain(x: CellInput, y: CellOutput): string {
  const parts: string[] = [];
  if (x.f <= 0.05) parts.push("The forget gate is shut: the old cell state is erased.");
  else if (x.f >= 0.95) parts.push("The forget gate is fully open: the old cell state is carried over intact.");
  else parts.push(`The forget gate keeps ${percent(x.f)} of the old cell state.`);
  if (x.i <= 0.05) parts.push("The input gate is shut: nothing new is written.");
  else parts.push(`The input gate writes ${percent(x.i)} of the candidate.`);
  if (x.o <= 0.05) parts.push("The output gate is shut: the hidden state shows nothing, although the cell may hold a lot.");
  else if (x.o < 0.95) parts.push(`The output gate exposes ${percent(x.o)} of tanh of the cell state.`);
  else parts.push("The output gate is fully open: the hidden state is tanh of the cell state.");
  return parts.join(" ") + ` New cell state ${y.c.toFixed(3)}, hidden state ${y.h.toFixed(3)}.`;
}
