/**
 * Starting the Pyodide worker, shared by the client (client.ts) and the early start of a lab page
 * (early.ts), which hands the client a worker already booting.
 */
import type { WorkerRequest } from "./protocol.ts";

/** A SharedArrayBuffer for KeyboardInterrupt where the page may have one (cross-origin isolated). */
export function newInterruptBuffer(): Uint8Array | null {
  return globalThis.crossOriginIsolated && typeof SharedArrayBuffer === "function"
    ? new Uint8Array(new SharedArrayBuffer(1))
    : null;
}

/** Create the worker for the site at `root`. Its boot request goes with `postBoot`, once listened to. */
export function createWorker(root: URL): Worker {
  return new Worker(new URL("assets/build/widgets/runtime-pyodide-worker.js", root), { type: "module", name: "pyodide" });
}

/** Ask `worker` to load Pyodide, NumPy and the grader of the site at `root`. */
export function postBoot(worker: Worker, root: URL, interruptBuffer: Uint8Array | null): void {
  const boot: WorkerRequest = {
    type: "boot",
    indexURL: new URL("assets/build/pyodide/", root).href,
    graderURL: new URL("assets/build/grader/grader.py", root).href,
    interruptBuffer,
  };
  worker.postMessage(boot);
}

/**
 * A worker started before the client existed, with what it said meanwhile (a dedicated worker's
 * messages are lost when nobody listens, so they are kept here until the client takes over).
 */
export interface EarlyWorker {
  worker: Worker;
  interruptBuffer: Uint8Array | null;
  /** The messages and error messages so far, in order. */
  said: ({ message: unknown } | { error: string })[];
  /** Stop keeping messages: the client listens from now on. */
  release(): void;
}

// A global, not a module variable: early.ts and the client are separate bundles.
const KEY = "__rnnEarlyPython";
type Holder = { [KEY]?: EarlyWorker | null };

/** Whether the client has booted already: an early start would then be a second worker. */
export function clientStarted(): boolean {
  return (globalThis as Holder)[KEY] === null;
}

export function offerEarlyWorker(early: EarlyWorker): void {
  (globalThis as Holder)[KEY] = early;
}

/** The early worker, if any, handed over once; from then on no early start happens. */
export function takeEarlyWorker(): EarlyWorker | null {
  const early = (globalThis as Holder)[KEY] ?? null;
  (globalThis as Holder)[KEY] = null;
  return early;
}
