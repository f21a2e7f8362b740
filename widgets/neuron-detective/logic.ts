/**
 * Pure logic of the Neuron Detective: drawing a round (a real interpretable
 * cell from neurons.json, a fresh snippet of the test split, the true feature
 * and three others as choices) and keeping the score.
 */

/** One cell neurons.json lists under a feature. */
export interface TopCell {
  kind: "h" | "c";
  layer: number;
  cell: number;
  score: number;
}

/** The parts of neurons.json the game reads. */
export interface NeuronsFile {
  features: string[];
  chars: number;
  split: string;
  top: Record<string, TopCell[]>;
  scores: Record<string, Record<"h" | "c", number[][]>>;
}

/** One question. */
export interface Round {
  feature: string;
  cell: TopCell;
  /** Code-point offset of the snippet in the test text, and its length. */
  start: number;
  length: number;
  /** Four features in display order, one of them `feature`. */
  choices: string[];
}

/** A cell counts as following a feature from this |Pearson r| on. */
export const STRONG = 0.3;
export const SNIPPET = 120;
export const BADGE_AT = 5;

function shuffle<T>(xs: T[], rng: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** |r| of a cell for a feature, from neurons.json's score table. */
export function cellScore(n: NeuronsFile, feature: string, c: TopCell): number {
  return Math.abs(n.scores[feature]?.[c.kind]?.[c.layer]?.[c.cell] ?? 0);
}

/**
 * A new round: a feature with a strong cell, one of its strong cells, a
 * snippet starting at a line start of `testText`, and three distractors
 * that this cell does not follow (|r| < STRONG), weakest first if short.
 * Returns null when neurons.json has no strong cell at all.
 */
export function makeRound(n: NeuronsFile, testText: string, rng: () => number): Round | null {
  const strong = (f: string) => (n.top[f] ?? []).filter((c) => Math.abs(c.score) >= STRONG).slice(0, 3);
  const features = n.features.filter((f) => strong(f).length > 0);
  if (features.length === 0) return null;
  const feature = features[Math.floor(rng() * features.length)];
  const cells = strong(feature);
  const cell = cells[Math.floor(rng() * cells.length)];
  const others = n.features.filter((f) => f !== feature).sort((a, b) => cellScore(n, a, cell) - cellScore(n, b, cell));
  const clear = shuffle(others.filter((f) => cellScore(n, f, cell) < STRONG), rng);
  const distractors = [...clear, ...others.filter((f) => !clear.includes(f))].slice(0, 3);
  const chars = Array.from(testText);
  let start = Math.floor(rng() * Math.max(1, chars.length - SNIPPET));
  // Start at a line start when one is near, so position-like cells begin where the text does.
  const back = chars.slice(Math.max(0, start - 60), start).lastIndexOf("\n");
  if (back >= 0) start = Math.max(0, start - 60) + back + 1;
  const length = Math.min(SNIPPET, chars.length - start);
  return { feature, cell, start, length, choices: shuffle([feature, ...distractors], rng) };
}

/** The saved score. */
export interface Score {
  right: number;
  answered: number;
}

/** The score after one answer. */
export function scoreAfter(s: Score, correct: boolean): Score {
  return { right: s.right + (correct ? 1 : 0), answered: s.answered + 1 };
}

/** Readers' descriptions of the features build_models/features.py computes. */
const DESCRIPTIONS: Record<string, string> = {
  after_newline: "line breaks (the newline character itself)",
  after_sentence_end: "the stretch after . ! or ? until the next letter",
  caps_line: "inside a line written in capitals (a speaker's name)",
  consonant: "consonants",
  inside_word: "letters (inside a word)",
  position_in_line: "how far along the line we are (a counter)",
  punctuation: "punctuation marks",
  space: "spaces",
  start_of_word: "the start of a word",
  uppercase: "capital letters",
  vowel: "vowels",
  digit: "digits",
  in_double_quotes: "inside double quotes",
  in_parens: "inside parentheses",
  nesting_depth: "how deeply brackets are nested",
};

/** A feature id as a reader reads it. */
export function describe(feature: string): string {
  return DESCRIPTIONS[feature] ?? feature.replace(/_/g, " ");
}
