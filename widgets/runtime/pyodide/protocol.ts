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

/** Worker → page. */
export type WorkerEvent =
  | { type: "progress"; file: string; loaded: number; total: number | null }
  | { type: "ready"; python: string; numpy: string }
  | { type: "boot-failed"; message: string }
  | { type: "output"; id: number; stream: "stdout" | "stderr"; text: string }
  /** The job printed more than `limit` characters; the rest is dropped. */
  | { type: "output-cut"; id: number; limit: number }
  | { type: "done"; id: number; outcome: WorkerOutcome };

const REQUEST_TYPES = new Set<string>(["boot", "run", "grade"]);
const EVENT_TYPES = new Set<string>(["progress", "ready", "boot-failed", "output", "output-cut", "done"]);

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
    case "progress":
      return typeof msg.file === "string" && typeof msg.loaded === "number";
    case "ready":
    case "boot-failed":
      return true;
    case "output":
      return typeof msg.id === "number" && typeof msg.text === "string";
    case "output-cut":
      return typeof msg.id === "number" && typeof msg.limit === "number";
    case "done":
      return typeof msg.id === "number" && typeof msg.outcome === "object" && msg.outcome !== null;
    default:
      return false;
  }
}

/** Compile-time exhaustiveness: a new message type that a switch forgets fails the type check. */
export function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}
