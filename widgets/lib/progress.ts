/**
 * The reader's progress, kept in this browser only: which course units
 * (modules, appendices) and which of their pages were visited, which labs were passed, and per
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

/** Everything saved: unit id → last visit, page key → last visit, lab id → last pass, path id → its record. */
export interface Progress {
  visits: Record<string, number>;
  pages: Record<string, number>;
  labs: Record<string, number>;
  paths: Record<string, PathRecord>;
}

/** One step of a path as the path page lists it. */
export interface StepSpec {
  unit: string;
  labs: string[];
  /** The unit's pages (pageOfPath keys) as the build lists them; empty: the unit's visit alone counts. */
  pages?: string[];
  /** False for a unit not written yet: it is neither ticked nor counted. */
  available?: boolean;
}

export type StepStatus = "not-started" | "in-progress" | "done" | "unavailable";

/** What a path page shows for one step. */
export interface StepView {
  status: StepStatus;
  /** Every page of the unit opened (since the path's reset). */
  visited: boolean;
  /** Pages of the unit opened so far, of `pagesTotal`. */
  pagesVisited: number;
  pagesTotal: number;
  markedDone: boolean;
  labs: { id: string; passed: boolean }[];
}

const UNIT_IN_PATH = /\/(?:modules|appendices)\/([a-z0-9][a-z0-9-]*)(?:\/|\.html|$)/;

/** The unit a URL path belongs to (`/x/modules/02-rnn-architecture/review/` → `02-rnn-architecture`), or null. */
export function unitOfPath(pathname: string): string | null {
  const m = UNIT_IN_PATH.exec(pathname);
  return m ? m[1] : null;
}

const PAGE_IN_PATH = /\/(?:modules|appendices)\/([a-z0-9][a-z0-9-]*)(?:\/([a-z0-9][a-z0-9_-]*))?(?:\/|\.html|$)/;

/** The page key of a URL path: "02-rnn-architecture" for a unit's index page, "02-rnn-architecture/review" for another; null outside units. */
export function pageOfPath(pathname: string): string | null {
  const m = PAGE_IN_PATH.exec(pathname);
  if (!m) return null;
  return m[2] && m[2] !== "index" ? `${m[1]}/${m[2]}` : m[1];
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
  return { visits: times(obj.visits), pages: times(obj.pages), labs: times(obj.labs), paths };
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

/** Record a view of the page at `pathname` (and of its unit) if it belongs to a course unit. */
export function recordVisit(pathname: string, now = Date.now()): void {
  const unit = unitOfPath(pathname);
  const page = pageOfPath(pathname);
  if (unit)
    update((p) => {
      p.visits[unit] = now;
      if (page) p.pages[page] = now;
    });
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

/**
 * The status of one step of path `pathId`: done when marked, when every page of its unit was
 * opened, or when every lab it counts was passed; in progress once any of that has started;
 * "unavailable" for a unit not written yet (never ticked, never counted). Only what happened
 * since the path's last reset counts.
 */
export function stepView(progress: Progress, pathId: string, step: StepSpec): StepView {
  const rec = progress.paths[pathId] ?? { resetAt: 0, done: {} };
  const since = (t: number | undefined): boolean => t !== undefined && t >= rec.resetAt;
  const pages = step.pages ?? [];
  const pagesVisited = pages.filter((k) => since(progress.pages[k])).length;
  const visited = pages.length ? pagesVisited === pages.length : since(progress.visits[step.unit]);
  const labs = step.labs.map((id) => ({ id, passed: since(progress.labs[id]) }));
  const markedDone = step.unit in rec.done;
  const base = { visited, pagesVisited, pagesTotal: pages.length, markedDone, labs };
  if (step.available === false) return { status: "unavailable", ...base };
  const labsPassed = labs.length > 0 && labs.every((l) => l.passed);
  const complete = markedDone || visited || labsPassed;
  const started = pagesVisited > 0 || since(progress.visits[step.unit]) || labs.some((l) => l.passed);
  return { status: complete ? "done" : started ? "in-progress" : "not-started", ...base };
}

/**
 * "2 of 6 steps done, about 1 h 30 min left." for a path's views and step times. Steps not
 * written yet are left out of both counts and said apart.
 */
export function summarize(views: StepView[], minutes: number[]): string {
  const counted = views.map((v, i) => ({ v, m: minutes[i] ?? 0 })).filter(({ v }) => v.status !== "unavailable");
  const soon = views.length - counted.length;
  const done = counted.filter(({ v }) => v.status === "done").length;
  const left = counted.reduce((sum, { v, m }) => sum + (v.status === "done" ? 0 : m), 0);
  const later = soon ? ` ${soon} more ${soon === 1 ? "step is" : "steps are"} coming soon and not counted.` : "";
  if (done === counted.length) return `All ${counted.length} steps written so far done. Well done!${later}`;
  return `${done} of ${counted.length} steps done, about ${formatMinutes(left)} left.${later}`;
}

/** 45 → "45 min", 105 → "1 h 45 min", 120 → "2 h" (as the build writes times). */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}
