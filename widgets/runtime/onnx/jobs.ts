/**
 * The one loop every worker job runs in (a text through a model, a seed read, a generation, and
 * the kinds to come): work is cut into time slices; between slices the worker hands back to its
 * event loop, so a cancel message is read, progress is posted and other jobs get their turn. A
 * cancelled job ends one way only: `loop` throws JobCancelled, and the worker answers
 * `{type: "cancelled"}` with whatever partial result the job registered.
 */
import type { Response } from "./protocol.ts";

declare const self: DedicatedWorkerGlobalScope;

/**
 * How long the loops under way run, together, before the worker's event loop gets a turn. Stop
 * must answer within 200 ms. A woken loop runs its whole slice before the next task, so with n
 * loops a cancel message waits behind up to n slices: each loop's slice is SLICE_MS / n, and a
 * cancel is read within about SLICE_MS however many jobs take turns (measured: three generations
 * took 100-130 ms to stop with 40 ms each, tests/bench_stop.py).
 */
export const SLICE_MS = 40;
let loopsRunning = 0;

/** Thrown out of a loop whose job was cancelled; caught only by the worker's dispatcher. */
export class JobCancelled extends Error {
  constructor() {
    super("cancelled");
    this.name = "JobCancelled";
  }
}

export function post(msg: Response, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

/** A request being worked on. */
export class Job {
  cancelled = false;
  /** What a cancelled job still answers (a generation's characters so far), set by the job. */
  partial?: () => { value: unknown; transfer?: Transferable[] };

  constructor(readonly id: number) {}

  /** Ends the job here if it was cancelled (before a long wait, or before the first step). */
  check(): void {
    if (this.cancelled) throw new JobCancelled();
  }
}

// Hands control back to the event loop so cancel messages arrive. A MessageChannel task is not
// clamped like nested setTimeout (4 ms); the FIFO lets several loops wait at once.
const channel = new MessageChannel();
const wakeups: (() => void)[] = [];
channel.port1.onmessage = () => wakeups.shift()?.();
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    wakeups.push(resolve);
    channel.port2.postMessage(null);
  });
}

// ORT-web's run() awaits between stack allocations in the shared wasm instance, so two runs
// must never interleave (two widgets' loops would corrupt each other): one run at a time.
let tail: Promise<unknown> = Promise.resolve();
export function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const result = tail.then(fn, fn);
  tail = result.catch(() => undefined);
  return result;
}

/** What a loop does at the end of each slice, besides yielding. */
export interface LoopOptions {
  /** Post `{type: "job-progress"}` with steps done of `count` (long reads show a bar). */
  progress?: boolean;
  /** Called with the steps done so far (a generation posts its new characters). */
  onSlice?: (done: number) => void;
}

/**
 * Run `body(0) … body(count - 1)` in slices of SLICE_MS. `body` returns false to end the loop
 * early. Resolves with the steps run; throws JobCancelled as soon as a slice ends after a cancel.
 */
export async function loop(job: Job, count: number, body: (i: number) => Promise<boolean | void>, opts: LoopOptions = {}): Promise<number> {
  job.check();
  loopsRunning++;
  try {
    let slice = performance.now();
    let i = 0;
    while (i < count) {
      const more = await body(i);
      i++;
      if (more === false) break;
      if (performance.now() - slice > SLICE_MS / loopsRunning && i < count) {
        opts.onSlice?.(i);
        if (opts.progress) post({ type: "job-progress", id: job.id, done: i, total: count });
        await nextTask();
        slice = performance.now();
        job.check();
      }
    }
    return i;
  } finally {
    loopsRunning--;
  }
}
