/**
 * Progress points of a long run (a training loop). `grader.report(iteration,
 * loss, sample)` reaches the lab as a typed progress message of the Pyodide
 * runtime (a job's `onProgress`), never as printed text, so the learner's
 * output is shown exactly as printed. Plain functions, no DOM.
 */
import type { JobProgress } from "../runtime/pyodide/client.ts";

export interface ProgressPoint {
  iteration: number;
  loss: number;
  sample: string | null;
}

/** A point of the loss curve, or null for a report without a (finite) loss: nothing to plot. */
export function pointOf(progress: JobProgress): ProgressPoint | null {
  const loss = progress.values.loss;
  if (loss === undefined) return null;
  return { iteration: progress.step, loss, sample: progress.text };
}

/** The sentence announced (and shown) for the latest point. */
export function describePoint(p: ProgressPoint): string {
  return `Iteration ${p.iteration.toLocaleString("en")}: loss ${p.loss.toFixed(3)} nats per character.`;
}
