/**
 * The messages between the page (client.ts) and the Pyodide worker
 * (worker.ts). Both directions are closed unions discriminated by `type`;
 * each side checks what it receives with the guards below, so a stray
 * message (an extension, a stale worker) is dropped instead of misread.
 */

/** A Python exception as the learner should see it: their line, their frames only. */
export interface PythonError {
  type: string;
  message: string;
  /** 1-based line in the learner's code, or null when no learner frame was involved. */
  line: number | null;
  traceback: string;
}

/** One check of a graded run, exactly as coursekit/grader.py reports it. */
export interface CheckResult {
  name: string;
  public: boolean;
  status: "pass" | "fail" | "error";
  message: string;
  input: string | null;
  expected: string | null;
  got: string | null;
  feedback: string | null;
  /** Set when the check raised: the learner's exception, in their own lines. */
  error?: PythonError | null;
}

/** What `grader.grade(...)` returns. */
export interface GradeReport {
  status: "passed" | "failed" | "error";
  error: PythonError | null;
  checks: CheckResult[];
  feedback: string[];
  passed: number;
  total: number;
}

/**
 * One progress report of a running job: Python called `rnn_progress.report_progress`
 * (grader.report does, for a lab's training loop). Typed, so that no job has to
 * smuggle its progress through printed output for the page to parse back out.
 */
export interface JobProgress {
  /** How far the job is: an iteration, or the number of items done. */
  step: number;
  /** Where `step` ends, when the job knows; null otherwise. */
  total: number | null;
  /** Named numbers measured at this step (a training loss); only finite ones are kept. */
  values: Record<string, number>;
  /** A line of text that goes with it (a generated sample), or null. */
  text: string | null;
}

/** How a job ended inside the worker. */
export type WorkerOutcome =
  | { kind: "finished"; error: PythonError | null }
  | { kind: "graded"; report: GradeReport }
  | { kind: "interrupted" }
  /** Something beyond the learner's code broke (the grader, the runtime itself). */
  | { kind: "failed"; message: string; fatal: boolean };

/** Page → worker. */
export type WorkerRequest =
  | {
      type: "boot";
      indexURL: string;
      graderURL: string;
      /** SharedArrayBuffer-backed, written by the page to raise KeyboardInterrupt; null without isolation. */
      interruptBuffer: Uint8Array | null;
    }
  | { type: "run"; id: number; code: string; outputLimit: number }
  | {
      type: "grade";
      id: number;
      code: string;
      checks: string;
      includeHidden: boolean;
      entry: string | null;
      outputLimit: number;
    };

/** Milliseconds of the worker's boot: loadPyodide with NumPy, then importing NumPy and the grader. */
export interface BootTimings {
  interpreter: number;
  imports: number;
  /** Whether the interpreter was restored from the build's snapshot (found in a cache) rather than started. */
  restored: boolean;
}

/** Worker → page. */
export type WorkerEvent =
  /** Booting: how far one of Pyodide's files has downloaded. */
  | { type: "download"; file: string; loaded: number; total: number | null }
  /** Python and NumPy are ready; `bootMs`: how long the worker took, interpreter with NumPy, then the imports. */
  | { type: "ready"; python: string; numpy: string; bootMs?: BootTimings }
  | { type: "boot-failed"; message: string }
  | { type: "output"; id: number; stream: "stdout" | "stderr"; text: string }
  /** The job printed more than `limit` characters; the rest is dropped. */
  | { type: "output-cut"; id: number; limit: number }
  | { type: "progress"; id: number; progress: JobProgress }
  | { type: "done"; id: number; outcome: WorkerOutcome };

const REQUEST_TYPES = new Set<string>(["boot", "run", "grade"]);
const EVENT_TYPES = new Set<string>(["download", "ready", "boot-failed", "output", "output-cut", "progress", "done"]);

function hasType(value: unknown, types: Set<string>): boolean {
  if (typeof value !== "object" || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === "string" && types.has(type);
}

/** True when `value` is a message the worker understands. */
export function isWorkerRequest(value: unknown): value is WorkerRequest {
  if (!hasType(value, REQUEST_TYPES)) return false;
  const msg = value as Record<string, unknown>;
  if (msg.type === "boot") return typeof msg.indexURL === "string" && typeof msg.graderURL === "string";
  return typeof msg.id === "number" && typeof msg.code === "string" && typeof msg.outputLimit === "number"
    && (msg.type === "run" || typeof msg.checks === "string");
}

/** True when `value` is a message the page understands. */
export function isWorkerEvent(value: unknown): value is WorkerEvent {
  if (!hasType(value, EVENT_TYPES)) return false;
  const msg = value as Record<string, unknown>;
  switch (msg.type) {
    case "download":
      return typeof msg.file === "string" && typeof msg.loaded === "number";
    case "ready":
    case "boot-failed":
      return true;
    case "output":
      return typeof msg.id === "number" && typeof msg.text === "string";
    case "output-cut":
      return typeof msg.id === "number" && typeof msg.limit === "number";
    case "progress":
      return typeof msg.id === "number" && isJobProgress(msg.progress);
    case "done":
      return typeof msg.id === "number" && typeof msg.outcome === "object" && msg.outcome !== null;
    default:
      return false;
  }
}

/** True when `value` is a well-formed JobProgress (the worker builds it from what Python sent). */
export function isJobProgress(value: unknown): value is JobProgress {
  if (typeof value !== "object" || value === null) return false;
  const p = value as Record<string, unknown>;
  const values = p.values as Record<string, unknown> | null;
  return Number.isFinite(p.step)
    && (p.total === null || Number.isFinite(p.total))
    && (p.text === null || typeof p.text === "string")
    && typeof values === "object" && values !== null
    && Object.values(values).every((v) => Number.isFinite(v));
}

/** Compile-time exhaustiveness: a new message type that a switch forgets fails the type check. */
export function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}
