/**
 * Run flow.py in the tab's shared Pyodide worker and read back one JSON
 * result. The Gradient Flow Simulator and the Telephone Game both call it;
 * tests import the same flow.py in CPython, so page and test compute alike.
 */
import { describeProgress, pyodide } from "../runtime/pyodide/client.ts";
import source from "./flow.py" with { type: "text" };

/** Show the runtime's loading progress in `line` until Python is ready; returns the unsubscribe. */
export function showBoot(line: HTMLElement): () => void {
  return pyodide().subscribe((status) => {
    line.textContent = status.phase === "ready" ? "" : describeProgress(status).label;
  });
}

/** Evaluate `call` (a Python expression over flow.py's functions) and return its JSON value. */
export async function flowCall<T>(call: string): Promise<T> {
  const runtime = pyodide();
  await runtime.boot();
  let out = "";
  const job = runtime.run(`${source}\nprint(as_json(${call}))\n`, {
    timeLimitS: 20,
    onOutput: (stream, text) => {
      if (stream === "stdout") out += text;
    },
  });
  const result = await job.done;
  if (result.status === "finished" && result.error === null) {
    const last = out.trim().split("\n").pop() ?? "";
    return JSON.parse(last) as T;
  }
  const why =
    result.status === "finished" ? `${result.error?.type}: ${result.error?.message}`
    : result.status === "failed" ? result.message
    : result.status === "stopped" ? "it took too long and was stopped"
    : "unexpected result";
  throw new Error(`the NumPy computation failed (${why})`);
}

/** A Python float literal for a number the reader set (finite by construction of the sliders). */
export const pyNum = (v: number): string => (Number.isFinite(v) ? String(v) : "0.0");

/** A Python string literal for text the reader typed. */
export const pyStr = (s: string): string => JSON.stringify(s);
