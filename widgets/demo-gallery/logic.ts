/**
 * Pure logic of the Live Demo Gallery: what each demo feeds the model, where
 * its output ends, and (names) which generated names the training split
 * already holds. No DOM.
 */

/** One demo of the gallery. */
export interface Demo {
  key: string;
  title: string;
  /** Corpora whose models can run it, preferred first (index.json's `corpus`). */
  corpora: string[];
  /** What the corpus is, for the "not trained yet" note. */
  corpusLabel: string;
  /** The reader's input (null: the demo takes none). */
  input: { label: string; value: string; multiline?: boolean } | null;
  /** The text fed to the model before it writes. */
  seedFor(input: string, corpus: string): string;
  /** Where the output ends (index just past the end), or null while it goes on. */
  endOf(output: string): number | null;
  /** Most characters to generate. */
  length: number;
  temperature: number;
}

/** The index just past the first occurrence of `marker` in `text`, or null. */
export function endAfter(text: string, marker: string): number | null {
  const i = text.indexOf(marker);
  return i < 0 ? null : i + marker.length;
}

/** The first `n` complete lines of `text` (names end with a line break), as an end index. */
export function endAfterLines(text: string, n: number): number | null {
  let at = -1;
  for (let k = 0; k < n; k++) {
    at = text.indexOf("\n", at + 1);
    if (at < 0) return null;
  }
  return at + 1;
}

export const NAMES_COUNT = 10;

/** How each Shakespeare edition ends a speaker's name at the head of a speech. */
export const SPEAKER_END: Record<string, string> = { tinyshakespeare: ":", shakespeare: "." };

export const DEMOS: Record<string, Demo> = {
  shakespeare: {
    key: "shakespeare",
    title: "Shakespeare: a character's speech",
    corpora: ["shakespeare", "tinyshakespeare"],
    corpusLabel: "Shakespeare's plays",
    input: { label: "Character name (as the plays write it, e.g. MENENIUS or FIRST CITIZEN)", value: "MENENIUS" },
    // A speech starts with its speaker's name on a line of its own, ended the way the model's
    // edition ends it: "MENENIUS:" in Tiny Shakespeare, "MENENIUS." in the complete works.
    seedFor: (name, corpus) => `\n\n${name.trim()}${SPEAKER_END[corpus] ?? ":"}\n`,
    // A speech ends at the blank line before the next speaker.
    endOf: (out) => endAfter(out, "\n\n"),
    length: 700,
    temperature: 0.8,
  },
  latex: {
    key: "latex",
    title: "LaTeX: a statement and its proof",
    corpora: ["stacks"],
    corpusLabel: "the LaTeX source of the Stacks Project (algebraic geometry)",
    input: { label: "Statement of a lemma", value: "Let $X$ be a scheme. If $X$ is quasi-compact, then every open covering of $X$ has a finite refinement.", multiline: true },
    seedFor: (s) => `\\begin{lemma}\n${s.trim()}\n\\end{lemma}\n\n\\begin{proof}\n`,
    endOf: (out) => endAfter(out, "\\end{proof}"),
    length: 900,
    temperature: 0.8,
  },
  c: {
    key: "c",
    title: "C: a signature and its body",
    corpora: ["linux"],
    corpusLabel: "the C source of the Linux kernel",
    input: { label: "Function signature", value: "static int uart_open(struct tty_struct *tty, struct file *filp)" },
    seedFor: (sig) => `\n${sig.trim()}\n{\n`,
    // The kernel's style closes a function with a brace alone at the start of a line.
    endOf: (out) => endAfter(out, "\n}\n"),
    length: 900,
    temperature: 0.8,
  },
  names: {
    key: "names",
    title: "Names: ten new ones",
    corpora: ["names"],
    corpusLabel: "a list of 32,033 baby names",
    input: null,
    seedFor: () => "\n",
    endOf: (out) => endAfterLines(out, NAMES_COUNT),
    length: 400,
    temperature: 1.0,
  },
};

/** The generated names (non-empty lines of the output, at most NAMES_COUNT). */
export function namesOf(output: string): string[] {
  return output.split("\n").map((s) => s.trim()).filter((s) => s !== "").slice(0, NAMES_COUNT);
}

/** Each name with whether the training list holds it, and the share that is new. */
export function novelty(names: readonly string[], training: ReadonlySet<string>): { marked: { name: string; known: boolean }[]; novelShare: number } {
  const marked = names.map((name) => ({ name, known: training.has(name) }));
  const novel = marked.filter((m) => !m.known).length;
  return { marked, novelShare: names.length ? novel / names.length : 0 };
}

/** Most names the favourites list keeps (the oldest go first beyond it). */
export const FAVOURITES_MAX = 200;

/** A saved favourites list checked: names as strings, trimmed, without repeats or blanks. */
export function parseFavourites(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const names = raw.filter((x): x is string => typeof x === "string").map((s) => s.trim()).filter((s) => s !== "");
  return [...new Set(names)].slice(-FAVOURITES_MAX);
}

/** The list with `name` kept (added at the end) or, if it was kept already, let go. */
export function toggleFavourite(list: readonly string[], name: string): string[] {
  return list.includes(name) ? removeFavourite(list, name) : [...list, name].slice(-FAVOURITES_MAX);
}

/** The list without `name`. */
export function removeFavourite(list: readonly string[], name: string): string[] {
  return list.filter((n) => n !== name);
}
