/**
 * Runs a reader's regular expression over their text off the page's thread (built as
 * heatmap-explorer-pattern-worker.js): JavaScript's regex engine backtracks, so a pattern such
 * as (a+)+$ can run for minutes on a short text. Here it can only stall this worker, which
 * pattern.ts terminates when its time is up.
 */
import { regexFeature } from "./logic.ts";

self.onmessage = (e: MessageEvent<{ pattern: string; chars: string[] }>) => {
  const { pattern, chars } = e.data;
  const f = regexFeature(pattern, chars);
  (self as unknown as Worker).postMessage(f, f.ok ? [f.values.buffer] : []);
};
