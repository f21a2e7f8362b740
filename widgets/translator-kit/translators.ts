/**
 * The translators that exist: `docs/pretrained/translators.json`, written by widgets/build.mjs from
 * every pretrained/<id>/meta.json of kind seq2seq-* (build_models/translate). Widgets list them
 * from here, never by a typed id, and load one through the ONNX runtime's loadTranslator /
 * translate. Pure helpers plus one fetch; no DOM.
 */
import { fetchJson, listOnce, pretrainedUrl } from "../model-kit/models.ts";

export interface LengthBleu {
  /** English words [from, to]. */
  words: [number, number];
  sources: number;
  greedy: number;
  beam: number;
}

/** One translator as translators.json lists it (paths relative to pretrained/). */
export interface TranslatorEntry {
  id: string;
  kind: string;
  meta: string;
  attention: boolean;
  hidden: number;
  embedding: number;
  parameters: number;
  /** Bytes of encoder.onnx + decoder.onnx. */
  bytes: number;
  bleu: { greedy: number; beam: number };
  by_length: LengthBleu[];
  best_val_loss: number;
  epochs: number;
  minutes: number;
  /** The translation Model Size Explorer's family. */
  families?: { size?: string };
  files: Record<string, string>;
}

/** A mistranslation of the test set with the rule-made diagnosis (build_models/translate/evaluate.py). */
export interface Mistranslation {
  source: string;
  refs: string[];
  greedy: string;
  sentence_bleu: number;
  attention_entropy: number;
  unknown: string[];
  repeats: boolean;
  length_ratio: number;
  diagnosis: "unknown-word" | "repetition" | "diffuse-attention" | "too-short" | "wrong-words";
}

export interface WorstFile {
  rules: string;
  diffuse_entropy: number | null;
  worst: Mistranslation[];
}

/** Every translator, smallest first; fetched once per tab (a failure is forgotten so Retry refetches). */
export const fetchTranslators = listOnce<TranslatorEntry>("translators.json", "translators", "the list of translators",
  "No translator was found in this build of the site (build_models.translate, then make site).");

/** The meta.json URL loadTranslator / translate take. */
export const translatorUrl = (t: TranslatorEntry): string => pretrainedUrl(t.meta);

/**
 * The translator widgets start on (the attention model in no size family's smaller or larger
 * place: the family's middle member), and the one without attention; null where absent.
 */
export function mainPair(all: readonly TranslatorEntry[]): { attention: TranslatorEntry | null; plain: TranslatorEntry | null } {
  const plain = all.find((t) => !t.attention) ?? null;
  const withAttention = all.filter((t) => t.attention);
  // the attention model of the same size as the one without attention: the fair comparison
  const same = plain ? withAttention.find((t) => t.hidden === plain.hidden && t.embedding === plain.embedding) : undefined;
  return { attention: same ?? withAttention[Math.floor(withAttention.length / 2)] ?? null, plain };
}

/** The attention models of one size family, smallest first (the translation Model Size Explorer). */
export const sizeFamily = (all: readonly TranslatorEntry[]): TranslatorEntry[] =>
  all.filter((t) => t.attention && t.families?.size).sort((a, b) => a.parameters - b.parameters);

export const fetchWorst = (t: TranslatorEntry): Promise<WorstFile> => fetchJson<WorstFile>(pretrainedUrl(t.files["worst.json"]), "the translator's mistranslations");
