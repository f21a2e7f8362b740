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
