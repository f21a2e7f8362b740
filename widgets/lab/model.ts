/**
 * The lab's state logic, kept apart from the DOM: what a lab folder must
 * contain, how saved code is restored, and what a run's result means for the
 * reader (status, summary sentence, checks to list). Plain functions only.
 */
import type { CheckResult, GradeReport, PythonError, RunResult } from "../runtime/pyodide/client.ts";

/** The `data-lab-status` contract of DESIGN.md. */
export type LabStatus = "idle" | "running" | "passed" | "failed" | "error";

/** `lab.json`, checked. */
export interface LabMeta {
  id: string;
  title: string;
  difficulty: 1 | 2 | 3;
  timeLimitS: number;
  entry: string;
  hints: string[];
}

/** What is kept in storage for a lab: the code and the starter it grew from. */
export interface SavedCode {
  code: string;
  /** `hashText` of the starter this code was based on. */
  starterHash: string;
  savedAt: number;
}

/** Pastes or edits that would make the code longer than this are refused (about 200 KB). */
export const MAX_CODE_CHARS = 200_000;

export const STARTER_CHANGED =
  "This lab's starter code was updated since you last worked on it. Your code is kept; Reset loads the new starter.";

/** The storage key of a lab's code (storage.ts adds the site prefix). */
export function codeKey(labId: string): string {
  return `lab:${labId}:code`;
}

/** The storage key of how many hints the reader has opened. */
export function hintsKey(labId: string): string {
  return `lab:${labId}:hints`;
}

/** Validate a parsed `lab.json`; throws an Error whose message names the bad field. */
export function parseLabMeta(raw: unknown, labId: string): LabMeta {
  if (typeof raw !== "object" || raw === null) throw new Error(`lab.json of "${labId}" is not an object`);
  const m = raw as Record<string, unknown>;
  const bad = (field: string) => new Error(`lab.json of "${labId}" has no valid "${field}"`);
  if (typeof m.title !== "string") throw bad("title");
  if (m.difficulty !== 1 && m.difficulty !== 2 && m.difficulty !== 3) throw bad("difficulty");
  if (typeof m.time_limit_s !== "number" || !(m.time_limit_s > 0)) throw bad("time_limit_s");
  if (typeof m.entry !== "string") throw bad("entry");
  if (!Array.isArray(m.hints) || !m.hints.every((h) => typeof h === "string")) throw bad("hints");
  return {
    id: typeof m.id === "string" ? m.id : labId,
    title: m.title,
    difficulty: m.difficulty,
    timeLimitS: m.time_limit_s,
    entry: m.entry,
    hints: m.hints as string[],
  };
}

/**
 * A short, stable fingerprint of a text (cyrb53): enough to notice that a
 * published starter changed. Not cryptographic, and it need not be; it also
 * works where crypto.subtle does not (plain http on a LAN address).
 */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}

/** Whether a stored value is a SavedCode record (storage can hold anything). */
export function isSavedCode(value: unknown): value is SavedCode {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === "string" && typeof v.starterHash === "string";
}

/**
 * The code to show on load: the saved code when there is some, else the
 * starter. `starterChanged` is true when the saved code grew from a starter
 * that has since been replaced (and is not simply the new starter itself).
 */
export function restoreCode(saved: unknown, starter: string): { code: string; starterHash: string; starterChanged: boolean } {
  const current = hashText(starter);
  if (!isSavedCode(saved)) return { code: starter, starterHash: current, starterChanged: false };
  const changed = saved.starterHash !== current && saved.code !== starter;
  return { code: saved.code, starterHash: saved.starterHash, starterChanged: changed };
}

/** The sentence shown when a paste or edit is refused for its size. */
export function tooLargeMessage(chars: number): string {
  const kb = (n: number) => `${Math.round(n / 1000).toLocaleString("en")} KB`;
  return `That would make your code ${kb(chars)} long; a lab holds at most ${kb(MAX_CODE_CHARS)}, so it was not inserted. Your code is unchanged.`;
}

/** What the reader is told when the time limit stops their code. */
export function timeLimitMessage(seconds: number): string {
  return `Your code ran longer than ${seconds} s and was stopped. Look for a loop that never ends.`;
}

/** The note under output that went over the cap. */
export function outputCutMessage(limit: number): string {
  return `Output cut after ${limit.toLocaleString("en")} characters.`;
}

/** The heading of the n-th hint (1-based). */
export function hintLabel(n: number, total: number): string {
  return `Hint ${n} of ${total}`;
}

/** One check as the results list shows it. */
export interface CheckView {
  name: string;
  status: CheckResult["status"];
  hidden: boolean;
  message: string;
  /** Only for checks that did not pass: what went in, what was expected, what came out. */
  details: { label: "Input" | "Expected" | "Got"; text: string }[];
  feedback: string | null;
  traceback: string | null;
  /** The learner's line an erroring check stopped at. */
  line: number | null;
}

/** Everything the results area shows after a run. */
export interface Verdict {
  status: LabStatus;
  /** One sentence, also announced to screen readers. */
  summary: string;
  /** Mistake-specific feedback, most specific first: shown prominently. */
  feedback: string[];
  error: PythonError | null;
  checks: CheckView[];
}

function checkView(c: CheckResult, shownAbove: Set<string>): CheckView {
  const failed = c.status !== "pass";
  const details: CheckView["details"] = [];
  if (failed) {
    if (c.input) details.push({ label: "Input", text: c.input });
    if (c.expected) details.push({ label: "Expected", text: c.expected });
    if (c.got) details.push({ label: "Got", text: c.got });
  }
  // The grader copies a diagnosis into every check that missed; it is already at the top.
  const feedback = failed && c.feedback && !shownAbove.has(c.feedback) ? c.feedback : null;
  return {
    name: c.name,
    status: c.status,
    hidden: !c.public,
    message: c.message,
    details,
    feedback,
    traceback: c.status === "error" && c.error ? c.error.traceback : null,
    line: c.status === "error" && c.error ? c.error.line : null,
  };
}

function gradedVerdict(report: GradeReport, mode: "run" | "check"): Verdict {
  const feedback = report.feedback ?? [];
  const shown = new Set(feedback);
  const checks = report.checks.map((c) => checkView(c, shown));
  if (report.status === "error" && report.error) {
    const where = report.error.line ? ` on line ${report.error.line}` : "";
    return {
      status: "error",
      summary: `Your code could not run: ${report.error.type}${where}.`,
      feedback,
      error: report.error,
      checks,
    };
  }
  const scope = mode === "run" ? "public checks" : "checks";
  if (report.status === "passed") {
    const summary =
      mode === "run"
        ? `All ${report.total} public checks passed. Press Check to add the hidden checks.`
        : `All ${report.total} checks passed. Well done!`;
    return { status: "passed", summary, feedback: [], error: null, checks };
  }
  return {
    status: "failed",
    summary: `${report.passed} of ${report.total} ${scope} passed.${feedback.length ? " Read the feedback below." : ""}`,
    feedback,
    error: null,
    checks,
  };
}

/** What a finished job means for the lab: Run grades the public checks, Check all of them. */
export function verdictFor(result: RunResult, mode: "run" | "check", timeLimitS: number): Verdict {
  const empty = { feedback: [], error: null, checks: [] };
  switch (result.status) {
    case "graded":
      return gradedVerdict(result.report, mode);
    case "finished":
      return result.error
        ? { ...empty, status: "error", summary: `Your code stopped with ${result.error.type}.`, error: result.error }
        : { ...empty, status: "idle", summary: "Your code ran to the end." };
    case "stopped":
      return result.reason === "time-limit"
        ? { ...empty, status: "error", summary: timeLimitMessage(timeLimitS) }
        : { ...empty, status: "idle", summary: "Stopped." };
    case "failed":
      return { ...empty, status: "error", summary: `Python could not run your code: ${result.message}` };
    default:
      return result satisfies never;
  }
}

/** The learner's line to mark in the editor: the load error's, else the first erroring check's. */
export function errorLineOf(verdict: Verdict): number | null {
  if (verdict.error?.line) return verdict.error.line;
  for (const c of verdict.checks) if (c.line) return c.line;
  return null;
}
