/**
 * "Spot the Sequence": the examples, the order they come in, and the score,
 * without the DOM. A round shows every example once, in an order shuffled
 * by a seeded generator, so a saved round resumes in the same order.
 */
import raw from "./examples.json" with { type: "json" };
import { mulberry32 } from "../lib/random.ts";

export interface Example { id: string; text: string; sequential: boolean; why: string }

/** The examples as bundled from examples.json. */
export const EXAMPLES = (raw as { examples: Example[] }).examples;

/** Everything the game saves: where the reader is and how they are doing. */
export interface GameState {
  seed: number;
  /** How many examples of this round have been answered. */
  index: number;
  /** The reader's answer to the current example, once given (null while waiting). */
  answer: boolean | null;
  points: number;
  /** Right answers in this round. */
  roundRight: number;
  streak: number;
  best: number;
  rounds: number;
}

/** A fresh game whose first round is shuffled by `seed`. */
export function newGame(seed: number): GameState {
  return { seed, index: 0, answer: null, points: 0, roundRight: 0, streak: 0, best: 0, rounds: 0 };
}

/** The examples of the round played with `seed`, in order (Fisher–Yates with mulberry32). */
export function roundOrder(seed: number, examples: Example[] = EXAMPLES): Example[] {
  const rand = mulberry32(seed);
  const out = [...examples];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The example on screen, or null when the round is over. */
export function current(s: GameState, examples: Example[] = EXAMPLES): Example | null {
  return roundOrder(s.seed, examples)[s.index] ?? null;
}

/** The state after answering the current example with `sequential`; answering twice changes nothing. */
export function answer(s: GameState, sequential: boolean, examples: Example[] = EXAMPLES): GameState {
  const ex = current(s, examples);
  if (!ex || s.answer !== null) return s;
  const right = ex.sequential === sequential;
  const streak = right ? s.streak + 1 : 0;
  const add = right ? 1 : 0;
  return { ...s, answer: sequential, points: s.points + add, roundRight: s.roundRight + add, streak, best: Math.max(s.best, streak) };
}

/** Move on after an answer; the end of a round counts it. */
export function next(s: GameState, examples: Example[] = EXAMPLES): GameState {
  if (s.answer === null) return s;
  const index = s.index + 1;
  return { ...s, index, answer: null, rounds: s.rounds + (index >= examples.length ? 1 : 0) };
}

/** Start another round with a new order; points and the best streak are kept. */
export function replay(s: GameState): GameState {
  return { ...s, seed: (s.seed + 1) >>> 0, index: 0, answer: null, roundRight: 0, streak: 0 };
}

/** A saved value checked field by field; anything odd starts a fresh game. */
export function restore(saved: unknown, seed: number): GameState {
  const s = saved as Partial<GameState> | null;
  const ok = s && ["seed", "index", "points", "roundRight", "streak", "best", "rounds"].every((k) => Number.isInteger(s[k as keyof GameState]))
    && (s.answer === null || typeof s.answer === "boolean");
  return ok ? (s as GameState) : newGame(seed);
}
