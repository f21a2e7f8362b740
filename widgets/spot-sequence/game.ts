/**
 * "Spot the Sequence": the examples, the order they come in, and the score,
 * without the DOM. A round shows every example once, in an order shuffled
 * by a seeded generator, so a saved round resumes in the same order. A
 * reader who picks their industry sees that industry's examples first.
 */
import raw from "./examples.json" with { type: "json" };
import { mulberry32 } from "../lib/random.ts";

export interface Example { id: string; text: string; sequential: boolean; why: string; industries: string[] }
export interface Industry { id: string; label: string }

const data = raw as { industries: Industry[]; examples: Example[] };
/** The examples as bundled from examples.json. */
export const EXAMPLES = data.examples;
/** The industries a reader can pick (each example names the ones it belongs to). */
export const INDUSTRIES = data.industries;

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
  /** The reader's industry (an Industry id), whose examples come first; "" for no preference. */
  industry: string;
}

/** A fresh game whose first round is shuffled by `seed`. */
export function newGame(seed: number): GameState {
  return { seed, index: 0, answer: null, points: 0, roundRight: 0, streak: 0, best: 0, rounds: 0, industry: "" };
}

/**
 * The examples of the round played with `seed`, in order (Fisher–Yates with
 * mulberry32); those of `industry` first, each group in its shuffled order.
 */
export function roundOrder(seed: number, examples: Example[] = EXAMPLES, industry = ""): Example[] {
  const rand = mulberry32(seed);
  const out = [...examples];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  if (!industry) return out;
  const mine = (e: Example) => e.industries.includes(industry);
  return [...out.filter(mine), ...out.filter((e) => !mine(e))];
}

/** How many examples belong to `industry`. */
export function countIn(industry: string, examples: Example[] = EXAMPLES): number {
  return examples.filter((e) => e.industries.includes(industry)).length;
}

/** The example on screen, or null when the round is over. */
export function current(s: GameState, examples: Example[] = EXAMPLES): Example | null {
  return roundOrder(s.seed, examples, s.industry)[s.index] ?? null;
}

/**
 * The state after the reader picks `industry` ("" for none): the order of the
 * round changes, so the round starts over; points and streaks are kept.
 */
export function chooseIndustry(s: GameState, industry: string, industries: Industry[] = INDUSTRIES): GameState {
  const id = industries.some((i) => i.id === industry) ? industry : "";
  if (id === s.industry) return s;
  return { ...s, industry: id, index: 0, answer: null, roundRight: 0 };
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

/**
 * A saved value checked field by field; anything odd starts a fresh game. A
 * game saved before industries existed has none; an industry that is no
 * longer offered is dropped, and its round starts over.
 */
export function restore(saved: unknown, seed: number, industries: Industry[] = INDUSTRIES): GameState {
  const s = saved as Partial<GameState> | null;
  const ok = s && ["seed", "index", "points", "roundRight", "streak", "best", "rounds"].every((k) => Number.isInteger(s[k as keyof GameState]))
    && (s.answer === null || typeof s.answer === "boolean");
  if (!ok) return newGame(seed);
  const game = s as GameState;
  if (s.industry === undefined || s.industry === "") return { ...game, industry: "" };
  if (industries.some((i) => i.id === s.industry)) return game;
  return { ...game, industry: "", index: 0, answer: null, roundRight: 0 };
}
