/**
 * Pure logic of character generation: a seeded RNG, softmax with temperature,
 * top-k / top-p filtering, drawing an index, and vocabulary encoding. No DOM,
 * no ONNX Runtime: the worker's loops call these, widgets call them to show
 * probabilities, and the browser tests call them directly (they are re-exported
 * by client.ts).
 */
import { nameChar, OnnxRuntimeError } from "./errors.ts";

export { mulberry32 } from "../../lib/random.ts";

/** Index of the largest value; ties go to the lowest index (as numpy.argmax). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * Probabilities from logits [V] at `temperature`, computed in float64.
 * Temperature 0 (or below) is the greedy limit: all mass on the argmax.
 */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  const p = new Float64Array(logits.length);
  if (!(temperature > 0)) {
    p[argmax(logits)] = 1;
    return p;
  }
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    // Subtracting the max keeps exp() finite for logits of any size.
    p[i] = Math.exp((logits[i] - max) / temperature);
    sum += p[i];
  }
  for (let i = 0; i < p.length; i++) p[i] /= sum;
  return p;
}

/** Indices sorted by probability, largest first; equal probabilities keep index order. */
function byProbability(probs: ArrayLike<number>): number[] {
  return Array.from({ length: probs.length }, (_, i) => i).sort((a, b) => probs[b] - probs[a] || a - b);
}

function keepOnly(probs: Float64Array, keep: number[]): Float64Array {
  const out = new Float64Array(probs.length);
  let sum = 0;
  for (const i of keep) sum += probs[i];
  for (const i of keep) out[i] = probs[i] / sum;
  return out;
}

/** Keep the `k` most likely entries of `probs` [V] and renormalise; k ≥ V (or k ≤ 0) keeps all. */
export function topK(probs: Float64Array, k: number): Float64Array {
  if (!(k > 0) || k >= probs.length) return probs;
  return keepOnly(probs, byProbability(probs).slice(0, Math.floor(k)));
}

/**
 * Nucleus filtering: keep the smallest set of most likely entries whose mass
 * reaches `p` (0 < p ≤ 1), renormalised. The most likely entry always stays.
 */
export function topP(probs: Float64Array, p: number): Float64Array {
  if (!(p > 0) || p >= 1) return probs;
  const order = byProbability(probs);
  const keep: number[] = [];
  let mass = 0;
  for (const i of order) {
    keep.push(i);
    mass += probs[i];
    if (mass >= p) break;
  }
  return keepOnly(probs, keep);
}

/** The index whose cumulative-probability interval holds `u` in [0, 1). */
export function sampleIndex(probs: ArrayLike<number>, u: number): number {
  let cum = 0;
  let last = 0;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i] <= 0) continue;
    cum += probs[i];
    last = i;
    if (u < cum) return i;
  }
  // Rounding can leave the total a hair under 1: the last possible index then takes u.
  return last;
}

/** How the next character is chosen. */
export interface SamplingOptions {
  /** 0 is greedy (argmax, no random draw); 1 samples the model's own distribution. */
  temperature: number;
  /** Keep only the k most likely characters (omit or 0: all). */
  topK?: number;
  /** Keep the most likely characters up to this probability mass (omit or 1: all). */
  topP?: number;
}

/**
 * The next token id from logits [V]: greedy at temperature 0, else one draw
 * of `rng` from the tempered, filtered distribution.
 */
export function pickNext(logits: ArrayLike<number>, opts: SamplingOptions, rng: () => number): number {
  if (!(opts.temperature > 0)) return argmax(logits);
  let probs = softmax(logits, opts.temperature);
  if (opts.topK) probs = topK(probs, opts.topK);
  if (opts.topP !== undefined) probs = topP(probs, opts.topP);
  return sampleIndex(probs, rng());
}

/** A readable reason why sampling options are unusable, or null when they are fine. */
export function checkSamplingOptions(opts: SamplingOptions): string | null {
  if (!Number.isFinite(opts.temperature) || opts.temperature < 0) return "the temperature must be a number ≥ 0";
  if (opts.topK !== undefined && (!Number.isInteger(opts.topK) || opts.topK < 0)) return "top-k must be a whole number ≥ 0";
  if (opts.topP !== undefined && !(opts.topP > 0 && opts.topP <= 1)) return "top-p must be in (0, 1]";
  return null;
}

/** What to do with a character the vocabulary lacks: report it (default) or leave it out. */
export type UnknownCharPolicy = "error" | "skip";

/** Text turned into token ids. */
export interface Encoded {
  /** Token ids [T], one per kept character. */
  ids: Int32Array;
  /** positions[t] is the code-point index in the text of the character ids[t] came from [T]. */
  positions: Int32Array;
  /** Characters left out under the "skip" policy, with their code-point positions. */
  skipped: { char: string; position: number }[];
}

/** char → id for a vocabulary (index = token id). */
export function vocabIndex(vocab: readonly string[]): Map<string, number> {
  return new Map(vocab.map((ch, i) => [ch, i]));
}

/**
 * Encode `text` character by character (code points, as Python's str). An
 * unknown character throws an `unknown-character` OnnxRuntimeError naming it,
 * unless `unknown` is "skip".
 */
export function encode(text: string, index: Map<string, number>, unknown: UnknownCharPolicy = "error"): Encoded {
  const chars = Array.from(text);
  const ids: number[] = [];
  const positions: number[] = [];
  const skipped: Encoded["skipped"] = [];
  chars.forEach((ch, position) => {
    const id = index.get(ch);
    if (id !== undefined) {
      ids.push(id);
      positions.push(position);
    } else if (unknown === "skip") {
      skipped.push({ char: ch, position });
    } else {
      throw new OnnxRuntimeError({
        code: "unknown-character",
        char: ch,
        position,
        message:
          `The character ${nameChar(ch)} at position ${position + 1} is not in this model's vocabulary ` +
          `of ${index.size} characters. Remove it, or skip the characters the model does not know.`,
      });
    }
  });
  return { ids: Int32Array.from(ids), positions: Int32Array.from(positions), skipped };
}

/** Token ids back to text. */
export function decode(ids: ArrayLike<number>, vocab: readonly string[]): string {
  let s = "";
  for (let i = 0; i < ids.length; i++) s += vocab[ids[i]] ?? "";
  return s;
}
