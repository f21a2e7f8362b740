/**
 * Pure logic of the training timelapse: milestones detected in the samples
 * themselves (never hand-written).
 *
 * Each rule looks at one sample and says whether a skill is there, with the
 * evidence; a milestone "appears" at the first checkpoint whose sample passes
 * the rule. Reference statistics (the share of spaces, the known words) come
 * from real text of the model's test split.
 */
import { percent } from "../lib/numbers.ts";

/** One checkpoint of timelapse.json. */
export interface Point {
  iter: number;
  train_loss: number;
  val_loss: number;
  sample: string;
  onnx?: string | null;
}

/** What a rule found in one sample. */
export interface Finding {
  ok: boolean;
  evidence: string;
}

/** Statistics of real text the rules compare against. */
export interface Reference {
  spaceShare: number;
  words: Set<string>;
}

const WORD = /[A-Za-z]+(?:'[a-z]+)?/g;

/** Share of spaces and the set of (lower-case) words in real text. */
export function reference(text: string): Reference {
  const chars = Array.from(text);
  const spaces = chars.filter((c) => c === " ").length;
  return { spaceShare: chars.length ? spaces / chars.length : 0, words: new Set((text.match(WORD) ?? []).map((w) => w.toLowerCase())) };
}


/** The rules, in the order skills usually arrive. */
export const RULES: { id: string; name: string; test(sample: string, ref: Reference): Finding }[] = [
  {
    id: "spaces",
    name: "spaces where real text has them",
    test(s, ref) {
      const chars = Array.from(s);
      const share = chars.filter((c) => c === " ").length / Math.max(1, chars.length);
      const ok = ref.spaceShare > 0 && Math.abs(share - ref.spaceShare) <= 0.25 * ref.spaceShare;
      return { ok, evidence: `${percent(share)} of characters are spaces (real text: ${percent(ref.spaceShare)})` };
    },
  },
  {
    id: "words",
    name: "mostly real words",
    test(s, ref) {
      const words = (s.match(WORD) ?? []).map((w) => w.toLowerCase());
      const known = words.filter((w) => ref.words.has(w)).length;
      const share = words.length ? known / words.length : 0;
      return { ok: words.length >= 10 && share >= 0.5, evidence: `${known} of ${words.length} words (${percent(share)}) also occur in ${ref.words.size} distinct words of the test split` };
    },
  },
  {
    id: "punctuation",
    name: "punctuation followed by a space or line break",
    test(s) {
      const marks = [...s.matchAll(/[.,;:!?]/g)];
      const good = marks.filter((m) => /[\s]/.test(s[m.index + 1] ?? "\n")).length;
      return { ok: marks.length >= 3 && good / marks.length >= 0.9, evidence: `${good} of ${marks.length} marks are followed by a space or line break` };
    },
  },
  {
    id: "quotes",
    name: "apostrophes inside words (I'll, lord's)",
    test(s) {
      const n = (s.match(/[A-Za-z]'[a-z]/g) ?? []).length;
      return { ok: n >= 2, evidence: `${n} apostrophe${n === 1 ? "" : "s"} between letters` };
    },
  },
  {
    id: "speakers",
    name: "speaker names in capitals on their own line",
    test(s) {
      const n = s.split("\n").filter((line) => /^[A-Z][A-Z' ]{2,}:$/.test(line)).length;
      return { ok: n >= 2, evidence: `${n} line${n === 1 ? "" : "s"} like “KING RICHARD:”` };
    },
  },
];

/** A milestone: the rule, the checkpoint where it first holds, and the evidence there. */
export interface Milestone {
  id: string;
  name: string;
  iter: number;
  index: number;
  evidence: string;
}

/** Milestones in order of appearance; rules that never hold are left out. */
export function milestones(points: Point[], ref: Reference): Milestone[] {
  const out: Milestone[] = [];
  for (const rule of RULES) {
    const index = points.findIndex((p) => rule.test(p.sample, ref).ok);
    if (index >= 0) out.push({ id: rule.id, name: rule.name, iter: points[index].iter, index, evidence: rule.test(points[index].sample, ref).evidence });
  }
  return out.sort((a, b) => a.index - b.index);
}
