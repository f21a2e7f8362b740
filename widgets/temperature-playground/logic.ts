/**
 * Pure logic of the Temperature Playground: reading the reader's numbers and
 * the next-character distribution at each column's temperature, filtered as
 * the sampler filters it (top-k, then top-p). No DOM, no ONNX Runtime.
 */
import { softmax, topK, topP } from "../runtime/onnx/sampling.ts";

/** The largest temperature the inputs accept: far past the point where the distribution is flat. */
export const MAX_TEMPERATURE = 100;
/** The three columns' starting temperatures. */
export const DEFAULT_TEMPERATURES = [0.5, 1.0, 1.5] as const;
/** Rows of the distribution chart. */
export const SHOWN_CHARS = 10;

export type Parsed = { ok: true; value: number } | { ok: false; reason: string };

/** A temperature typed by the reader: a number from 0 (greedy) to MAX_TEMPERATURE. */
export function parseTemperature(text: string): Parsed {
  const v = Number(text.trim().replace(",", "."));
  if (text.trim() === "" || !Number.isFinite(v)) return { ok: false, reason: "Type a number, e.g. 0.8." };
  if (v < 0) return { ok: false, reason: "A temperature cannot be negative; 0 means always the likeliest character." };
  if (v > MAX_TEMPERATURE) return { ok: false, reason: `Above ${MAX_TEMPERATURE} every character is already equally likely; type at most ${MAX_TEMPERATURE}.` };
  return { ok: true, value: v };
}

/** top-k typed by the reader: empty or 0 means off. */
export function parseTopK(text: string, vocabSize: number): Parsed {
  if (text.trim() === "") return { ok: true, value: 0 };
  const v = Number(text);
  if (!Number.isInteger(v) || v < 0) return { ok: false, reason: "top-k is a whole number ≥ 0 (0: off)." };
  return { ok: true, value: Math.min(v, vocabSize) };
}

/** top-p typed by the reader: empty or 1 means off. */
export function parseTopP(text: string): Parsed {
  if (text.trim() === "") return { ok: true, value: 1 };
  const v = Number(text.replace(",", "."));
  if (!(v > 0 && v <= 1)) return { ok: false, reason: "top-p is a probability mass in (0, 1] (1: off)." };
  return { ok: true, value: v };
}

/** What the sampler draws from: softmax at τ (one-hot at 0), then top-k, then top-p. */
export function samplingDistribution(logits: ArrayLike<number>, temperature: number, k = 0, p = 1): Float64Array {
  let probs = softmax(logits, temperature);
  if (temperature > 0 && k > 0) probs = topK(probs, k);
  if (temperature > 0 && p < 1) probs = topP(probs, p);
  return probs;
}

/**
 * The chart's rows: the SHOWN_CHARS characters the model itself (τ = 1, no
 * filter) finds likeliest, each with its probability in every column's
 * distribution; `null` temperatures (unreadable inputs) give NaN.
 */
export function distributionRows(
  logits: ArrayLike<number>,
  vocab: readonly string[],
  temperatures: readonly (number | null)[],
  k = 0,
  p = 1,
): { char: string; values: number[] }[] {
  const base = softmax(logits, 1);
  const order = Array.from(base.keys()).sort((a, b) => base[b] - base[a] || a - b).slice(0, SHOWN_CHARS);
  const dists = temperatures.map((t) => (t === null ? null : samplingDistribution(logits, t, k, p)));
  return order.map((i) => ({ char: vocab[i], values: dists.map((d) => (d ? d[i] : NaN)) }));
}
