/**
 * What the question-answering widget computes, apart from the DOM: reading a typed question
 * (as build_models/scenes/questions.tokenise), the sentences for questions the model cannot read,
 * the top answers, the verdict against the grammar's answer, and a random scene of this world.
 */
import { mulberry32 } from "../lib/random.ts";
import { percent } from "../lib/numbers.ts";
import { COLOUR_NAMES, SHAPES, SIZE, SIZES, type Scene, type Shape } from "../image-captioning/scene.ts";
import { truth, type Question } from "./questions.ts";

/** The grammar writes British spellings; a reader who types the American one means the same word. */
const SPELLINGS: Record<string, string> = { color: "colour" };

/** Lower case, punctuation dropped (so "What colour is the triangle?" reads as five words), American
 * spellings read as the grammar's ("what color is the triangle" too). */
export const tokenise = (text: string): string[] =>
  (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).map((w) => SPELLINGS[w] ?? w);

export const EMPTY_QUESTION = "The question is empty: pick one from the menu or type one, such as “what colour is the triangle”.";

/** Why the model cannot read these words, or null when it can. */
export function questionProblem(words: string[], vocabulary: readonly string[], maxWords: number): string | null {
  if (!words.length) return EMPTY_QUESTION;
  const unknown = [...new Set(words.filter((w) => !vocabulary.includes(w) || w === vocabulary[0]))];
  if (unknown.length) {
    const list = unknown.map((w) => `“${w}”`).join(", ");
    return `The model does not know the word${unknown.length > 1 ? "s" : ""} ${list}: it has only ever read the grammar's questions `
      + `(${vocabulary.length - 1} words, such as “what colour is the triangle” or “how many squares are there”). Your question is kept; rephrase it with the menu's words.`;
  }
  if (words.length > maxWords) return `The question has ${words.length} words; the model reads at most ${maxWords}. Your question is kept; shorten it.`;
  return null;
}

export interface Ranked { answer: string; prob: number }

/** The k most probable answers, most probable first. */
export function topAnswers(probs: ArrayLike<number>, answers: readonly string[], k = 5): Ranked[] {
  return answers.map((answer, i) => ({ answer, prob: probs[i] })).sort((a, b) => b.prob - a.prob).slice(0, k);
}

export interface Verdict { verdict: "right" | "wrong" | "none"; line: string; question: Question | null }

/** The model's answer against the grammar's, for a scene of this world. */
export function verdictOf(scene: Scene, words: string[], answer: string): Verdict {
  const q = truth(scene, words);
  if (!q) {
    return { verdict: "none", question: null,
      line: "The grammar does not ask this question of this scene (it asks only questions it can answer: the colour of “the triangle” needs exactly one triangle), so there is no true answer to compare with." };
  }
  const ok = q.answer === answer;
  return { verdict: ok ? "right" : "wrong", question: q,
    line: ok ? `Right: the grammar's answer is “${q.answer}” too.` : `Wrong: the grammar's answer is “${q.answer}”.` };
}

/** One answer's probability as the list shows it. */
export const probText = (r: Ranked): string => `${r.answer}: ${percent(r.prob, 1)}`;

const overlap = (a: Shape, b: Shape) => Math.abs(a.x - b.x) < SIZES[a.size] + SIZES[b.size] + 2 && Math.abs(a.y - b.y) < SIZES[a.size] + SIZES[b.size] + 2;

/** A random scene of this world (1-3 shapes apart from each other), the same for the same seed. */
export function randomScene(seed: number): Scene {
  const rand = mulberry32(seed >>> 0);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const n = 1 + Math.floor(rand() * 3), shapes: Shape[] = [];
  for (let tries = 0; shapes.length < n && tries < 500; tries++) {
    const size = pick(Object.keys(SIZES)), r = SIZES[size];
    const at = () => r + 1 + Math.floor(rand() * (SIZE - 2 * r - 2));
    const s: Shape = { shape: pick(SHAPES), colour: pick(COLOUR_NAMES), size, x: at(), y: at() };
    if (!shapes.some((o) => overlap(s, o))) shapes.push(s);
  }
  return { shapes, background: rand() < 0.5 ? "noise" : "plain", noise_seed: Math.floor(rand() * 2 ** 32) };
}
