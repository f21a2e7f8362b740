/**
 * Spot the Bug, the part without DOM: the data file's shape, scoring a
 * reader's marks against the answer key, and the saved state. The answer key
 * is written by `python -m coursekit.samples` from automatic checkers
 * (coursekit/textchecks.py); nothing here decides what counts as an error.
 */

/** One error the checkers found: the token it points at, the checker, and why. */
export interface BugError {
  token: number;
  check: string;
  why: string;
}

/** One generated sample, cut into tokens (joined, they give the text back). */
export interface Sample {
  id: string;
  model: string;
  corpus: string;
  temperature: number;
  tokens: string[];
  errors: BugError[];
}

export type TokenResult = "hit" | "miss" | "false-alarm";

export interface Score {
  hits: number;
  misses: number;
  falseAlarms: number;
  /** Result per token index; tokens not listed were neither marked nor errors. */
  results: Map<number, TokenResult>;
}

/** What is saved: marks per sample id, which samples were checked, which one is shown. */
export interface Saved {
  marks: Record<string, number[]>;
  checked: Record<string, boolean>;
  current: number;
}

/** Spaces and newlines are layout, not something a reader can mark. */
export function isClickable(tok: string): boolean {
  return tok.trim() !== "";
}

/** Validate the data file; throws a readable Error when it is not what the build writes. */
export function parseData(raw: unknown): Sample[] {
  const samples = (raw as { samples?: unknown })?.samples;
  if (!Array.isArray(samples) || samples.length === 0) throw new Error("the samples file lists no samples");
  for (const s of samples as Sample[]) {
    const ok =
      typeof s.id === "string" &&
      Array.isArray(s.tokens) &&
      Array.isArray(s.errors) &&
      s.errors.every((e) => Number.isInteger(e.token) && e.token >= 0 && e.token < s.tokens.length && isClickable(s.tokens[e.token]));
    if (!ok) throw new Error(`sample ${String(s?.id)} in the samples file is malformed`);
  }
  return samples as Sample[];
}

/** Compare the reader's marks with the answer key. */
export function score(sample: Sample, marks: Iterable<number>): Score {
  const marked = new Set(marks);
  const errors = new Set(sample.errors.map((e) => e.token));
  const results = new Map<number, TokenResult>();
  let hits = 0;
  let misses = 0;
  let falseAlarms = 0;
  for (const t of errors) {
    if (marked.has(t)) {
      hits += 1;
      results.set(t, "hit");
    } else {
      misses += 1;
      results.set(t, "miss");
    }
  }
  for (const t of marked) {
    if (!errors.has(t)) {
      falseAlarms += 1;
      results.set(t, "false-alarm");
    }
  }
  return { hits, misses, falseAlarms, results };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The sentence announced after Check. */
export function verdict(s: Score): string {
  const total = s.hits + s.misses;
  let text = `You found ${s.hits} of ${plural(total, "error", "errors")}`;
  text += s.falseAlarms ? `, with ${plural(s.falseAlarms, "false alarm", "false alarms")}.` : ", with no false alarms.";
  if (s.misses === 0 && s.falseAlarms === 0) text += " A perfect round!";
  return text;
}

/** Totals over the samples that were checked. */
export function overall(samples: Sample[], saved: Saved): string {
  const done = samples.filter((s) => saved.checked[s.id]);
  if (done.length === 0) return `Checked 0 of ${samples.length} samples so far.`;
  let hits = 0;
  let errors = 0;
  let alarms = 0;
  for (const s of done) {
    const r = score(s, saved.marks[s.id] ?? []);
    hits += r.hits;
    errors += r.hits + r.misses;
    alarms += r.falseAlarms;
  }
  return `Checked ${done.length} of ${samples.length} samples: ${hits} of ${errors} errors found, ${plural(alarms, "false alarm", "false alarms")}.`;
}

/** Saved state as read back from storage, with anything malformed dropped. */
export function asSaved(raw: unknown, samples: Sample[]): Saved {
  const out: Saved = { marks: {}, checked: {}, current: 0 };
  if (!raw || typeof raw !== "object") return out;
  const r = raw as Partial<Saved>;
  for (const s of samples) {
    const m = r.marks?.[s.id];
    if (Array.isArray(m)) out.marks[s.id] = m.filter((t) => Number.isInteger(t) && t >= 0 && t < s.tokens.length);
    if (r.checked?.[s.id] === true) out.checked[s.id] = true;
  }
  if (Number.isInteger(r.current) && (r.current as number) >= 0 && (r.current as number) < samples.length) out.current = r.current as number;
  return out;
}
