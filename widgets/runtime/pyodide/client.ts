/**
 * The page's side of the shared Pyodide runtime: one worker per tab, created
 * on first use and kept across instant navigation (this module is loaded once
 * per tab, so its singleton outlives every widget that uses it).
 *
 * Jobs run one at a time, in order. Stopping one (the Stop button, a time
 * limit) first raises KeyboardInterrupt through a SharedArrayBuffer when the
 * page is cross-origin isolated; if that is not possible, or Python does not
 * stop within a second (stuck in C code, or the learner's own `except:`
 * swallowed the interrupt), the worker is terminated and a fresh one boots.
 * A job's `signal` (a widget's mount signal) stops it the same way, so code
 * does not keep running after the reader has left the page.
 */
import { siteRoot } from "../../lib/site.ts";
import { hookedNumber } from "../../lib/test-hooks.ts";
import {
  assertNever,
  isWorkerEvent,
  type GradeReport,
  type JobProgress,
  type PythonError,
  type WorkerEvent,
  type WorkerRequest,
} from "./protocol.ts";

import { createWorker, newInterruptBuffer, postBoot, takeEarlyWorker } from "./spawn.ts";
import type { RuntimeStatus } from "./status.ts";

export type { CheckResult, GradeReport, JobProgress, PythonError } from "./protocol.ts";
export { describeProgress, type RuntimeStatus } from "./status.ts";

/** How a job ended (without the output flag). */
export type Ending =
  | { status: "finished"; error: PythonError | null }
  | { status: "graded"; report: GradeReport }
  | {
      status: "stopped";
      reason: "user" | "time-limit";
      /** interrupt: KeyboardInterrupt; restart: the worker was replaced; cancelled: it never started. */
      via: "interrupt" | "restart" | "cancelled";
      /** Milliseconds from the stop request until the job was over. */
      stopMs: number;
    }
  | { status: "failed"; message: string };

/** How a job ended, as widgets see it; `outputCut` says the output went over its limit. */
export type RunResult = Ending & { outputCut: boolean };

/** Options common to plain and graded runs. */
export interface RunOptions {
  /** Stop the job after this many seconds of running (boot time not counted). */
  timeLimitS?: number;
  /** At most this many characters of output are kept; the rest is dropped with a note. */
  outputLimit?: number;
  onOutput?: (stream: "stdout" | "stderr", text: string) => void;
  /** Called once when output went over `outputLimit`. */
  onOutputCut?: (limit: number) => void;
  /** Called when the job leaves the queue and starts running. */
  onStart?: () => void;
  /** Called for each `rnn_progress.report_progress(...)` of the job (grader.report calls it). */
  onProgress?: (progress: JobProgress) => void;
  /** Aborting it stops the job as `stop()` does (a widget passes its mount signal). */
  signal?: AbortSignal;
}

/** A queued or running job. */
export interface Job {
  readonly done: Promise<RunResult>;
  /** Stop the job (a no-op once it is over). */
  stop(): void;
}

export const DEFAULT_OUTPUT_LIMIT = 20_000;
/**
 * How long KeyboardInterrupt gets before the worker is terminated instead. A page may lengthen it
 * with `globalThis.RNN_INTERRUPT_GRACE_MS` (the browser tests do, so that on a loaded machine the
 * interrupt path is what they see, not the fallback).
 */
const INTERRUPT_GRACE_MS = 1000;
const interruptGraceMs = (): number => hookedNumber("RNN_INTERRUPT_GRACE_MS", INTERRUPT_GRACE_MS);
/** How often a Stop raises KeyboardInterrupt again while the job runs on (see `stop`). */
const REASSERT_MS = 100;
/** A boot that reports no progress for this long is declared failed. */
const BOOT_STALL_MS = 45_000;
const SIGINT = 2;

type Pending = {
  request: Extract<WorkerRequest, { type: "run" | "grade" }>;
  options: RunOptions;
  state: "queued" | "booting" | "running" | "done";
  resolve: (result: RunResult) => void;
  outputCut: boolean;
  stopReason: "user" | "time-limit" | null;
  stopAt: number;
  timers: number[];
  /** Undoes what settling must undo (the signal's listener). */
  release: (() => void) | null;
};


/** The shared runtime; get it through `pyodide()`. */
export class PyodideClient {
  private worker: Worker | null = null;
  private booting: Promise<void> | null = null;
  private settleBoot: { resolve: () => void; reject: (err: Error) => void } | null = null;
  private stallTimer = 0;
  private status: RuntimeStatus = { phase: "idle" };
  private restarts = 0;
  private readonly listeners = new Set<(status: RuntimeStatus) => void>();
  private readonly queue: Pending[] = [];
  private active: Pending | null = null;
  private nextId = 1;
  /** Written by the page, read by Pyodide between bytecodes: a 2 raises KeyboardInterrupt. */
  private interruptBuffer: Uint8Array | null = newInterruptBuffer();

  /** True when Stop can interrupt Python instead of restarting it. */
  get canInterrupt(): boolean {
    return this.interruptBuffer !== null;
  }

  /** The current status. */
  get current(): RuntimeStatus {
    return this.status;
  }

  /** Call `listener` now and on every status change; returns the unsubscribe function. */
  subscribe(listener: (status: RuntimeStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  /** Start the worker (once); resolves when Python and NumPy are ready, rejects with the reason it failed. */
  boot(): Promise<void> {
    if (this.booting) return this.booting;
    const root = siteRoot();
    this.booting = new Promise<void>((resolve, reject) => {
      this.settleBoot = { resolve, reject };
    });
    // Nobody may be listening (a background restart): failures are reported through status.
    this.booting.catch(() => {});
    this.setStatus({ phase: "loading", file: null, loaded: 0, total: null, restarting: this.restarts > 0 });
    // The worker the page started while loading (early.ts), booting already; else a new one.
    const early = takeEarlyWorker();
    const worker = early?.worker ?? createWorker(root);
    if (early) this.interruptBuffer = early.interruptBuffer;
    this.worker = worker;
    worker.addEventListener("message", (e: MessageEvent) => {
      if (worker !== this.worker) return; // a message from a worker we already replaced
      if (isWorkerEvent(e.data)) this.onEvent(e.data);
    });
    worker.addEventListener("error", (e: ErrorEvent) => {
      if (worker !== this.worker) return;
      e.preventDefault();
      this.onWorkerError(e.message || "the Python worker could not start");
    });
    this.armStallTimer();
    // What the early worker said may already end this boot (a failure clears this.booting).
    const booting = this.booting;
    if (early) {
      early.release();
      for (const said of early.said) {
        if ("error" in said) this.onWorkerError(said.error);
        else if (isWorkerEvent(said.message)) this.onEvent(said.message);
      }
    } else {
      postBoot(worker, root, this.interruptBuffer);
    }
    return booting;
  }

  /** Run Python code as a script; output streams to `options.onOutput`. */
  run(code: string, options: RunOptions = {}): Job {
    const outputLimit = options.outputLimit ?? DEFAULT_OUTPUT_LIMIT;
    return this.enqueue({ type: "run", id: this.nextId++, code, outputLimit }, options);
  }

  /** Grade `code` with a lab's `checks`: public checks only, or hidden ones too. */
  grade(code: string, checks: string, includeHidden: boolean, options: RunOptions & { entry?: string | null } = {}): Job {
    const outputLimit = options.outputLimit ?? DEFAULT_OUTPUT_LIMIT;
    const entry = options.entry ?? null;
    return this.enqueue({ type: "grade", id: this.nextId++, code, checks, includeHidden, entry, outputLimit }, options);
  }

  /** Stop the job that is running now, if any. */
  interrupt(): void {
    if (this.active) this.stop(this.active, "user");
  }

  private enqueue(request: Pending["request"], options: RunOptions): Job {
    let resolve!: (result: RunResult) => void;
    const done = new Promise<RunResult>((r) => (resolve = r));
    const job: Pending = {
      request, options, state: "queued", resolve, outputCut: false, stopReason: null, stopAt: 0, timers: [],
      release: null,
    };
    this.queue.push(job);
    const { signal } = options;
    if (signal) {
      const onAbort = (): void => this.stop(job, "user");
      signal.addEventListener("abort", onAbort, { once: true });
      job.release = () => signal.removeEventListener("abort", onAbort);
      if (signal.aborted) onAbort();
    }
    void this.pump();
    return { done, stop: () => this.stop(job, "user") };
  }

  private async pump(): Promise<void> {
    if (this.active || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.active = job;
    job.state = "booting";
    try {
      await this.boot();
    } catch (err) {
      this.settle(job, { status: "failed", message: err instanceof Error ? err.message : String(err) });
    }
    if (job.state !== "booting") {
      // Stopped while Python was loading, or the boot failed: next job.
      if (this.active === job) this.active = null;
      void this.pump();
      return;
    }
    job.state = "running";
    // A Stop that arrived after the previous job ended must not hit this one.
    if (this.interruptBuffer) Atomics.store(this.interruptBuffer, 0, 0);
    this.worker!.postMessage(job.request);
    job.options.onStart?.();
    const limit = job.options.timeLimitS;
    if (limit && limit > 0) job.timers.push(window.setTimeout(() => this.stop(job, "time-limit"), limit * 1000));
  }

  private stop(job: Pending, reason: "user" | "time-limit"): void {
    if (job.state === "done" || job.stopReason) return;
    job.stopReason = reason;
    job.stopAt = performance.now();
    if (job.state !== "running") {
      const i = this.queue.indexOf(job);
      if (i >= 0) this.queue.splice(i, 1);
      this.settle(job, { status: "stopped", reason, via: "cancelled", stopMs: 0 });
      return;
    }
    if (this.interruptBuffer) {
      const buffer = this.interruptBuffer;
      Atomics.store(buffer, 0, SIGINT);
      // Pyodide takes the signal in two steps, a read of the buffer and then a write of 0 (CPython's
      // emscripten_signal.c, not atomic): a Stop stored between the two is wiped out, and Python
      // would loop on until the grace ran out. So while the job runs, the signal is raised again
      // whenever Python has taken the last one (a buffer still at 2 is a signal not yet read).
      // (The job's end clears its timers, this one's too.)
      const reassert = (): void => {
        Atomics.compareExchange(buffer, 0, 0, SIGINT);
        job.timers.push(window.setTimeout(reassert, REASSERT_MS));
      };
      job.timers.push(window.setTimeout(reassert, REASSERT_MS));
      job.timers.push(window.setTimeout(() => this.restart(job), interruptGraceMs()));
    } else {
      this.restart(job);
    }
  }

  /** Throw the worker away (with whatever it was running) and boot a fresh one at once. */
  private restart(job: Pending | null, failure?: string): void {
    this.worker?.terminate();
    this.worker = null;
    this.booting = null;
    this.settleBoot = null;
    this.restarts++;
    if (job && job.state !== "done") {
      this.settle(
        job,
        failure
          ? { status: "failed", message: failure }
          : { status: "stopped", reason: job.stopReason ?? "user", via: "restart", stopMs: performance.now() - job.stopAt },
      );
    }
    if (this.active === job) this.active = null;
    // Boot right away so the next Run finds Python ready; failures show through status.
    void this.boot().catch(() => {});
    void this.pump();
  }

  private settle(job: Pending, result: Ending): void {
    if (job.state === "done") return;
    job.state = "done";
    job.timers.forEach((t) => clearTimeout(t));
    job.release?.();
    job.resolve({ ...result, outputCut: job.outputCut });
  }

  private onEvent(event: WorkerEvent): void {
    const job = this.active && this.active.request.id === ("id" in event ? event.id : -1) ? this.active : null;
    switch (event.type) {
      case "download":
        this.armStallTimer();
        this.setStatus({ phase: "loading", file: event.file, loaded: event.loaded, total: event.total, restarting: this.restarts > 0 });
        break;
      case "ready":
        clearTimeout(this.stallTimer);
        this.setStatus({ phase: "ready", python: event.python, numpy: event.numpy, bootMs: event.bootMs });
        this.settleBoot?.resolve();
        break;
      case "boot-failed":
        this.failBoot(event.message);
        break;
      case "output":
        job?.options.onOutput?.(event.stream, event.text);
        break;
      case "output-cut":
        if (job) {
          job.outputCut = true;
          job.options.onOutputCut?.(event.limit);
        }
        break;
      case "progress":
        job?.options.onProgress?.(event.progress);
        break;
      case "done":
        if (!job) break;
        this.finish(job, event.outcome);
        break;
      default:
        assertNever(event);
    }
  }

  private finish(job: Pending, outcome: Extract<WorkerEvent, { type: "done" }>["outcome"]): void {
    switch (outcome.kind) {
      case "finished":
        this.settle(job, { status: "finished", error: outcome.error });
        break;
      case "graded":
        this.settle(job, { status: "graded", report: outcome.report });
        break;
      case "interrupted":
        this.settle(job, {
          status: "stopped", reason: job.stopReason ?? "user", via: "interrupt", stopMs: performance.now() - job.stopAt,
        });
        break;
      case "failed":
        if (outcome.fatal) {
          // The interpreter is broken (e.g. the wasm stack overflowed): replace it.
          this.restart(job, `Python stopped working (${outcome.message}) and has been restarted.`);
          return;
        }
        this.settle(job, { status: "failed", message: outcome.message });
        break;
      default:
        assertNever(outcome);
    }
    this.active = null;
    void this.pump();
  }

  private onWorkerError(message: string): void {
    if (this.status.phase === "loading") {
      this.failBoot(message);
    } else {
      this.restart(this.active, `Python stopped working (${message}) and has been restarted.`);
    }
  }

  private failBoot(message: string): void {
    clearTimeout(this.stallTimer);
    this.worker?.terminate();
    this.worker = null;
    this.booting = null; // the next boot() tries again from scratch
    this.setStatus({ phase: "failed", message });
    this.settleBoot?.reject(new Error(message));
    this.settleBoot = null;
  }

  private armStallTimer(): void {
    clearTimeout(this.stallTimer);
    this.stallTimer = window.setTimeout(
      () => this.failBoot(`loading stalled for ${BOOT_STALL_MS / 1000} s`),
      BOOT_STALL_MS,
    );
  }

  private setStatus(status: RuntimeStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener(status);
  }
}

let instance: PyodideClient | null = null;

/** The tab's one Pyodide runtime (created on first call; nothing loads until a job or `boot()`). */
export function pyodide(): PyodideClient {
  instance ??= new PyodideClient();
  return instance;
}
