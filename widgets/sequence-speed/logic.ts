/**
 * The Speed Comparison's logic, without the DOM: the lengths on the slider, how many runs fit the
 * time budget of one measurement, and the lines of the chart (measured here, and by PyTorch on the
 * machine that built the models).
 */
import { median } from "../lib/numbers.ts";
import { CELL_NAMES, nearest, type DistanceRow, type WordModelEntry } from "../word-model-kit/models.ts";
import type { Line } from "../word-model-kit/chart.ts";

/** Sequence lengths (tokens, <s> included) on the slider. */
export const LENGTHS = [16, 32, 64, 128, 256, 512, 1024] as const;

/** One measurement of one length may take this long, both models together (the budget is 2 s). */
export const BUDGET_MS = 1500;
export const MAX_RUNS = 15;

/** Timed runs that fit `budgetMs` after a first (warm-up) run took `firstMs`: at least 1, at most MAX_RUNS. */
export function runsFor(firstMs: number, budgetMs: number): number {
  if (!(firstMs > 0)) return MAX_RUNS;
  return Math.max(1, Math.min(MAX_RUNS, Math.floor(budgetMs / firstMs)));
}

/** The time one length gets: the median of its runs. */
export const timeOf = (ms: readonly number[]): number => median(ms);

/** Measured here (solid) and by PyTorch on the build machine (dashed), one pair per model. */
export function speedLines(entries: readonly WordModelEntry[], here: ReadonlyMap<string, ReadonlyMap<number, number>>): Line[] {
  const lines: Line[] = [];
  for (const e of entries) {
    const mine = here.get(e.id);
    const pts = mine ? [...mine.entries()].sort((a, b) => a[0] - b[0]) : [];
    lines.push({ name: `${CELL_NAMES[e.cell]}, this browser`, cell: e.cell, points: pts as [number, number][] });
    lines.push({ name: `${CELL_NAMES[e.cell]}, PyTorch (build machine)`, cell: e.cell, dashed: true,
      points: e.speed.rows.map((r) => [r.length, r.ms] as [number, number]) });
  }
  return lines;
}

/** The bracket task's measured accuracy nearest to a length, and whether that is beyond training. */
export function qualityAt(e: WordModelEntry, length: number): { row: DistanceRow | null; beyond: boolean } {
  const distance = Math.max(1, length - 2);  // <s> and \begin{...} come before the distance
  return { row: nearest(e.brackets, (r) => r.distance, distance), beyond: distance > e.train_distance };
}

/** One sentence on what was measured, for the live region. */
export function speedSummary(entries: readonly WordModelEntry[], length: number, ms: readonly number[]): string {
  const parts = entries.map((e, i) => `${CELL_NAMES[e.cell]} ${ms[i] < 10 ? ms[i].toFixed(2) : ms[i].toFixed(1)} ms`);
  const [a, b] = ms;
  const ratio = a > 0 && b > 0 ? ` (${a > b ? `the ${CELL_NAMES[entries[1].cell]} is ${(a / b).toFixed(1)}× faster` : `the ${CELL_NAMES[entries[0].cell]} is ${(b / a).toFixed(1)}× faster`})` : "";
  return `${length.toLocaleString("en")} tokens on this machine: ${parts.join(", ")}${ratio}.`;
}
