/**
 * Pure logic of the attention-debugging challenge: the five diagnoses in plain words, a
 * deterministic shuffle of the worst translations, the explanation of a case from its measured
 * fields (build_models/translate/evaluate.py's rules, whose text worst.json carries), and the score.
 */
import { mulberry32 } from "../lib/random.ts";
import { short } from "../lib/numbers.ts";
import { quote } from "../translator-kit/alignment.ts";
import type { Mistranslation, WorstFile } from "../translator-kit/translators.ts";

export type Diagnosis = Mistranslation["diagnosis"];

/** The five diagnoses in the rules' order, each with its plain label. */
export const DIAGNOSES: readonly { id: Diagnosis; label: string }[] = [
  { id: "unknown-word", label: "It met a word it cannot read (outside its vocabulary)" },
  { id: "repetition", label: "It got stuck repeating a word" },
  { id: "diffuse-attention", label: "Its attention was spread out: it did not know where to look" },
  { id: "too-short", label: "It stopped early and left part of the sentence out" },
  { id: "wrong-words", label: "It read everything but chose wrong words" },
];

export const labelOf = (d: string): string => DIAGNOSES.find((x) => x.id === d)?.label ?? d;

/** Cases per round. */
export const ROUND = 5;

/** The case indices in a fixed shuffled order (Fisher–Yates with mulberry32(seed)). */
export function shuffledOrder(n: number, seed = 20261205): number[] {
  const rand = mulberry32(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** The too-short threshold stated in the rules text ("under 0.6 of …"), or null if it says none. */
export function shortThreshold(rules: string): number | null {
  const m = /under\s+([0-9]*\.?[0-9]+)/i.exec(rules);
  return m ? Number(m[1]) : null;
}

/** The measured facts of a case, one sentence each, then the rule that decided. */
export function explainCase(c: Mistranslation, file: Pick<WorstFile, "rules" | "diffuse_entropy">): string[] {
  const out: string[] = [];
  out.push(c.unknown.length
    ? `Unknown words: ${c.unknown.map(quote).join(", ")}. The encoder read each as <unk>, so no attention weight can recover its meaning.`
    : "Unknown words: none; the translator knew every English word.");
  out.push(c.repeats ? "Repetition: yes, a French word comes twice in a row." : "Repetition: no French word comes twice in a row.");
  const e = short(c.attention_entropy, 2);
  if (file.diffuse_entropy === null) out.push(`Attention entropy: ${e} nats on average per French word (this model has no threshold for it).`);
  else {
    const th = short(file.diffuse_entropy, 2);
    out.push(c.attention_entropy > file.diffuse_entropy
      ? `Attention entropy: ${e} nats per French word, above the threshold of ${th} (the test set's 90th percentile): the weights were spread over many English words.`
      : `Attention entropy: ${e} nats per French word, under the threshold of ${th}: each French word looked at a few English words.`);
  }
  const limit = shortThreshold(file.rules);
  const ratio = short(c.length_ratio, 2);
  out.push(limit === null
    ? `Length: the output has ${ratio} times as many words as the shortest reference.`
    : c.length_ratio < limit
      ? `Length: ${ratio} times the shortest reference's words, under ${short(limit, 2)}: words are missing.`
      : `Length: ${ratio} times the shortest reference's words (the rule calls under ${short(limit, 2)} too short).`);
  out.push(`The rules take the first that applies, so this case is: ${labelOf(c.diagnosis).toLowerCase()}.`);
  return out;
}

/** The reader's running score, as saved. */
export interface Score { right: number; tried: number }

/** The score after one answer. */
export const scored = (s: Score, right: boolean): Score => ({ right: s.right + (right ? 1 : 0), tried: s.tried + 1 });

/** A saved value read back as a score (anything unreadable: zero). */
export function readScore(x: unknown): Score {
  const r = x as Partial<Score> | null;
  const ok = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0;
  return r && ok(r.right) && ok(r.tried) && (r.right as number) <= (r.tried as number) ? { right: r.right as number, tried: r.tried as number } : { right: 0, tried: 0 };
}

export const scoreText = (s: Score): string => (s.tried ? `Your score: ${s.right} of ${s.tried} diagnosed as the rules do.` : "Your score: no case tried yet.");
