/**
 * The translator's words, exactly as build_models/translate/data.py makes them (a test runs both
 * over every test sentence): lowercase, NFC, the narrow and plain no-break spaces and curly
 * apostrophes made plain; then runs of letters and digits, an apostrophe with the letters after it
 * in English ("don't" -> don 't) or before it in French ("j'ai" -> j' ai), and any other
 * non-space character alone. Pure functions.
 */

export const PAD = 0, UNK = 1, BOS = 2, EOS = 3;

// Python's \\w is [\\p{L}\\p{N}_]: [^\\W_] is a letter or digit, [^\\s\\w] anything else but space.
const EN = /[\p{L}\p{N}]+|'[\p{L}\p{N}]+|[^\s\p{L}\p{N}_]|_/gu;
const FR = /[\p{L}\p{N}]+'|[\p{L}\p{N}]+|[^\s\p{L}\p{N}_]|_/gu;

export function normalise(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/[\u202f\u00a0]/g, " ").replace(/[\u2018\u2019]/g, "'").trim();
}

export const tokeniseEnglish = (text: string): string[] => normalise(text).match(EN) ?? [];
export const tokeniseFrench = (text: string): string[] => normalise(text).match(FR) ?? [];

const NO_SPACE_BEFORE = new Set([".", ",", ")", "-", "'"]);
const NO_SPACE_AFTER = new Set(["(", "-"]);

/** French words -> text, as data.detokenise_fr: no space after j', around hyphens, before . , ) */
export function detokeniseFrench(words: readonly string[]): string {
  let out = "";
  words.forEach((w, i) => {
    if (i && !(NO_SPACE_BEFORE.has(w) || out.endsWith("'") || NO_SPACE_AFTER.has(words[i - 1]))) out += " ";
    out += w;
  });
  return out;
}
