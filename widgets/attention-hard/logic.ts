/**
 * Pure logic of the soft-vs-hard widget: what a hard attention run did, compared with the soft run
 * of the same sentence (repeated words, length, the first step where they part), in a sentence.
 */
import { argmax, attentionRows, quote, type Alignment } from "../translator-kit/alignment.ts";

export const EXAMPLES = ["She has a red car.", "I think that he will come tomorrow.", "We have to leave before it rains.", "Where is the train station?"];

/** The part of a TranslateResult compared. */
export interface Run extends Alignment {
  text: string;
  hitMaxLen: boolean;
  steps: { word: string; focus?: number }[];
}

/** Words said twice in a row (the same word at t and t+1), each counted once per repeat. */
export function repeats(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let t = 1; t < words.length; t++) if (words[t] === words[t - 1] && /\p{L}/u.test(words[t])) out.push(words[t]);
  return out;
}

/** The steps where hard attention used another position than the soft weights' heaviest word. */
export function offPeak(run: Run): number[] {
  const rows = attentionRows(run);
  return run.steps.flatMap((st, t) => (st.focus !== undefined && st.focus !== argmax(rows[t] ?? []) ? [t] : []));
}

/** One paragraph: what the hard choice (`how`: "argmax" or "sampled") did to the translation. */
export function explain(soft: Run, hard: Run, how: "argmax" | "sampled"): string {
  const name = how === "argmax" ? "Hard attention on the heaviest word" : "Hard attention on sampled positions";
  if (hard.text === soft.text) {
    const off = offPeak(hard);
    return `${name} gave the same translation as soft attention.` + (how === "sampled" && off.length
      ? ` The sample looked away from the heaviest word at ${off.length} ${off.length === 1 ? "step" : "steps"}, and the decoder still chose the same words.`
      : " The soft weights were peaked enough that one word carried what the decoder needed.");
  }
  const parts: string[] = [`${name} changed the translation.`];
  let first = 0;
  while (first < Math.min(soft.words.length, hard.words.length) && soft.words[first] === hard.words[first]) first++;
  const sw = soft.words[first], hw = hard.words[first];
  parts.push(first < Math.min(soft.words.length, hard.words.length)
    ? `They part at French word ${first + 1}: soft attention said ${quote(sw)}, hard attention ${quote(hw)}.`
    : `They agree on the first ${first} ${first === 1 ? "word" : "words"}, then one of them goes on.`);
  const rs = repeats(soft.words), rh = repeats(hard.words);
  if (rh.length > rs.length) parts.push(`It repeats itself: ${[...new Set(rh)].map(quote).join(", ")} right after itself ${rh.length} ${rh.length === 1 ? "time" : "times"} (soft attention: ${rs.length}).`);
  const d = hard.words.length - soft.words.length;
  if (d !== 0) parts.push(`It is ${Math.abs(d)} ${Math.abs(d) === 1 ? "word" : "words"} ${d > 0 ? "longer" : "shorter"} (${hard.words.length} against ${soft.words.length}).`);
  if (hard.hitMaxLen && !soft.hitMaxLen) parts.push("It never produced the end-of-sentence token: the decoder stopped at its length limit.");
  const off = offPeak(hard);
  if (how === "sampled" && off.length) parts.push(`The sample picked a word other than the heaviest at ${off.length} of ${hard.steps.length} steps.`);
  parts.push("The model was trained with soft weights, so one-hot context vectors are inputs it never saw in training.");
  return parts.join(" ");
}
