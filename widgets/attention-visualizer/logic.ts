/**
 * Pure logic of the attention visualizer: the summary of a translation, and the answer to "why
 * does the adjective look there?", computed from the alignment the model gave (never typed).
 */
import { argmax, attentionRows, quote, type Alignment } from "../translator-kit/alignment.ts";

/** The example sentences; the second and third have adjectives that French puts after the noun. */
export const EXAMPLES = ["She has a red car.", "I bought a big white house.", "He wears a black hat.", "Where is the train station?"];

/** Common English adjectives (English words of the examples and of everyday sentences, not the model's). */
export const ADJECTIVES = new Set([
  "red", "white", "black", "blue", "green", "yellow", "big", "small", "little", "new", "old", "young", "good", "bad",
  "beautiful", "pretty", "long", "short", "tall", "hot", "cold", "happy", "sad", "nice", "great", "large", "expensive",
  "cheap", "strange", "difficult", "easy", "french", "english", "american", "interesting", "funny", "rich", "poor", "free",
]);

/** The live summary after a translation. */
export function summary(a: Alignment): string {
  return `${a.sourceWords.length} English ${a.sourceWords.length === 1 ? "word" : "words"} became ${a.words.length} French ${a.words.length === 1 ? "word" : "words"}. Pick a French word in the table to see where it looked.`;
}

/** What the adjective reveal says: one sentence per adjective found, or why there is none. */
export function adjectiveAnswer(a: Alignment): string[] {
  const rows = attentionRows(a);
  const looks = rows.map(argmax); // the source word each French word looked at most
  const out: string[] = [];
  a.sourceWords.forEach((w, s) => {
    if (!ADJECTIVES.has(w)) return;
    const t = looks.indexOf(s);
    if (t < 0) {
      out.push(`No French word looked mostly at ${quote(w)}: the model did not give it a word of its own here.`);
      return;
    }
    // the noun: the next source word that is not an adjective or a determiner-like word
    let n = s + 1;
    while (n < a.sourceWords.length && ADJECTIVES.has(a.sourceWords[n])) n++;
    const noun = a.sourceWords[n];
    const tn = noun && /\p{L}/u.test(noun) ? looks.indexOf(n) : -1;
    let why = `${quote(a.words[t])} (French word ${t + 1}) looked mostly at ${quote(w)} (English word ${s + 1}).`;
    if (tn < 0) why += ` No French word looked mostly at the noun ${noun ? quote(noun) : ""}, so the order cannot be compared here.`;
    else if (tn < t) {
      why += ` The noun ${quote(noun)} was translated first, as ${quote(a.words[tn])} (French word ${tn + 1}): French puts most adjectives after the noun, so the weight on ${quote(w)} comes one step later than in English and the bright cells leave the diagonal.`;
    } else {
      why += ` Here the adjective came before the noun ${quote(noun)} (${quote(a.words[tn])}, French word ${tn + 1}): a few common French adjectives (grand, petit, beau, nouveau, vieux…) do go first, so the cells stay near the diagonal.`;
    }
    out.push(why);
  });
  if (out.length === 0) out.push("This sentence has no adjective the widget knows (red, big, white…): try one of the first three examples.");
  return out;
}
