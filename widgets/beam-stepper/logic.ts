/**
 * Pure logic of the beam stepper: what one step of a beam trace kept, finished and pruned, how
 * many steps there are to walk, and how beam's final choice compares with greedy's.
 */
import { fixed } from "../lib/numbers.ts";
import { quote } from "../translator-kit/alignment.ts";

export const EXAMPLES = ["I think that he will come tomorrow.", "She has a red car.", "We have to leave before it rains.", "Do you want something to drink?"];
export const WIDTHS = [1, 2, 3, 4, 5, 6, 7, 8];
export const START_WIDTH = 4;

export interface Hyp { words: string[]; logProb: number; score: number }
export interface Step { alive: Hyp[]; finished: Hyp[] }

/** One step of the trace, sorted out: kept (alive), finished now, finished before, pruned. */
export interface StepView {
  kept: Hyp[];
  finishedNow: Hyp[];
  finishedBefore: Hyp[];
  /** The previous step's alive hypotheses that no kept or finished one continues. */
  pruned: Hyp[];
}

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((w, i) => w === b[i]);

/** What step `k` of `trace` did (k = 0: the first word, grown from the empty start). */
export function stepView(trace: readonly Step[], k: number): StepView {
  const cur = trace[k] ?? { alive: [], finished: [] };
  const before = k > 0 ? trace[k - 1] : { alive: [{ words: [], logProb: 0, score: 0 }], finished: [] };
  const finishedNow = cur.finished.slice(before.finished.length);
  const continued = (p: Hyp) =>
    cur.alive.some((h) => h.words.length === p.words.length + 1 && same(h.words.slice(0, -1), p.words)) ||
    finishedNow.some((f) => same(f.words, p.words));
  return { kept: cur.alive, finishedNow, finishedBefore: before.finished, pruned: before.alive.filter((p) => !continued(p)) };
}

/** Steps to walk: the longer of greedy's (its end-of-sentence step included) and beam's trace. */
export const stepCount = (greedySteps: number, trace: readonly Step[]): number => Math.max(greedySteps + 1, trace.length);

/** A hypothesis as text ("(empty)" for none yet). */
export const words = (h: { words: readonly string[] }): string => (h.words.length ? h.words.join(" ") : "(empty)");

/** The live summary of step k. */
export function stepSummary(k: number, n: number, v: StepView): string {
  return `Step ${k + 1} of ${n}: beam keeps ${v.kept.length} unfinished, ${v.finishedNow.length} finished at this step, ${v.pruned.length} pruned.`;
}

/** How beam's final choice compares with greedy's. */
export function verdict(greedy: { text: string; score: number; logProb: number }, beam: { text: string; score: number; logProb: number }, width: number): string {
  if (greedy.text === beam.text) {
    return width === 1
      ? "With width 1 beam search keeps one hypothesis: it is greedy decoding, and both give the same sentence."
      : `Beam search (width ${width}) agrees with greedy: no finished hypothesis scored higher per token.`;
  }
  return `Beam search (width ${width}) chose ${quote(beam.text)}, greedy ${quote(greedy.text)}. Beam's choice scores ${fixed(beam.score, 3)} per token (log-probability ${fixed(beam.logProb, 3)}), greedy's ${fixed(greedy.score, 3)} (${fixed(greedy.logProb, 3)}): ${beam.score > greedy.score
    ? "a word that looked less likely at one step led to a better sentence overall."
    : "greedy's sentence scores higher per token, but the beam pruned its path: beam search is not guaranteed to find the best sentence either."}`;
}
