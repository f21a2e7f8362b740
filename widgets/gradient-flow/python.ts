/**
 * Run flow.py in the tab's shared Pyodide worker and read back one JSON
 * result. The Gradient Flow Simulator and the Telephone Game both call it;
 * tests import the same flow.py in CPython, so page and test compute alike.
 */
import { describeProgress, pyodide, type JobProgress, type RunResult } from "../runtime/pyodide/client.ts";
import source from "./flow.py" with { type: "text" };

/** Show the runtime's loading progress in `line` until Python is ready; returns the unsubscribe. */
export function showBoot(line: HTMLElement): () => void {
  return pyodide().subscribe((status) => {
    line.textContent = status.phase === "ready" ? "" : describeProgress(status).label;
  });
}

export interface FlowOptions {
  /** Aborting it (the widget's mount signal) stops the Python job, as a lab's Stop does. */
  signal?: AbortSignal;
  /** flow.py's progress reports (rnn_progress.report_progress), as they come. */
  onProgress?: (progress: JobProgress) => void;
}

/** The job was stopped (its signal, or the time limit); `via` says how Python was stopped. */
export class FlowStopped extends Error {
  constructor(readonly via: Extract<RunResult, { status: "stopped" }>["via"]) {
    super(`the NumPy computation failed (it took too long and was stopped)`);
  }
}

/** Evaluate `call` (a Python expression over flow.py's functions) and return its JSON value. */
export async function flowCall<T>(call: string, options: FlowOptions = {}): Promise<T> {
  const runtime = pyodide();
  await runtime.boot();
  let out = "";
  const job = runtime.run(`${source}\nprint(as_json(${call}))\n`, {
    timeLimitS: 20,
    signal: options.signal,
    onProgress: options.onProgress,
    onOutput: (stream, text) => {
      if (stream === "stdout") out += text;
    },
  });
  const result = await job.done;
  if (result.status === "stopped") throw new FlowStopped(result.via);
  if (result.status === "finished" && result.error === null) {
    const last = out.trim().split("\n").pop() ?? "";
    return JSON.parse(last) as T;
  }
  const why =
    result.status === "finished" ? `${result.error?.type}: ${result.error?.message}`
    : result.status === "failed" ? result.message
    : "unexpected result";
  throw new Error(`the NumPy computation failed (${why})`);
}

/** A Python float literal for a number the reader set (finite by construction of the sliders). */
export const pyNum = (v: number): string => (Number.isFinite(v) ? String(v) : "0.0");

/** A Python string literal for text the reader typed. */
export const pyStr = (s: string): string => JSON.stringify(s);
