/**
 * A reader's text against a model's vocabulary: which characters the model
 * cannot read, the text as shown (each unknown character replaced by a
 * visible placeholder) and the text as fed (unknown characters left out,
 * as the runtime's `unknown: "skip"` does). Also how a character is shown
 * on its own (a space or a line break must be visible). Pure; no DOM.
 */
import { nameChar } from "../runtime/onnx/errors.ts";

/** Shown in place of a character the model does not know (U+FFFD, the replacement character). */
export const PLACEHOLDER = "\uFFFD";

/** A text checked against a vocabulary. */
export interface VocabCheck {
  /** The text's characters (code points, as the runtime splits it). */
  chars: string[];
  /** Whether the vocabulary knows each of `chars`. */
  known: boolean[];
  /** The text with every unknown character replaced by PLACEHOLDER. */
  shown: string;
  /** The text without its unknown characters: what the model reads. */
  fed: string;
  /** Each unknown character with its code-point position in the text. */
  unknown: { char: string; position: number }[];
}

/** Split `text` (by code points, as the runtime does) into known and unknown characters. */
export function checkVocab(text: string, vocab: readonly string[] | ReadonlySet<string>): VocabCheck {
  const set = vocab instanceof Set ? vocab : new Set(vocab as readonly string[]);
  const chars = Array.from(text);
  const known = chars.map((ch) => set.has(ch));
  let shown = "";
  let fed = "";
  const unknown: VocabCheck["unknown"] = [];
  chars.forEach((ch, position) => {
    if (known[position]) {
      shown += ch;
      fed += ch;
    } else {
      shown += PLACEHOLDER;
      unknown.push({ char: ch, position });
    }
  });
  return { chars, known, shown, fed, unknown };
}

/**
 * One sentence about the unknown characters, or "" when there are none:
 * how many, which (each distinct one named once, at most five), and what happens to them.
 */
export function describeUnknown(check: VocabCheck): string {
  const n = check.unknown.length;
  if (n === 0) return "";
  const distinct = [...new Set(check.unknown.map((u) => u.char))];
  const named = distinct.slice(0, 5).map(nameChar).join(", ") + (distinct.length > 5 ? `, and ${distinct.length - 5} more` : "");
  return `${n} character${n === 1 ? " is" : "s are"} not in this model's vocabulary (${named}): shown as ${PLACEHOLDER} and skipped.`;
}

/**
 * A character made visible: symbols for a line break and a tab, a code for
 * other control characters, and ␣ for a space shown on its own (in a list or
 * a table); inside running text (`inText`) a space stays a space.
 */
export function showChar(ch: string, inText = false): string {
  switch (ch) {
    case " ":
      return inText ? " " : "␣";
    case "\n":
      return "↵";
    case "\t":
      return "⇥";
    default:
      return /[\p{C}]/u.test(ch) ? `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}` : ch;
  }
}

/** A character named for a screen reader or a table ("space", "line break", "e"). */
export function speakChar(ch: string): string {
  return ({ " ": "space", "\n": "line break", "\t": "tab" } as Record<string, string>)[ch] ?? showChar(ch);
}

/**
 * What a reader typed as one character: "" → null; one code point → it;
 * the escapes "\n", "\t", "space" and the shown symbols ␣ ↵ ⇥ → their character.
 */
export function parseCharGuess(input: string): string | null {
  const aliases: Record<string, string> = { "\\n": "\n", "\\t": "\t", "␣": " ", "↵": "\n", "⇥": "\t", space: " ", enter: "\n", newline: "\n" };
  if (input === "") return null;
  if (input in aliases) return aliases[input];
  if (input.toLowerCase() in aliases) return aliases[input.toLowerCase()];
  const chars = Array.from(input);
  return chars.length === 1 ? chars[0] : null;
}

/** The start a generation needs when the seed is empty: a line break if the model knows one, else its first character. */
export function defaultSeed(vocab: readonly string[]): string {
  return vocab.includes("\n") ? "\n" : vocab[0];
}

/**
 * The most seed the model reads: the last this many characters. An LSTM's memory of a text
 * rarely reaches back more than a few hundred characters, and every character costs a model
 * step, so a pasted book would only keep the reader waiting (the page says what it read).
 */
export const MAX_SEED_CHARS = 2000;

/** The end of `text` the model reads: its last `max` characters (code points, never half a pair). */
export function seedTail(text: string, max = MAX_SEED_CHARS): { text: string; total: number; capped: boolean } {
  // Cheap for a 1 MB paste: only the tail is split into code points (2 UTF-16 units each at most),
  // and the total is counted without building an array.
  const tail = Array.from(text.slice(-2 * max)).slice(-max).join("");
  if (tail.length === text.length) return { text, total: Array.from(tail).length, capped: false };
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u < 0xdc00 || u > 0xdfff || i === 0 || text.charCodeAt(i - 1) < 0xd800 || text.charCodeAt(i - 1) > 0xdbff) total++;
  }
  return { text: tail, total, capped: true };
}

/** What the page says when a seed was capped (empty when it was read whole). */
export function seedNote(tail: { total: number; capped: boolean }, max = MAX_SEED_CHARS): string {
  if (!tail.capped) return "";
  return `Your seed has ${tail.total.toLocaleString("en")} characters; the model reads the last ${max.toLocaleString("en")} of them ` +
    `(an LSTM's memory of a text rarely reaches back more than a few hundred characters, and each one costs a model step).`;
}
