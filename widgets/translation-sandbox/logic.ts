/**
 * The Translation Sandbox's pure logic (Module 6 § 6.2): the example sentences, what the reader's
 * input allows, the pieces of a TranslateResult the view draws (one word's forward encoder state,
 * the fixed context vector's scale, a decoding step's top words), the notes about unknown and cut
 * words, the BLEU-by-length series of translators.json and the sentences that say what they show.
 * No DOM; tests/js/translation.test.ts calls every function here in Node.
 */
import type { TranslateCandidate, TranslateResult, TranslateStep } from "../runtime/onnx/protocol.ts";
import type { LengthBleu, TranslatorEntry } from "../translator-kit/translators.ts";

/** Example sentences for the buttons: short ones, one with a word outside any vocabulary, and a long one. */
export const EXAMPLES: readonly { label: string; text: string }[] = [
  { label: "Short", text: "I am cold." },
  { label: "Question", text: "Where is the train station?" },
  { label: "Everyday", text: "She wants to buy a new car." },
  { label: "Unknown word", text: "My cat likes the zorblatt." },
  { label: "Long (12 words)", text: "I don't think that Tom knows where Mary wants to go tomorrow." },
];

/** Why `text` cannot be translated (empty, or no letter or digit at all), or null when it can. */
export function inputProblem(text: string): string | null {
  if (text.trim() === "") return "There is nothing to translate: type an English sentence (or pick an example).";
  if (!/[\p{L}\p{N}]/u.test(text)) return "There is nothing to translate: the text has no words, only punctuation or symbols. Type an English sentence.";
  return null;
}

/** Words of a text as a reader counts them (runs of non-space characters). */
export const countWords = (text: string): number => (text.trim() === "" ? 0 : text.trim().split(/\s+/u).length);

/**
 * The forward direction's state after reading source word `i`: the first `hidden` numbers of row `i`
 * of the encoder states [S, 2·hidden] (the last `hidden` are the backward direction's).
 */
export function forwardState(states: Float32Array, hidden: number, i: number): Float32Array {
  const row = i * 2 * hidden;
  if (i < 0 || row + hidden > states.length) throw new RangeError(`no encoder state for word ${i + 1}`);
  return states.subarray(row, row + hidden);
}

/** The largest |value| (the colour scale's end), at least `floor` so an all-zero vector stays grey. */
export function absMax(values: ArrayLike<number>, floor = 1e-6): number {
  let m = floor;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) m = Math.max(m, Math.abs(values[i]));
  return m;
}

/** One bar of a decoding step: a candidate word, its probability, whether greedy picked it. */
export interface StepBar { word: string; p: number; chosen: boolean }

/** A decoding step's candidates, most probable first, with the chosen word marked (and added last if it was not among them). */
export function stepBars(step: TranslateStep): StepBar[] {
  const bars = [...step.top].sort((a: TranslateCandidate, b: TranslateCandidate) => b.p - a.p).map((c) => ({ word: c.word, p: c.p, chosen: c.word === step.word }));
  if (!bars.some((b) => b.chosen)) bars.push({ word: step.word, p: step.p, chosen: true });
  return bars;
}

/** A word as the sandbox shows it: the model's markers named in words. */
export const showWord = (w: string): string => (w === "<unk>" ? "<unk> (unknown word)" : w);

/** The note under the source when words were read as <unk> or cut; empty strings when none. */
export function inputNotes(r: Pick<TranslateResult, "unknown" | "truncated" | "sourceWords">, vocabSize: number): { unknown: string; truncated: string } {
  const n = r.unknown.length;
  const unknown = n === 0 ? "" :
    `${n === 1 ? "One word is" : `${n} words are`} not among the ${vocabSize.toLocaleString("en")} English words the model knows, so ${n === 1 ? "it was" : "they were"} read as <unk> (unknown): ` +
    `${r.unknown.map((w) => `“${w}”`).join(", ")}. The model never saw these words in training and cannot translate them; a rarer synonym may be unknown too.`;
  const truncated = r.truncated > 0
    ? `The text was cut: the model reads at most ${r.sourceWords.length.toLocaleString("en")} words and punctuation marks, so the last ${r.truncated.toLocaleString("en")} were left out. It was trained on short sentences; translate long texts a sentence at a time.`
    : "";
  return { unknown, truncated };
}

/** How a decoding ended, after its last step. */
export const endNote = (r: Pick<TranslateResult, "hitMaxLen" | "words">): string =>
  r.hitMaxLen ? `It stopped at the length limit (${r.words.length} words) without ending the sentence: a sign it lost track.` : "Then the end-of-sentence marker </s> was the most probable word, so decoding stopped.";

/** The aria-live summary of one comparison. */
export function summary(source: string, results: readonly { name: string; text: string }[]): string {
  return `Translated “${source}”. ` + results.map((r) => `${r.name}: “${r.text || "(nothing)"}”.`).join(" ");
}

/** One point of a BLEU-by-length line: the length bucket's label and BLEU (NaN where the bucket has no sentences). */
export interface BleuPoint { label: string; lo: number; hi: number; bleu: number; sources: number }

/** Bucket label: "1–4 words" style (an en dash), or "12 words" for a single length. */
export const bucketLabel = (b: Pick<LengthBleu, "words">): string => (b.words[0] === b.words[1] ? `${b.words[0]}` : `${b.words[0]}–${b.words[1]}`);

/** The BLEU-by-English-length series of one translator for a strategy, shortest sentences first. */
export function bleuSeries(t: Pick<TranslatorEntry, "by_length">, strategy: "greedy" | "beam"): BleuPoint[] {
  return [...(t.by_length ?? [])].sort((a, b) => a.words[0] - b.words[0]).map((b) => ({
    label: bucketLabel(b), lo: b.words[0], hi: b.words[1], sources: b.sources,
    bleu: b.sources > 0 && Number.isFinite(b[strategy]) ? b[strategy] : NaN,
  }));
}

/** BLEU with one decimal. */
export const bleuText = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : "n/a");

/**
 * The sentence beside the BLEU chart: what it shows, and the measured gap on the shortest and the
 * longest sentences (from the data, never typed).
 */
export function bleuSentence(attn: Pick<TranslatorEntry, "by_length" | "id">, plain: Pick<TranslatorEntry, "by_length" | "id">, strategy: "greedy" | "beam"): string {
  const a = bleuSeries(attn, strategy).filter((p) => Number.isFinite(p.bleu));
  const p = bleuSeries(plain, strategy).filter((q) => Number.isFinite(q.bleu));
  const how = strategy === "greedy" ? "greedy decoding" : "beam search";
  const intro = `BLEU (0–100, higher is better: how many of the words and word sequences of the model's French are in a human translation) on held-out test sentences, grouped by English length, with ${how}.`;
  if (a.length === 0 || p.length === 0) return `${intro} No length group has sentences yet.`;
  const at = (s: BleuPoint[], label: string) => s.find((x) => x.label === label);
  const first = a[0].label, last = a[a.length - 1].label;
  const gap = (label: string) => {
    const x = at(a, label), y = at(p, label);
    return x && y ? `${label} words: ${bleuText(x.bleu)} with attention, ${bleuText(y.bleu)} without` : "";
  };
  const parts = [gap(first), first === last ? "" : gap(last)].filter(Boolean);
  const trend = (s: BleuPoint[]) => s[s.length - 1].bleu - s[0].bleu;
  const note = a.length > 1 && p.length > 1 && trend(p) < trend(a)
    ? " Without attention the score falls faster as sentences grow: one fixed vector has to hold the whole sentence."
    : "";
  return `${intro} ${parts.join("; ")}.${note}`;
}
