/**
 * Pure helpers of the translator widgets (attention-visualizer, attention-hard, attention-debugging,
 * beam-stepper): the attention matrix as rows, where a row looks, what the runtime did to the
 * reader's text, and the heat colours of the alignment table. No DOM; tests/js/translator-widgets
 * checks them in Node.
 */
import { percent } from "../lib/numbers.ts";

/** The part of a TranslateResult these helpers read. */
export interface Alignment {
  sourceWords: string[];
  words: string[];
  /** [T,S] row-major. */
  attention: ArrayLike<number>;
}

/** The attention matrix as T rows of S weights (row t: where output word t looked). */
export function attentionRows(a: Alignment): number[][] {
  const S = a.sourceWords.length;
  return a.words.map((_, t) => Array.from({ length: S }, (_, s) => Number(a.attention[t * S + s] ?? 0)));
}

/** Index of the largest value (the first of ties); -1 for an empty row. */
export function argmax(row: readonly number[]): number {
  let best = -1;
  row.forEach((v, i) => {
    if (best < 0 || v > row[best]) best = i;
  });
  return best;
}

/** Entropy in nats of a weight row (0: all on one word; log S: spread evenly). */
export function entropy(row: readonly number[]): number {
  const e = -row.reduce((acc, p) => (p > 0 ? acc + p * Math.log(p) : acc), 0);
  return e === 0 ? 0 : e; // never -0
}

/** The source words a row gives at least `min` of its weight, heaviest first (at most `k`). */
export function topSources(row: readonly number[], sourceWords: readonly string[], k = 3, min = 0.05): { index: number; word: string; share: number }[] {
  return row
    .map((share, index) => ({ index, word: sourceWords[index] ?? "", share }))
    .filter((x) => x.share >= min)
    .sort((a, b) => b.share - a.share || a.index - b.index)
    .slice(0, k);
}

/** “word” in curly quotes, as the widgets quote model and reader words (set as text, never HTML). */
export const quote = (w: string): string => `“${w}”`;

/** One sentence: where output word t looked. */
export function focusSentence(a: Alignment, t: number): string {
  const row = attentionRows(a)[t];
  if (!row) return "";
  const top = topSources(row, a.sourceWords);
  const best = argmax(row);
  const parts = (top.length ? top : [{ word: a.sourceWords[best], share: row[best] }]).map((x) => `${quote(x.word)} ${percent(x.share)}`);
  return `French word ${t + 1}, ${quote(a.words[t])}, looked mostly at ${parts.join(", then ")}.`;
}

/** What the runtime did to the reader's text: the words cut from a long paste, the unknown ones. */
export function inputNotes(r: { sourceWords: string[]; unknown: string[]; truncated: number }): string[] {
  const notes: string[] = [];
  if (r.truncated > 0) {
    notes.push(`Your text was cut: the translator reads at most ${r.sourceWords.length} words, so the last ${r.truncated} ${r.truncated === 1 ? "word was" : "words were"} left out.`);
  }
  if (r.unknown.length > 0) {
    const list = r.unknown.map(quote).join(", ");
    notes.push(`${r.unknown.length === 1 ? "One word is" : `${r.unknown.length} words are`} outside the translator's vocabulary (${list}): it reads ${r.unknown.length === 1 ? "it" : "each"} as <unk>, a single "unknown" token, and cannot translate ${r.unknown.length === 1 ? "it" : "them"}.`);
  }
  return notes;
}

/** Text of at most `max` characters (a 1,000-word paste is shown cut, with an ellipsis). */
export const clip = (text: string, max = 200): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

// --- heat colours: opaque, from pale to dark blue, with the text colour that contrasts more ---

const PALE = [240, 244, 255];
const DARK = [23, 37, 84];

const channel = (c: number): number => {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const luminance = (rgb: readonly number[]): number => 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
const contrast = (a: number, b: number): number => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/** The cell colours of weight `w` in [0, 1]: background and text (black or white, whichever contrasts more). */
export function heat(w: number): { background: string; color: string; contrast: number } {
  const x = Math.max(0, Math.min(1, Number.isFinite(w) ? w : 0));
  const rgb = PALE.map((p, i) => Math.round(p + (DARK[i] - p) * x));
  const L = luminance(rgb);
  const onBlack = contrast(L, 0), onWhite = contrast(L, 1);
  return {
    background: `rgb(${rgb.join(", ")})`,
    color: onBlack >= onWhite ? "#000000" : "#ffffff",
    contrast: Math.max(onBlack, onWhite),
  };
}
