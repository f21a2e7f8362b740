/**
 * The Dataset Explorer's pure logic: a text's statistics (size, lines, vocabulary, character
 * frequencies, the entropy of those frequencies), its preview and random snippets, whitespace
 * named for reading, and the advice on model size and training time, looked up in rows made
 * from our measurements (advice.json, python -m coursekit.data_advice). No DOM: tests run it in
 * Node (tests/js/dataset-explorer.test.ts). Reading an upload is the training studio's own code.
 */
import { mulberry32 } from "../lib/random.ts";

/** The studio reads at most this many distinct characters (session.py's max_vocab; a test compares). */
export const STUDIO_MAX_VOCAB = 200;

export interface TextStats {
  /** Unicode characters (code points), as Python's len() counts them. */
  characters: number;
  /** Bytes of the text in UTF-8. */
  bytes: number;
  lines: number;
  /** Each character with its count, commonest first (ties: lower code point first). */
  counts: [string, number][];
  /** Entropy of the character frequencies of the whole text, nats per character. */
  entropyNats: number;
  /**
   * What a model that knows only the frequencies of the first 90 % loses per character on the last
   * 10 % (add-one smoothed), as the training studio measures its "frequencies alone" line.
   */
  heldOutNats: number;
  /** Characters in the held-out tenth (the studio's validation split). */
  valChars: number;
}

/**
 * The statistics of `text`, in one pass over its UTF-16 units (a megabyte in milliseconds):
 * counts in a typed array for the Basic Multilingual Plane, a Map for the rest.
 */
export function textStats(text: string): TextStats {
  const codes = new Uint32Array(text.length); // code points, in order
  let n = 0;
  let bytes = 0;
  let lines = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    codes[n++] = c;
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (c === 10) lines++;
  }
  if (n > 0 && codes[n - 1] !== 10) lines++; // a last line without its newline
  // The studio's split: the last round(n / 10) characters (at least one) are held out, rounded
  // as Python rounds (a half to the even neighbour).
  const tenth = n * 0.1;
  let rounded = Math.round(tenth);
  if (rounded - tenth === 0.5 && rounded % 2 === 1) rounded -= 1;
  const nVal = n > 1 ? Math.max(1, rounded) : 0;
  const nTrain = n - nVal;
  const all = tally(codes, 0, n);
  const train = tally(codes, 0, nTrain);
  const counts = [...all.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  let entropy = 0;
  for (const [, k] of counts) entropy -= (k / n) * Math.log(k / n);
  // Add-one smoothing over the vocabulary of the whole text (the studio's vocabulary).
  const denominator = nTrain + counts.length;
  let heldOut = 0;
  for (let i = nTrain; i < n; i++) heldOut -= Math.log(((train.get(codes[i]) ?? 0) + 1) / denominator);
  return {
    characters: n, bytes, lines,
    counts: counts.map(([c, k]) => [String.fromCodePoint(c), k]),
    entropyNats: entropy, heldOutNats: nVal ? heldOut / nVal : 0, valChars: nVal,
  };
}

function tally(codes: Uint32Array, from: number, to: number): Map<number, number> {
  const bmp = new Uint32Array(0x10000);
  const astral = new Map<number, number>();
  for (let i = from; i < to; i++) {
    const c = codes[i];
    if (c < 0x10000) bmp[c]++;
    else astral.set(c, (astral.get(c) ?? 0) + 1);
  }
  const out = new Map<number, number>();
  for (let c = 0; c < 0x10000; c++) if (bmp[c]) out.set(c, bmp[c]);
  for (const [c, k] of astral) out.set(c, k);
  return out;
}

/** Nats to bits. */
export const bits = (nats: number): number => nats / Math.LN2;

/** The perplexity of a loss in nats: how many equally likely characters it is like choosing among. */
export const perplexityOf = (nats: number): number => Math.exp(nats);

const NAMES: Record<string, string> = {
  " ": "space", "\n": "newline", "\t": "tab", "\r": "carriage return", "\f": "form feed",
  "\u00a0": "no-break space", "\uFFFD": "replacement character", "\u200b": "zero-width space", "\uFEFF": "byte order mark",
};

/** A character as a reader can see it: whitespace and invisible characters by name, the rest as itself. */
export function charName(c: string): string {
  if (c in NAMES) return NAMES[c];
  const code = c.codePointAt(0) ?? 0;
  if (code < 32 || (code >= 127 && code < 160)) return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return c;
}

/** Whether charName shows `c` by a name (set in the chart in italics) rather than as itself. */
export const isNamed = (c: string): boolean => charName(c) !== c;

/** The first `length` characters (never half of a surrogate pair). */
export function preview(text: string, length = 600): string {
  let i = 0;
  for (let k = 0; i < text.length && k < length; k++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c < 0xdc00 && i + 1 < text.length ? 2 : 1;
  }
  return text.slice(0, i);
}

/**
 * A snippet of about `length` characters from a place the seed picks, starting at the beginning of
 * a line when one begins within the first quarter of it; the same seed gives the same snippet.
 */
export function snippet(text: string, seed: number, length = 400): { start: number; text: string } {
  if (text.length <= length) return { start: 0, text };
  let start = Math.floor(mulberry32(seed)() * (text.length - length));
  const nl = text.indexOf("\n", start);
  if (nl >= 0 && nl - start < length / 4) start = nl + 1;
  if (start > 0 && text.charCodeAt(start) >= 0xdc00 && text.charCodeAt(start) < 0xe000) start++;
  let end = Math.min(text.length, start + length);
  if (text.charCodeAt(end - 1) >= 0xd800 && text.charCodeAt(end - 1) < 0xdc00) end--;
  return { start, text: text.slice(start, end) };
}

/**
 * What the studio would say of this text before training, beyond the upload checks: a reason it
 * cannot train on it (one distinct character, as its Python says), or a note (folded characters).
 */
export function studioVerdict(stats: TextStats): { refuse?: string; note?: string } {
  if (stats.counts.length < 2) {
    const c = stats.counts[0]?.[0] ?? "";
    return { refuse: `The text has only one distinct character (${charName(c) === c ? `“${c}”` : `a ${charName(c)}`}); a model has nothing to learn from it.` };
  }
  const folded = stats.counts.slice(STUDIO_MAX_VOCAB - 1);
  if (folded.length > 0) {
    const occurrences = folded.reduce((a, [, k]) => a + k, 0);
    return { note: `It has ${stats.counts.length.toLocaleString("en")} distinct characters: the studio keeps the ${STUDIO_MAX_VOCAB - 1} commonest and reads the other ${folded.length.toLocaleString("en")} (${occurrences.toLocaleString("en")} occurrences) as one character, �.` };
  }
  return {};
}

/** A measured run of the studio's default model (advice.json's "studio" rows). */
export interface StudioRow {
  level: string;
  chars: number;
  best_val_loss: number;
  best_minutes: number;
  end_val_loss: number;
  end_minutes: number;
  overfits: boolean;
  readable_minutes: number | null;
  /** The row holds texts of fewer characters than this (null: no limit). */
  up_to: number | null;
}

/** A model of our zoo (advice.json's "zoo" rows). */
export interface ZooRow {
  model: string;
  corpus: string;
  chars: number;
  train_chars: number;
  layers: number;
  hidden: number;
  parameters: number;
  val_loss: number;
  test_loss: number;
  minutes: number;
  device: string;
  compared: { model: string; layers: number; hidden: number; parameters: number; test_loss: number }[];
  up_to: number | null;
}

export interface Advice {
  chars_per_s: number;
  model: { preset: string; cell: string; layers: number; hidden: number };
  readable: { val_loss: number; minutes: number; real_words: number; of: number; chars: number };
  rise: number;
  studio: StudioRow[];
  zoo: ZooRow[];
}

/** The row whose size range holds a text of `chars` characters. */
export function rowFor<R extends { up_to: number | null }>(rows: readonly R[], chars: number): R {
  return rows.find((r) => r.up_to === null || chars < r.up_to) ?? rows[rows.length - 1];
}

export interface Recommendation {
  preset: string;
  autoStop: boolean;
  /** Minutes to train in the studio: the measured minute of the best check, or of a readable sample. */
  minutes: number;
  /** Minutes one pass over the training part of the text takes at the studio's measured speed. */
  minutesPerPass: number;
  studio: StudioRow;
  zoo: ZooRow;
  /** The reasoning, one sentence each, for "why this size". */
  why: string[];
}

const f1 = (v: number) => v.toFixed(1);
const f3 = (v: number) => v.toFixed(3);
const kchars = (v: number) => v.toLocaleString("en");

/** The studio settings and training time for a text of `chars` characters, with the measured reasons. */
export function recommend(chars: number, a: Advice): Recommendation {
  const s = rowFor(a.studio, chars);
  const z = rowFor(a.zoo, chars);
  const minutesPerPass = (chars * 0.9) / a.chars_per_s / 60;
  const minutes = s.overfits ? s.best_minutes : (s.readable_minutes ?? s.end_minutes);
  const model = `${a.model.layers} layer × ${a.model.hidden} units`;
  const why = [
    `At the studio's measured speed (${kchars(a.chars_per_s)} characters a second in Chromium on our 2-core test machine), one pass over the training nine-tenths of your text takes ${f1(minutesPerPass * 60)} seconds.`,
    `The nearest run we measured: the studio's default model (${a.model.preset}, ${model}) on ${kchars(s.chars)} characters of Shakespeare. Its validation loss was best, ${f3(s.best_val_loss)} nats, after ${f1(s.best_minutes)} minutes, ` +
      (s.overfits
        ? `then rose to ${f3(s.end_val_loss)} by ${f1(s.end_minutes)} minutes while the training loss kept falling: it was memorising the text. Turn early stopping on; a bigger model would only memorise sooner.`
        : `and it was still falling when the run ended at ${f1(s.end_minutes)} minutes: more minutes still help, so early stopping can stay off.`),
    s.readable_minutes === null
      ? `It never reached ${f3(a.readable.val_loss)} nats, the loss of the sample we judged readable (${a.readable.real_words} of its first ${a.readable.of} words real): for readable samples, find more text (${kchars(a.studio[1]?.chars ?? a.readable.chars)} characters reached it).`
      : `It reached ${f3(a.readable.val_loss)} nats, the loss of the sample we judged readable (${a.readable.real_words} of its first ${a.readable.of} words real), after ${f1(s.readable_minutes)} minutes.`,
    `Beyond the browser, our nearest measured model is the ${z.layers}×${z.hidden} LSTM (${kchars(z.parameters)} parameters) trained on ${z.corpus} (${kchars(z.chars)} characters): ${f3(z.val_loss)} nats on its validation text after ${f1(z.minutes)} minutes on ${z.device}.` +
      (z.compared.length
        ? ` On that text we also trained ${z.compared.map((c) => `${c.layers}×${c.hidden}`).join(", ")}: ${z.compared.some((c) => c.parameters > z.parameters) ? "the bigger ones did worse on held-out text, so more parameters need more text" : "none did better on held-out text"}.`
        : ""),
    `Losses of different texts are not comparable: a text whose frequencies alone score lower is easier to learn. These minutes are for English prose.`,
  ];
  return { preset: a.model.preset, autoStop: s.overfits, minutes, minutesPerPass, studio: s, zoo: z, why };
}
