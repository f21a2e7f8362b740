/**
 * The reader's progress, kept in this browser only: which course units
 * (modules, appendices) were visited, which labs were passed, and per
 * learning path the steps marked done by hand and when the path was last
 * reset. The registry records visits on every page view; the lab records a
 * pass when a Check ends with every check green; the path-progress widget
 * reads it all. Pure functions here, storage through lib/storage.ts.
 */
import { load, save, type SaveResult } from "./storage.ts";

export type { SaveResult };

const KEY = "progress";
/** Fired on window after any change, so a widget on the same page can refresh. */
export const PROGRESS_EVENT = "rnn-progress";

/** Per path: when it was last reset, and the steps the reader marked done (unit id → time). */
export interface PathRecord {
  resetAt: number;
  done: Record<string, number>;
}

/** Everything saved: unit id → last visit, lab id → last pass, path id → its record. */
export interface Progress {
  visits: Record<string, number>;
  labs: Record<string, number>;
  paths: Record<string, PathRecord>;
}

/** One step of a path as the path page lists it. */
export interface StepSpec {
  unit: string;
  labs: string[];
}

export type StepStatus = "not-started" | "in-progress" | "done";

/** What a path page shows for one step. */
export interface StepView {
  status: StepStatus;
  visited: boolean;
  markedDone: boolean;
  labs: { id: string; passed: boolean }[];
}

const UNIT_IN_PATH = /\/(?:modules|appendices)\/([a-z0-9][a-z0-9-]*)(?:\/|\.html|$)/;

/** The unit a URL path belongs to (`/x/modules/02-rnn-architecture/review/` → `02-rnn-architecture`), or null. */
export function unitOfPath(pathname: string): string | null {
  const m = UNIT_IN_PATH.exec(pathname);
  return m ? m[1] : null;
}

/** A well-formed Progress from whatever storage held (missing or damaged parts become empty). */
export function normalize(raw: unknown): Progress {
  const obj = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const times = (v: unknown): Record<string, number> => {
    const out: Record<string, number> = {};
    if (v && typeof v === "object") {
      for (const [k, t] of Object.entries(v)) if (typeof t === "number" && Number.isFinite(t)) out[k] = t;
    }
    return out;
  };
  const paths: Record<string, PathRecord> = {};
  if (obj.paths && typeof obj.paths === "object") {
    for (const [k, v] of Object.entries(obj.paths as Record<string, unknown>)) {
      const r = (v && typeof v === "object" ? v : {}) as Record<string, unknown>;
      paths[k] = { resetAt: typeof r.resetAt === "number" ? r.resetAt : 0, done: times(r.done) };
    }
  }
  return { visits: times(obj.visits), labs: times(obj.labs), paths };
}

/** The saved progress. */
export function readProgress(): Progress {
  return normalize(load<unknown>(KEY, null));
}

function update(change: (p: Progress) => void): SaveResult {
  const p = readProgress();
  change(p);
  const result = save(KEY, p);
  window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
  return result;
}

/** Record a view of the page at `pathname` if it belongs to a course unit. */
export function recordVisit(pathname: string, now = Date.now()): void {
  const unit = unitOfPath(pathname);
  if (unit) update((p) => void (p.visits[unit] = now));
}

/** Record that a Check of lab `labId` passed every check. */
export function recordLabPassed(labId: string, now = Date.now()): void {
  update((p) => void (p.labs[labId] = now));
}

/** Mark (or unmark) a path's step as done by hand. */
export function markDone(pathId: string, unit: string, done: boolean, now = Date.now()): SaveResult {
  return update((p) => {
    const rec = (p.paths[pathId] ??= { resetAt: 0, done: {} });
    if (done) rec.done[unit] = now;
    else delete rec.done[unit];
  });
}

/** Start a path again: visits and passes before now stop counting for it (other paths keep them). */
export function resetPath(pathId: string, now = Date.now()): SaveResult {
  return update((p) => void (p.paths[pathId] = { resetAt: now, done: {} }));
}

/** Put back a path's record as it was (the undo of a reset). */
export function restorePath(pathId: string, record: PathRecord): SaveResult {
  return update((p) => void (p.paths[pathId] = record));
}

/** The status of one step of path `pathId`: done when marked, or visited with every counted lab passed. */
export function stepView(progress: Progress, pathId: string, step: StepSpec): StepView {
  const rec = progress.paths[pathId] ?? { resetAt: 0, done: {} };
  const since = (t: number | undefined): boolean => t !== undefined && t >= rec.resetAt;
  const visited = since(progress.visits[step.unit]);
  const labs = step.labs.map((id) => ({ id, passed: since(progress.labs[id]) }));
  const markedDone = step.unit in rec.done;
  const complete = markedDone || (visited && labs.every((l) => l.passed));
  const started = visited || labs.some((l) => l.passed);
  return { status: complete ? "done" : started ? "in-progress" : "not-started", visited, markedDone, labs };
}

/** "2 of 6 steps done, about 1 h 30 min left." for a path's views and step times. */
export function summarize(views: StepView[], minutes: number[]): string {
  const done = views.filter((v) => v.status === "done").length;
  const left = views.reduce((sum, v, i) => sum + (v.status === "done" ? 0 : minutes[i] ?? 0), 0);
  if (done === views.length) return `All ${views.length} steps done. Well done!`;
  return `${done} of ${views.length} steps done, about ${formatMinutes(left)} left.`;
}

/** 45 → "45 min", 105 → "1 h 45 min", 120 → "2 h" (as the build writes times). */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}
