/**
 * A reader's pattern, matched in a worker with a time limit (pattern-worker.ts): the page never
 * waits on the regex engine, a pattern that runs too long is stopped with a sentence that says
 * why, and a new request cancels the one before it.
 */
import { builtWorkerUrl } from "../lib/worker-url.ts";
import type { RegexFeature } from "./logic.ts";

/** How long a pattern may run before it is stopped; ordinary patterns take milliseconds on the capped text. */
export const PATTERN_LIMIT_MS = 2000;

export const TOO_SLOW =
  `Your pattern was stopped after ${PATTERN_LIMIT_MS / 1000} s without finishing on this text. ` +
  "Nested repeats such as (a+)+ or (.*)* make the regular-expression engine try an enormous number " +
  "of ways to match: simplify the pattern (for example a+ instead of (a+)+) and rank again.";


let current: { worker: Worker; finish: (f: RegexFeature | null) => void } | null = null;

/** Stop the request in flight, if any (it resolves to null). */
export function cancelPattern(): void {
  current?.finish(null);
}

/**
 * The reader's feature for `pattern` over `chars`, or null when a later request (or
 * cancelPattern) replaced it. A pattern still running after PATTERN_LIMIT_MS gives TOO_SLOW.
 */
export function matchPattern(pattern: string, chars: readonly string[]): Promise<RegexFeature | null> {
  cancelPattern();
  return new Promise((resolve) => {
    const worker = new Worker(builtWorkerUrl("heatmap-explorer-pattern-worker.js"), { type: "module", name: "reader-pattern" });
    const timer = setTimeout(() => finish({ ok: false, message: TOO_SLOW }), PATTERN_LIMIT_MS);
    const me = { worker, finish };
    function finish(f: RegexFeature | null): void {
      clearTimeout(timer);
      worker.terminate(); // one worker per request: a runaway match dies with it
      if (current === me) current = null;
      resolve(f);
    }
    current = me;
    worker.onmessage = (e: MessageEvent<RegexFeature>) => finish(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      finish({ ok: false, message: "Your pattern could not be run in this browser; try a simpler one." });
    };
    worker.postMessage({ pattern, chars: [...chars] });
  });
}
