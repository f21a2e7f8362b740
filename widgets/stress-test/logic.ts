/**
 * The Long-Range Dependency Stress Test's logic, without the DOM: what a parsed sentence says in
 * words, each model's verdict on it, and the measured curves of accuracy against depth.
 */
import { CELL_NAMES, type WordModelEntry } from "../word-model-kit/models.ts";
import { formShare, type Parsed } from "../word-model-kit/grammar.ts";
import type { Line } from "../word-model-kit/chart.ts";

export const MAX_DEPTH = 10;

/** A verdict of one model on one sentence. */
export interface Verdict {
  /** P(singular form), P(plural form) renormalised over the two. */
  singular: number;
  plural: number;
  /** The share of the correct form (the subject's number); null without a subject. */
  correct: number | null;
}

/** The verdict from the model's next-word probabilities for the verb's two forms. */
export function verdict(parsed: Parsed, pSingular: number, pPlural: number): Verdict {
  const s = formShare(pSingular, pPlural);
  return { ...s, correct: parsed.singular === null ? null : parsed.singular ? s.singular : s.plural };
}

const number = (sg: boolean) => (sg ? "singular" : "plural");

/** What the widget found in the sentence, as one sentence for the reader (and the screen reader). */
export function describeParse(p: Parsed): string {
  if (p.subject === null) return "No noun of this small world yet: start with “the” and a noun such as “the cat”.";
  const subject = p.prefix[p.subject];
  const between = p.attractors.length === 0 ? "No noun stands between it and the verb."
    : `${p.attractors.length} noun${p.attractors.length === 1 ? " stands" : "s stand"} between it and the verb: ${p.attractors.map((a) => `${a.word} (${number(a.singular)})`).join(", ")}.`;
  const other = p.attractors.filter((a) => a.singular !== p.singular).length;
  const traps = p.attractors.length ? ` ${other} of them ${other === 1 ? "has" : "have"} the other number.` : "";
  const correct = p.singular ? p.verb[0] : p.verb[1];
  return `Subject: “${subject}” (${number(p.singular!)}). ${between}${traps} The verb must be “${correct}”, not “${p.singular ? p.verb[1] : p.verb[0]}”.`;
}

/** The summary the page announces after the models have read the sentence. */
export function summary(entries: readonly WordModelEntry[], verdicts: readonly Verdict[]): string {
  const right = entries.filter((_, i) => (verdicts[i].correct ?? 0) > 0.5).map((e) => CELL_NAMES[e.cell]);
  const wrong = entries.filter((_, i) => (verdicts[i].correct ?? 1) <= 0.5).map((e) => CELL_NAMES[e.cell]);
  if (!wrong.length) return `All ${entries.length} models prefer the correct form.`;
  if (!right.length) return `None of the ${entries.length} models prefers the correct form.`;
  return `${right.join(", ")} prefer${right.length === 1 ? "s" : ""} the correct form; ${wrong.join(", ")} ${wrong.length === 1 ? "does" : "do"} not.`;
}

/** Measured accuracy against depth (the hard sentences, or the mixed ones), one line per model. */
export function depthLines(entries: readonly WordModelEntry[], hard: boolean): Line[] {
  return entries.map((e) => ({
    name: CELL_NAMES[e.cell], cell: e.cell,
    points: e.agreement.map((r) => [r.depth, (hard ? r.hard : r.mixed).accuracy] as [number, number]),
  }));
}

/** A seed for the n-th sentence the reader asks for at a depth: the same clicks give the same sentences. */
export const sentenceSeed = (depth: number, n: number): number => 1000 * (depth + 1) + n;
