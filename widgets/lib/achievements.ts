/**
 * Module 10's milestones and badges, earned by events this browser saw: labs passed
 * (lib/progress.ts), the training challenges' levels done (`studio-challenge:done`), the Neuron
 * Detective's score (`neuron-detective:score`), and the shared log kept here of finished studio
 * runs and texts opened. Everything is a pure function of what storage holds; the thresholds come
 * from widgets/achievements/course.json (python -m coursekit.achievements, from the measurements).
 * Progress travels between browsers only as a file the reader exports and imports
 * (`rnn-course/progress` v1): an import is checked whole and refused with the reason, or merged.
 */
import { count, isObj, num } from "./guards.ts";
import { load, save, type SaveResult } from "./storage.ts";
import { normalize, PROGRESS_EVENT, type Progress } from "./progress.ts";

export const LOG_KEY = "achievements:log";
export const CHALLENGES_KEY = "studio-challenge:done";
export const DETECTIVE_KEY = "neuron-detective:score";
export const PROGRESS_KEY = "progress";
export const FILE_FORMAT = "rnn-course/progress";
export const FILE_VERSION = 1;
/** A file larger than this is refused before it is read. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** The log keeps the latest this many runs and events each (older ones are dropped). */
export const MAX_RUNS = 200;
export const MAX_EVENTS = 200;
/** Labs, pages and levels an imported file may hold at most. */
export const MAX_KEYS = 1000;
/** A time this far past the reader's clock is a clock gone wrong or an edited file. */
export const FUTURE_SLACK_MS = 5 * 60_000;

/** One finished studio run (Stop, early stop, auto stop or time up, with a validation check). */
export interface StudioRun {
  at: number;
  /** A shipped corpus id (corpora.json), "challenge" for a challenge level's text, or "upload". */
  text: string;
  cell: string;
  layers: number;
  hidden: number;
  steps: number;
  chars: number;
  trainedS: number;
  charsPerS: number;
  bestValLoss: number;
  bestValPerplexity: number;
  /** Read from a file the reader imported: this page did not see it happen. */
  imported?: boolean;
}

/** Another event a milestone counts: a text opened in the Dataset Explorer or the studio. */
export interface SiteEvent {
  kind: "data-explored";
  at: number;
  text: string;
  imported?: boolean;
}

export interface Log {
  runs: StudioRun[];
  events: SiteEvent[];
  /** Lab ids and whether the detective's score came from an imported file. */
  imported: { labs: string[]; challenges: string[]; detective: boolean };
}

/** A challenge level done, as widgets/studio-challenge saves it. */
export interface Done {
  value: number;
  step: number;
  minutes: number;
  date: string;
  imported?: boolean;
}

export interface Score {
  right: number;
  answered: number;
}

/** Everything the milestones and badges are computed from. */
export interface Sources {
  progress: Progress;
  log: Log;
  challenges: Record<string, Done>;
  detective: Score;
}

/** widgets/achievements/course.json: thresholds, the labs of the course, our reference runs. */
export interface Course {
  thresholds: {
    gold_level: string; gold_val_ppl: number; diamond_level: string; diamond_words: number;
    crusher_level: string; crusher_ppl: number; champion_cells: number;
    code_corpus: string; code_val_loss: number; guru_speedup: number;
  };
  labs: string[];
  references: { what: string; minutes: number; value: string }[];
}

// ---------------------------------------------------------------------------------- the log

const emptyLog = (): Log => ({ runs: [], events: [], imported: { labs: [], challenges: [], detective: false } });

/** A well-formed log from whatever storage held (damaged entries are dropped). */
export function normalizeLog(raw: unknown): Log {
  const log = emptyLog();
  if (!isObj(raw)) return log;
  if (Array.isArray(raw.runs)) log.runs = raw.runs.filter((r) => runProblem(r, Infinity) === null) as StudioRun[];
  if (Array.isArray(raw.events)) log.events = raw.events.filter((e) => eventProblem(e, Infinity) === null) as SiteEvent[];
  const imp = isObj(raw.imported) ? raw.imported : {};
  log.imported = {
    labs: strings(imp.labs), challenges: strings(imp.challenges), detective: imp.detective === true,
  };
  return log;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

function appendTo(change: (log: Log) => void): SaveResult {
  const log = normalizeLog(load<unknown>(LOG_KEY, null));
  change(log);
  log.runs = log.runs.slice(-MAX_RUNS);
  log.events = log.events.slice(-MAX_EVENTS);
  const r = save(LOG_KEY, log);
  window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
  return r;
}

/** Append a finished studio run to the shared log (null: a run with nothing measured, not kept). */
export function recordStudioRun(run: StudioRun | null): SaveResult {
  return run ? appendTo((log) => void log.runs.push(run)) : { ok: true };
}

/** What the log calls a studio text: the corpus id of "<id> (our excerpt)", "challenge" for a level's text, else "upload". */
export function textKind(name: string, fixed = false): string {
  const corpus = /^([a-z0-9-]+) \(our excerpt\)$/.exec(name);
  return fixed ? "challenge" : corpus ? corpus[1] : "upload";
}

/** Append another event (a text opened) to the shared log. */
export function recordEvent(event: Omit<SiteEvent, "at"> & { at?: number }): SaveResult {
  return appendTo((log) => void log.events.push({ at: Date.now(), ...event }));
}

/**
 * The record of a studio run that just ended, from the studio's own figures, or null when it has
 * no validation check (nothing measured, nothing to record). `name` is the studio's text name:
 * "<corpus id> (our excerpt)" for a shipped text.
 */
export function studioRun(
  name: string, model: { cell: string; layers: number; hidden: number; fixed: boolean },
  trainedS: number, last: { step: number; chars: number } | undefined, val: readonly [number, number][], now = Date.now(),
): StudioRun | null {
  if (!val.length || !last) return null;
  const best = Math.min(...val.map(([, loss]) => loss));
  return {
    at: now, text: textKind(name, model.fixed), cell: model.cell, layers: model.layers,
    hidden: model.hidden, steps: last.step, chars: last.chars, trainedS, charsPerS: trainedS > 0 ? last.chars / trainedS : 0,
    bestValLoss: best, bestValPerplexity: Math.exp(best),
  };
}

/** What storage holds now. */
export function readSources(): Sources {
  return {
    progress: normalize(load<unknown>(PROGRESS_KEY, null)),
    log: normalizeLog(load<unknown>(LOG_KEY, null)),
    challenges: cleanChallenges(load<unknown>(CHALLENGES_KEY, {})),
    detective: cleanScore(load<unknown>(DETECTIVE_KEY, null)),
  };
}

function cleanChallenges(raw: unknown): Record<string, Done> {
  const out: Record<string, Done> = {};
  if (isObj(raw)) for (const [k, v] of Object.entries(raw)) if (doneProblem(k, v, Infinity) === null) out[k] = v as Done;
  return out;
}

function cleanScore(raw: unknown): Score {
  return isObj(raw) && scoreProblem(raw) === null ? { right: raw.right as number, answered: raw.answered as number } : { right: 0, answered: 0 };
}

// ---------------------------------------------------------------------------------- evaluation

/** One milestone or badge as the page shows it. */
export interface Earned {
  id: string;
  name: string;
  /** The plan's names this one carries. */
  plan: string[];
  /** What verifies it, in words. */
  verifies: string;
  /** The page where it is earned (relative to the site root). */
  where: string;
  done: boolean;
  /** When, where the event has a time (the detective's score has none). */
  at: number | null;
  /** Earned only through an imported file. */
  imported: boolean;
}

const firstBy = <T extends { at: number }>(xs: T[]): T | null => xs.reduce<T | null>((a, x) => (!a || x.at < a.at ? x : a), null);
const dateOf = (d: Done | undefined): number | null => (d ? Date.parse(d.date) : null);

function item(id: string, name: string, plan: string[], verifies: string, where: string,
  hit: { at: number | null; imported?: boolean } | null): Earned {
  return { id, name, plan, verifies, where, done: hit !== null, at: hit?.at ?? null, imported: hit?.imported ?? false };
}

const doneHit = (s: Sources, level: string) => {
  const d = s.challenges[level];
  return d ? { at: dateOf(d), imported: d.imported === true || s.log.imported.challenges.includes(level) } : null;
};

/** The five milestones, bronze to champion, as of these sources. */
export function milestones(s: Sources, c: Course): Earned[] {
  const t = c.thresholds;
  const firstRun = firstBy(s.log.runs);
  const firstData = firstBy([...s.log.events.filter((e) => e.kind === "data-explored"), ...s.log.runs]);
  const cells = s.detective.right >= t.champion_cells ? { at: null, imported: s.log.imported.detective } : null;
  return [
    item("bronze", "Bronze: data loaded and preprocessed", ["Data loaded and preprocessed"],
      "A text opened in the Dataset Explorer, or read by the training studio.", "modules/10-capstone/data/", firstData),
    item("silver", "Silver: first training run", ["First successful training run"],
      "A studio run finished (time up, Stop, or early stop) after at least one validation check.",
      "modules/05-experiments/own-data/", firstRun),
    item("gold", `Gold: validation perplexity below ${t.gold_val_ppl}`, ["Perplexity < 2.5"],
      `Challenge level 2 done: validation perplexity below ${t.gold_val_ppl} within its time.`,
      "modules/04-char-language-modeling/challenges/", doneHit(s, t.gold_level)),
    item("diamond", "Diamond: 100 words generated and judged", ["Generated 100 coherent words"],
      `Challenge level 3 done: you judged at least ${t.diamond_words} of 100 generated words real.`,
      "modules/04-char-language-modeling/challenges/", doneHit(s, t.diamond_level)),
    item("champion", "Champion: interpretable cells identified", ["Identified interesting neurons"],
      `At least ${t.champion_cells} cells identified in the Neuron Detective (right answers).`,
      "modules/05-experiments/live/", cells),
  ];
}

/** The badges (the plan's two lists merged), as of these sources; `interpreterAt` is the detective's own BADGE_AT. */
export function badges(s: Sources, c: Course, interpreterAt: number): Earned[] {
  const t = c.thresholds;
  const runs = [...s.log.runs].sort((a, b) => a.at - b.at);
  const firstRun = runs[0] ?? null;
  const boss = s.challenges[t.crusher_level];
  const code = runs.find((r) => r.text === t.code_corpus && r.bestValLoss < t.code_val_loss) ?? null;
  const firstOf = new Map<string, StudioRun>();
  let guru: StudioRun | null = null;
  for (const r of runs) {
    const first = firstOf.get(r.text);
    if (!first) firstOf.set(r.text, r);
    else if (!guru && first.charsPerS > 0 && r.charsPerS >= t.guru_speedup * first.charsPerS) guru = r;
  }
  const ms = milestones(s, c);
  const labsLeft = c.labs.filter((id) => !(id in s.progress.labs));
  const fullAt = Math.max(...c.labs.map((id) => s.progress.labs[id] ?? 0), ...ms.map((m) => m.at ?? 0));
  const full = !labsLeft.length && ms.every((m) => m.done)
    ? { at: fullAt || null, imported: ms.some((m) => m.imported) || c.labs.some((id) => s.log.imported.labs.includes(id)) } : null;
  return [
    item("first-epoch", "First Epoch", ["First Epoch", "First Blood"], "A first studio run finished with a validation check.",
      "modules/05-experiments/own-data/", firstRun),
    item("loss-crusher", "Loss Crusher", ["Loss Crusher", "Linguist"],
      `The Boss challenge beaten: perplexity on its hidden text below our reference run's ${t.crusher_ppl}.`,
      "modules/04-char-language-modeling/challenges/", boss && boss.value < t.crusher_ppl ? doneHit(s, t.crusher_level) : null),
    item("neural-interpreter", "Neural Interpreter", ["Neural Whisperer", "Interpreter"],
      `${interpreterAt} cells identified in the Neuron Detective.`, "modules/05-experiments/live/",
      s.detective.right >= interpreterAt ? { at: null, imported: s.log.imported.detective } : null),
    item("creative-writer", "Creative Writer", ["Creative Writer", "Shakespeare Bot"],
      `Challenge level 3 done: ${t.diamond_words} of 100 generated words judged real.`,
      "modules/04-char-language-modeling/challenges/", doneHit(s, t.diamond_level)),
    item("code-poet", "Code Poet", ["Code Poet"],
      `A studio run on our Linux C text finished with validation loss below ${t.code_val_loss} nats per character.`,
      "modules/05-experiments/own-data/", code),
    item("optimization-guru", "Optimization Guru", ["Optimization Guru"],
      `A studio run at least ${t.guru_speedup}× as many characters per second as your first run on the same text.`,
      "modules/05-experiments/own-data/", guru),
    item("full-stack", "Full Stack", ["Full Stack"],
      `All ${c.labs.length} labs passed and all five milestones reached${labsLeft.length ? ` (${labsLeft.length} labs to go)` : ""}.`,
      "", full),
  ];
}

/** Milestones and badges together. */
export function evaluate(s: Sources, c: Course, interpreterAt: number): { milestones: Earned[]; badges: Earned[] } {
  return { milestones: milestones(s, c), badges: badges(s, c, interpreterAt) };
}

/**
 * Time per phase, measured here: the studio's training time (sum of its runs' trainedS) per text,
 * and the calendar time from one milestone to the next (from the dates the events were recorded).
 */
export function timePerPhase(s: Sources, ms: Earned[]): { training: { text: string; seconds: number; runs: number }[]; between: { from: string; to: string; ms: number }[] } {
  const byText = new Map<string, { seconds: number; runs: number }>();
  for (const r of s.log.runs) {
    const x = byText.get(r.text) ?? { seconds: 0, runs: 0 };
    byText.set(r.text, { seconds: x.seconds + r.trainedS, runs: x.runs + 1 });
  }
  const between = [];
  for (let i = 1; i < ms.length; i++) {
    const a = ms[i - 1].at;
    const b = ms[i].at;
    if (a !== null && b !== null) between.push({ from: ms[i - 1].id, to: ms[i].id, ms: Math.max(0, b - a) });
  }
  return { training: [...byText].map(([text, x]) => ({ text, ...x })), between };
}

// ---------------------------------------------------------------------------------- export / import

export interface ProgressFile {
  format: string;
  version: number;
  exported: string;
  stores: { progress: Progress; challenges: Record<string, Done>; detective: Score; log: Log };
}

/** The file the Export button downloads. */
export function exportFile(s: Sources, now = Date.now()): ProgressFile {
  return {
    format: FILE_FORMAT, version: FILE_VERSION, exported: new Date(now).toISOString(),
    stores: { progress: s.progress, challenges: s.challenges, detective: s.detective, log: s.log },
  };
}


function timeProblem(v: unknown, now: number, what: string): string | null {
  if (!num(v)) return `${what} is not a time`;
  if (v < 0) return `${what} is a negative time`;
  if (v > now + FUTURE_SLACK_MS) return `${what} is in the future`;
  return null;
}

function timesProblem(v: unknown, now: number, what: string): string | null {
  if (!isObj(v)) return `${what} is not a table of times`;
  const keys = Object.keys(v);
  if (keys.length > MAX_KEYS) return `${what} has ${keys.length} entries, more than ${MAX_KEYS}`;
  for (const k of keys) {
    const p = timeProblem(v[k], now, `${what} "${k}"`);
    if (p) return p;
  }
  return null;
}

function runProblem(r: unknown, now: number): string | null {
  if (!isObj(r)) return "a run is not an object";
  const t = timeProblem(r.at, now, "a run's time");
  if (t) return t;
  if (typeof r.text !== "string" || r.text.length > 64) return "a run's text is not a short name";
  if (!["lstm", "gru", "rnn"].includes(r.cell as string)) return "a run's cell is not lstm, gru or rnn";
  for (const k of ["layers", "hidden", "steps", "chars"] as const) if (!count(r[k])) return `a run's ${k} is not a count (whole, not negative)`;
  for (const k of ["trainedS", "charsPerS", "bestValLoss"] as const) if (!num(r[k]) || (r[k] as number) < 0) return `a run's ${k} is negative or not a number`;
  if (!num(r.bestValPerplexity) || r.bestValPerplexity < 1) return "a run's perplexity is below 1, which no model can reach";
  if (Math.abs(Math.log(r.bestValPerplexity) - (r.bestValLoss as number)) > 1e-6) return "a run's perplexity does not match its loss";
  if (r.imported !== undefined && typeof r.imported !== "boolean") return "a run's imported mark is not true or false";
  return null;
}

function eventProblem(e: unknown, now: number): string | null {
  if (!isObj(e)) return "an event is not an object";
  if (e.kind !== "data-explored") return "an event is of an unknown kind";
  if (typeof e.text !== "string" || e.text.length > 64) return "an event's text is not a short name";
  if (e.imported !== undefined && typeof e.imported !== "boolean") return "an event's imported mark is not true or false";
  return timeProblem(e.at, now, "an event's time");
}

function doneProblem(level: string, d: unknown, now: number): string | null {
  if (!isObj(d)) return `challenge ${level} is not an object`;
  if (!num(d.value) || d.value < 0) return `challenge ${level}'s value is negative or not a number`;
  if (level === "level3" ? !count(d.value) || d.value > 100 : d.value < 1) {
    return level === "level3" ? `challenge ${level}'s words are not a count out of 100` : `challenge ${level}'s perplexity is below 1, which no model can reach`;
  }
  if (!count(d.step)) return `challenge ${level}'s step is not a count`;
  if (!num(d.minutes) || d.minutes < 0) return `challenge ${level}'s minutes are negative or not a number`;
  if (typeof d.date !== "string" || Number.isNaN(Date.parse(d.date))) return `challenge ${level}'s date is not a date`;
  return timeProblem(Date.parse(d.date), now, `challenge ${level}'s date`);
}

function scoreProblem(v: unknown): string | null {
  if (!isObj(v) || !count(v.right) || !count(v.answered)) return "the Neuron Detective's score is not two counts";
  if ((v.right as number) > (v.answered as number)) return "the Neuron Detective's score has more right answers than answers";
  return null;
}

/** The first problem of an imported file's stores, or null when every part is well formed and possible. */
function storesProblem(st: unknown, now: number): string | null {
  if (!isObj(st)) return "it has no stores";
  const p = st.progress;
  if (!isObj(p)) return "its progress is missing";
  for (const k of ["visits", "pages", "labs"] as const) {
    const e = timesProblem(p[k], now, `progress ${k}`);
    if (e) return e;
  }
  if (p.paths !== undefined) {
    if (!isObj(p.paths)) return "progress paths is not a table";
    for (const [id, r] of Object.entries(p.paths)) {
      if (!isObj(r)) return `path ${id} is not an object`;
      const e = timeProblem(r.resetAt, now, `path ${id}'s reset`) ?? timesProblem(r.done, now, `path ${id}'s steps`);
      if (e) return e;
    }
  }
  if (!isObj(st.challenges)) return "its challenges are missing";
  if (Object.keys(st.challenges).length > MAX_KEYS) return "it has too many challenge levels";
  for (const [k, d] of Object.entries(st.challenges)) {
    const e = doneProblem(k, d, now);
    if (e) return e;
  }
  const e = scoreProblem(st.detective);
  if (e) return e;
  const log = st.log;
  if (!isObj(log) || !Array.isArray(log.runs) || !Array.isArray(log.events)) return "its log of runs and events is missing";
  if (log.runs.length > MAX_RUNS) return `it has ${log.runs.length} runs, more than ${MAX_RUNS}`;
  if (log.events.length > MAX_EVENTS) return `it has ${log.events.length} events, more than ${MAX_EVENTS}`;
  for (const r of log.runs) {
    const x = runProblem(r, now);
    if (x) return x;
  }
  for (const ev of log.events) {
    const x = eventProblem(ev, now);
    if (x) return x;
  }
  return null;
}

/** A progress file read: its stores, or the reason it is refused (nothing is changed then). */
export function readProgressFile(text: string, bytes: number, now = Date.now()):
  { ok: true; stores: ProgressFile["stores"] } | { ok: false; reason: string } {
  const refuse = (why: string) => ({ ok: false as const, reason: `This file was not imported, and nothing was changed: ${why}.` });
  if (bytes > MAX_FILE_BYTES) return refuse(`it is ${(bytes / 1024 / 1024).toFixed(1)} MB, more than the 1 MB a progress file can be`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return refuse("it is not JSON (was it edited, or is it another file?)");
  }
  if (!isObj(doc) || doc.format !== FILE_FORMAT) return refuse(`it is not a progress file of this course (format "${FILE_FORMAT}")`);
  if (doc.version !== FILE_VERSION) return refuse(`it is version ${String(doc.version)}, and this page reads version ${FILE_VERSION}`);
  const problem = storesProblem(doc.stores, now);
  if (problem) return refuse(problem);
  const st = doc.stores as ProgressFile["stores"];
  return {
    ok: true,
    stores: { progress: normalize(st.progress), challenges: st.challenges, detective: st.detective, log: normalizeLog(st.log) },
  };
}

/**
 * The stores after merging an imported file into these: labs, pages and levels not here are added
 * (and marked imported), the later time of each visit is kept, the detective keeps the higher
 * score, the Boss the lower perplexity, and runs and events are united by time. Pure.
 */
export function merge(mine: Sources, incoming: ProgressFile["stores"]): Sources {
  const later = (a: Record<string, number>, b: Record<string, number>) => {
    const out = { ...a };
    for (const [k, t] of Object.entries(b)) out[k] = Math.max(out[k] ?? 0, t);
    return out;
  };
  const imported = {
    labs: [...new Set([...mine.log.imported.labs, ...Object.keys(incoming.progress.labs).filter((k) => !(k in mine.progress.labs))])],
    challenges: [...mine.log.imported.challenges],
    detective: mine.log.imported.detective || incoming.detective.right > mine.detective.right,
  };
  const challenges = { ...mine.challenges };
  for (const [k, d] of Object.entries(incoming.challenges)) {
    const kept = challenges[k];
    const better = !kept || (k === "boss" && d.value < kept.value);
    if (better) {
      challenges[k] = { ...d, imported: true };
      if (!imported.challenges.includes(k)) imported.challenges.push(k);
    }
  }
  const unite = <T extends { at: number }>(a: T[], b: T[], cap: number): T[] => {
    const seen = new Set(a.map((x) => x.at));
    return [...a, ...b.filter((x) => !seen.has(x.at)).map((x) => ({ ...x, imported: true }))].sort((x, y) => x.at - y.at).slice(-cap);
  };
  const paths = { ...incoming.progress.paths, ...mine.progress.paths };
  return {
    progress: {
      visits: later(mine.progress.visits, incoming.progress.visits), pages: later(mine.progress.pages, incoming.progress.pages),
      labs: later(mine.progress.labs, incoming.progress.labs), paths,
    },
    challenges,
    detective: { right: Math.max(mine.detective.right, incoming.detective.right), answered: Math.max(mine.detective.answered, incoming.detective.answered) },
    log: { runs: unite(mine.log.runs, incoming.log.runs, MAX_RUNS), events: unite(mine.log.events, incoming.log.events, MAX_EVENTS), imported },
  };
}

/**
 * Save merged sources to the four stores. When the browser refuses one, the stores already written
 * are put back as they were, so a half import never stays; returns why.
 */
export function saveSources(next: Sources, before: Sources): SaveResult {
  const writes: [string, unknown, unknown][] = [
    [PROGRESS_KEY, next.progress, before.progress], [CHALLENGES_KEY, next.challenges, before.challenges],
    [DETECTIVE_KEY, next.detective, before.detective], [LOG_KEY, next.log, before.log],
  ];
  for (let i = 0; i < writes.length; i++) {
    const r = save(writes[i][0], writes[i][1]);
    if (!r.ok) {
      for (let j = 0; j < i; j++) save(writes[j][0], writes[j][2]);
      return r;
    }
  }
  window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
  return { ok: true };
}
