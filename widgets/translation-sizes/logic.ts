/**
 * The translation Model Size Explorer's pure logic (Module 6): the sentence it times, the rows of
 * its table from translators.json, and what it says once measured. No DOM.
 */
import type { TranslatorEntry } from "../translator-kit/translators.ts";

/** The sentence every model translates for the speed measurement: ten English words. */
export const SPEED_SENTENCE = "I think that Tom wants to go home with us.";
/** Timed runs per model (after one warm-up run); the median is shown. */
export const RUNS = 5;

/** One row of the table. */
export interface SizeRow {
  id: string;
  shape: string;
  parameters: number;
  bytes: number;
  greedy: number;
  beam: number;
  minutes: number;
  epochs: number;
}

/** "GRU 256, embedding 128" */
export const shapeOf = (t: Pick<TranslatorEntry, "hidden" | "embedding">): string => `hidden ${t.hidden}, embedding ${t.embedding}`;

/** The table's rows, smallest model first. */
export function sizeRows(family: readonly TranslatorEntry[]): SizeRow[] {
  return [...family].sort((a, b) => a.parameters - b.parameters).map((t) => ({
    id: t.id, shape: shapeOf(t), parameters: t.parameters, bytes: t.bytes,
    greedy: t.bleu?.greedy ?? NaN, beam: t.bleu?.beam ?? NaN, minutes: t.minutes, epochs: t.epochs,
  }));
}

/** Parameters as "4.3 M" / "850 k". */
export function formatCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  if (n >= 1e3) return `${Math.round(n / 1e3)} k`;
  return String(n);
}

/** Training time: "16 min" or "2.5 h". */
export const formatMinutes = (m: number): string => (!Number.isFinite(m) ? "n/a" : m >= 90 ? `${(m / 60).toFixed(1)} h` : `${Math.round(m)} min`);

/** What the explorer says about the family before any measurement (1..n members). */
export function familyNote(n: number): string {
  if (n === 0) return "No attention translator of a size family is on this site yet, so there are no sizes to compare.";
  if (n === 1) return "Only one size of this family has been trained so far; the others appear here once they are on the site.";
  return `${n} sizes of the same attention translator, trained on the same sentences with the same settings: only the hidden and embedding sizes differ.`;
}

/** The sentence after measuring: ms per sentence for each model. */
export const speedSummary = (speeds: readonly { id: string; ms: number }[]): string =>
  `Median time to translate the ${SPEED_SENTENCE.split(/\s+/).length}-word sentence (greedy, ${RUNS} runs after a warm-up) on this machine: ` +
  speeds.map((s) => `${s.id} ${Math.round(s.ms)} ms`).join(", ") + ".";
