/**
 * Pure logic of the next-character guessing game: prompts, the model's top
 * three, points for a guess, and the score kept between visits. No DOM.
 */
import { softmax } from "../runtime/onnx/sampling.ts";
import { speakChar } from "../model-kit/vocab.ts";
import { percent } from "../lib/numbers.ts";

/** Points for guessing the model's first, second or third choice. */
export const POINTS = [3, 2, 1] as const;

/** The prompts of a game from its `data-prompts` ("A_|B_"): each is the text before its last "_". */
export function parsePrompts(attr: string | undefined, fallback: readonly string[]): string[] {
  const list = (attr ?? "").split("|").map((p) => p.replace(/\\n/g, "\n")).filter((p) => p.trim() !== "");
  return (list.length ? list : [...fallback]).map((p) => (p.lastIndexOf("_") >= 0 ? p.slice(0, p.lastIndexOf("_")) : p));
}

/** One candidate of the model's ranking. */
export interface Choice {
  char: string;
  p: number;
}

/** The `n` likeliest next characters (ties by vocabulary order) from logits [V] at temperature 1. */
export function topChoices(logits: ArrayLike<number>, vocab: readonly string[], n = 3): Choice[] {
  const p = softmax(logits, 1);
  return Array.from(p.keys())
    .sort((a, b) => p[b] - p[a] || a - b)
    .slice(0, n)
    .map((i) => ({ char: vocab[i], p: p[i] }));
}

/** The outcome of a guess against the model. */
export interface Verdict {
  /** 1-based rank among the top three, or 0 when outside. */
  rank: number;
  points: number;
  /** The probability the model gave the guess (null when it is not in its vocabulary). */
  p: number | null;
  text: string;
}

/** Score `guess` against the model's distribution (`probs` over `vocab`) and its top three. */
export function judge(guess: string, top: readonly Choice[], probs: ArrayLike<number>, vocab: readonly string[]): Verdict {
  const i = vocab.indexOf(guess);
  const p = i >= 0 ? probs[i] : null;
  const rank = top.findIndex((c) => c.char === guess) + 1;
  const points = rank > 0 ? POINTS[rank - 1] : 0;
  const g = speakChar(guess);
  const text =
    p === null
      ? `The model cannot write ${g}: it is not in its vocabulary. No points.`
      : rank === 1
        ? `${g} is the model's first choice (${percent(p, 1)}): +${points} points.`
        : rank > 0
          ? `${g} is the model's choice number ${rank} (${percent(p, 1)}): +${points} point${points === 1 ? "" : "s"}.`
          : `The model gives ${g} ${percent(p, 1)}, outside its top three. No points this time.`;
  return { rank, points, p, text };
}

/** The score kept in localStorage. */
export interface Score {
  points: number;
  rounds: number;
  /** Guesses that matched the model's first choice. */
  hits: number;
}

export const EMPTY_SCORE: Score = { points: 0, rounds: 0, hits: 0 };

/** A stored value read back as a Score (anything malformed: a fresh score). */
export function asScore(x: unknown): Score {
  const o = (typeof x === "object" && x !== null ? x : {}) as Record<string, unknown>;
  const n = (v: unknown) => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : 0);
  return { points: n(o.points), rounds: n(o.rounds), hits: n(o.hits) };
}

/** The score after one more round with verdict `v`. */
export function addVerdict(s: Score, v: Verdict): Score {
  return { points: s.points + v.points, rounds: s.rounds + 1, hits: s.hits + (v.rank === 1 ? 1 : 0) };
}

/** The score as a sentence for the reader. */
export function scoreText(s: Score): string {
  if (s.rounds === 0) return "No rounds played yet.";
  return `${s.points} point${s.points === 1 ? "" : "s"} in ${s.rounds} round${s.rounds === 1 ? "" : "s"}; the model's first choice matched ${s.hits} time${s.hits === 1 ? "" : "s"}.`;
}
