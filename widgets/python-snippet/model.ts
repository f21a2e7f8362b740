/**
 * What the python-snippet widget decides, apart from the DOM: where edits
 * are saved, whether saved code still applies, and the sentence that says
 * how a run ended.
 */
import type { RunResult } from "../runtime/pyodide/client.ts";

/** Seconds a snippet may run before it is stopped (a teaching snippet takes well under one). */
export const TIME_LIMIT_S = 10;
export const MAX_CODE_CHARS = 50_000;

/** What is saved per snippet: the reader's code and the original it was edited from. */
export interface SavedSnippet {
  code: string;
  original: string;
}

/** Storage key of a snippet's edits. */
export function snippetKey(id: string): string {
  return `snippet:${id}`;
}

/**
 * The code to show: the reader's saved edit if it was made on the current
 * original, else the original (`stale` says an edit was set aside because
 * the page's code changed since).
 */
export function restore(saved: unknown, original: string): { code: string; stale: boolean } {
  const s = saved as Partial<SavedSnippet> | null;
  if (!s || typeof s.code !== "string" || typeof s.original !== "string") return { code: original, stale: false };
  if (s.original !== original) return { code: original, stale: true };
  return { code: s.code, stale: false };
}

/** The one-line status after a run (`printed`: whether it wrote any output), and whether it is an error. */
export function describeRun(result: RunResult, printed: boolean): { text: string; error: boolean } {
  switch (result.status) {
    case "finished":
      if (result.error) {
        const where = result.error.line ? ` on line ${result.error.line}` : "";
        return { text: `Stopped with ${result.error.type}${where}: ${result.error.message}`, error: true };
      }
      if (!printed) return { text: "Finished. (It printed nothing.)", error: false };
      return { text: result.outputCut ? "Finished (long output was shortened)." : "Finished.", error: false };
    case "stopped":
      return result.reason === "time-limit"
        ? { text: `Stopped: the code ran longer than ${TIME_LIMIT_S} seconds. Look for a loop that never ends.`, error: true }
        : { text: "Stopped.", error: false };
    case "failed":
      return { text: `Python could not run this code: ${result.message}`, error: true };
    case "graded":
      return { text: "Finished.", error: false };
    default:
      return result satisfies never;
  }
}
