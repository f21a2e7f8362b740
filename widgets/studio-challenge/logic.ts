/**
 * The training challenges' pure logic: the levels as challenges.json describes them, whether a
 * check meets a level's target, the words of a sample the reader judges, and the Boss level's
 * local leaderboard (its entries, its file format and the checks an imported file must pass).
 * No DOM: tests/js/studio-challenge.test.ts runs it in Node.
 */

export type Metric = "train_ppl" | "val_ppl" | "real_words" | "hidden_ppl";

export interface CurvePoint {
  step: number;
  minutes: number;
  val_loss: number;
  train_loss?: number;
}

export interface Level {
  id: string;
  stars: number;
  title: string;
  plan: string;
  metric: Metric;
  /** A perplexity to get below (train_ppl, val_ppl) or a count of words out of 100 (real_words). */
  target?: number;
  minutes: number;
  auto_stop: boolean;
  text: { file: string; start: number; end: number; bytes: number; sha256: string };
  settings: { cell: string; layers: number; hidden: number; seq_len: number; batch: number; lr: number; seed: number; auto_stop: boolean };
  measured?: {
    curve: CurvePoint[];
    reached: (CurvePoint & { value: number }) | null;
    promised_step: number;
    real_words?: { step: number; per_seed: number[]; median: number };
  };
  hidden?: { file: string; start: number; end: number; sha256: string };
  reference?: { minutes: number; step: number; nats: number; perplexity: number };
  beaten_by?: { minutes: number; step: number; nats: number; perplexity: number };
  reference_minutes?: number;
}

export interface Challenges {
  browser_chars_per_s: number;
  check_every: number;
  val_chars: number;
  train_chars: number;
  levels: Level[];
}

/** The value a check gives a level's metric (a perplexity), or null when the check does not measure it. */
export function checkValue(level: Level, check: { valLoss: number; trainLoss: number | null }): number | null {
  if (level.metric === "train_ppl") return check.trainLoss === null ? null : Math.exp(check.trainLoss);
  if (level.metric === "val_ppl") return Math.exp(check.valLoss);
  return null;
}

/** Whether a perplexity meets a level's target (strictly below it, as the plan says "< 3.0"). */
export const meets = (level: Level, value: number): boolean => level.target !== undefined && value < level.target;

/** "About 3.2 minutes": a measured time as the page states it. */
export const aboutMinutes = (minutes: number): string => `about ${minutes.toFixed(1)} minutes`;

// ---------------------------------------------------------------------------------- level 3

const WORD = /[A-Za-z']+/g;

/** The distinct words of a text, case folded (what "occurs in the level's text" means). */
export function knownWords(text: string): Set<string> {
  return new Set(Array.from(text.matchAll(WORD), (m) => m[0].toLowerCase()));
}

export interface Word {
  /** The word as generated. */
  text: string;
  /** Where it starts in the sample. */
  at: number;
  /** Whether the level's text has it. */
  known: boolean;
}

/** The first `n` words of a sample (the reader judges these), each marked known or not. */
export function sampleWords(sample: string, known: Set<string>, n = 100): Word[] {
  const out: Word[] = [];
  for (const m of sample.matchAll(WORD)) {
    if (out.length >= n) break;
    out.push({ text: m[0], at: m.index ?? 0, known: known.has(m[0].toLowerCase()) });
  }
  return out;
}

// ---------------------------------------------------------------------------------- leaderboard

export const BOARD_FORMAT = "rnn-course/boss-leaderboard";
export const BOARD_VERSION = 1;
/** An imported file larger than this is refused before it is read. */
export const MAX_BOARD_BYTES = 1024 * 1024;
export const MAX_ENTRIES = 1000;
export const MAX_NAME = 40;

export interface Entry {
  id: string;
  name: string;
  /** Perplexity on the hidden text, and the same as nats per character. */
  perplexity: number;
  nats: number;
  cell: string;
  layers: number;
  hidden: number;
  iterations: number;
  minutes: number;
  date: string;
  /** Scored in this browser, read from a file the reader imported, or our measured reference run. */
  source: "mine" | "imported" | "reference";
  /** The file an imported entry came from. */
  from?: string;
}

export interface BoardFile {
  format: string;
  version: number;
  hidden_sha256: string;
  exported: string;
  entries: Entry[];
}

/** A name as the board keeps it: trimmed, one line, at most MAX_NAME characters; "anonymous" if empty. */
export function cleanName(raw: string): string {
  const one = raw.replace(/\s+/g, " ").trim();
  return (one ? Array.from(one).slice(0, MAX_NAME).join("") : "anonymous");
}

/** Best (lowest perplexity) first; ties by date, earlier first. */
export function ranked(entries: readonly Entry[]): Entry[] {
  return entries.slice().sort((a, b) => a.perplexity - b.perplexity || a.date.localeCompare(b.date));
}

/** The file a reader exports: their own and imported entries (the reference is the course's, not theirs). */
export function boardFile(entries: readonly Entry[], hiddenSha256: string, now: Date): BoardFile {
  return {
    format: BOARD_FORMAT, version: BOARD_VERSION, hidden_sha256: hiddenSha256, exported: now.toISOString(),
    entries: entries.filter((e) => e.source !== "reference").map(({ source: _s, from: _f, ...e }) => ({ ...e, source: "mine" as const })),
  };
}

export type BoardRead = { ok: true; entries: Entry[] } | { ok: false; reason: string };

const isNum = (v: unknown, lo: number, hi: number): v is number => typeof v === "number" && Number.isFinite(v) && v >= lo && v <= hi;
const isInt = (v: unknown, lo: number, hi: number): v is number => isNum(v, lo, hi) && Number.isInteger(v);

/** Why one entry of a file cannot be used, or null. */
function entryProblem(e: unknown): string | null {
  if (!e || typeof e !== "object") return "is not an object";
  const r = e as Record<string, unknown>;
  if (typeof r.id !== "string" || !/^[A-Za-z0-9-]{1,64}$/.test(r.id)) return "has no valid id";
  if (typeof r.name !== "string" || Array.from(r.name).length > MAX_NAME) return `has no name of at most ${MAX_NAME} characters`;
  if (!isNum(r.perplexity, 1, 1000)) return "has a perplexity outside 1 to 1,000";
  if (!isNum(r.nats, 0, 7) || Math.abs(Math.exp(r.nats) - r.perplexity) > 1e-3 * r.perplexity) return "has a loss that does not match its perplexity";
  if (!["lstm", "gru", "rnn"].includes(r.cell as string)) return "has an unknown cell";
  if (!isInt(r.layers, 1, 3) || !isInt(r.hidden, 1, 4096)) return "has an impossible model size";
  if (!isInt(r.iterations, 0, 1e9) || !isNum(r.minutes, 0, 100_000)) return "has impossible training figures";
  if (typeof r.date !== "string" || Number.isNaN(Date.parse(r.date))) return "has no valid date";
  return null;
}

/**
 * The entries of a leaderboard file (its text, already read), or why it cannot be used. A file
 * is taken whole or not at all, so a bad file changes nothing; a file scored on another hidden
 * text is refused, since its scores cannot be compared with ours.
 */
export function readBoardFile(text: string, fileName: string, hiddenSha256: string): BoardRead {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, reason: `${fileName} is not a JSON file (it may be damaged or not a leaderboard).` };
  }
  const d = doc as Partial<BoardFile> | null;
  if (!d || typeof d !== "object" || d.format !== BOARD_FORMAT) {
    return { ok: false, reason: `${fileName} is not a leaderboard exported by this course.` };
  }
  if (d.version !== BOARD_VERSION) return { ok: false, reason: `${fileName} is a leaderboard of version ${String(d.version)}; this page reads version ${BOARD_VERSION}.` };
  if (d.hidden_sha256 !== hiddenSha256) {
    return { ok: false, reason: `${fileName} was scored on another hidden text (another version of this course), so its scores cannot be compared with these.` };
  }
  if (!Array.isArray(d.entries)) return { ok: false, reason: `${fileName} has no list of entries.` };
  if (d.entries.length > MAX_ENTRIES) return { ok: false, reason: `${fileName} has ${d.entries.length.toLocaleString("en")} entries; at most ${MAX_ENTRIES.toLocaleString("en")} are read.` };
  const out: Entry[] = [];
  for (const [i, e] of d.entries.entries()) {
    const problem = entryProblem(e);
    if (problem) return { ok: false, reason: `Entry ${i + 1} of ${fileName} ${problem}; nothing was imported.` };
    const r = e as Entry;
    out.push({
      id: r.id, name: cleanName(r.name), perplexity: r.perplexity, nats: r.nats, cell: r.cell, layers: r.layers, hidden: r.hidden,
      iterations: r.iterations, minutes: r.minutes, date: new Date(r.date).toISOString(), source: "imported", from: fileName,
    });
  }
  return { ok: true, entries: out };
}

/** The board with `incoming` added: an entry already on it (the same id) is kept as it was. */
export function merge(board: readonly Entry[], incoming: readonly Entry[]): { entries: Entry[]; added: number } {
  const ids = new Set(board.map((e) => e.id));
  const fresh = incoming.filter((e) => !ids.has(e.id) && (ids.add(e.id), true));
  return { entries: [...board, ...fresh].slice(0, MAX_ENTRIES), added: fresh.length };
}

/** The board as stored: entries that pass the same checks as an import (a hand-edited store loses only bad rows). */
export function restoreBoard(raw: unknown): Entry[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((e) => entryProblem(e) === null && ["mine", "imported"].includes((e as Entry).source)).slice(0, MAX_ENTRIES) as Entry[];
}
