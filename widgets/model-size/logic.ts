/**
 * Pure logic of the Model Size Explorer: one family (the models of one
 * corpus) as rows, speed from a generation's timing, and the chart's scales.
 * No DOM.
 */
import type { ModelEntry } from "../model-kit/models.ts";

/** Characters generated per speed measurement (after a short warm-up). */
export const SPEED_CHARS = 600;
export const WARMUP_CHARS = 50;

/** Characters per second from a generation of `chars` characters taking `elapsedMs`. */
export function charsPerSecond(chars: number, elapsedMs: number): number {
  return elapsedMs > 0 ? chars / (elapsedMs / 1000) : Infinity;
}

/** The corpora of the index, the one with most sizes first (ties: index order). */
export function corporaBySizeCount(models: readonly ModelEntry[]): string[] {
  const counts = new Map<string, number>();
  for (const m of models) counts.set(m.corpus, (counts.get(m.corpus) ?? 0) + 1);
  return [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
}

/** A chart axis: log10 of parameters on x, a linear quantity on y, with padding. */
export interface Scale {
  min: number;
  max: number;
}

/** Bounds covering `values` with 8% padding; a single value gets a window around it. */
export function niceBounds(values: readonly number[], log = false): Scale {
  const v = values.filter(Number.isFinite).map((x) => (log ? Math.log10(x) : x));
  if (v.length === 0) return { min: 0, max: 1 };
  let min = Math.min(...v);
  let max = Math.max(...v);
  if (max - min < 1e-9) {
    const pad = log ? 0.5 : Math.abs(min) * 0.25 || 1;
    return { min: min - pad, max: max + pad };
  }
  const pad = (max - min) * 0.08;
  min -= pad;
  max += pad;
  return { min, max };
}

/** Map a value in `s` to [0, 1]. */
export const unit = (x: number, s: Scale, log = false): number => ((log ? Math.log10(x) : x) - s.min) / (s.max - s.min);

/** 271131 → "271 k", 3.4e6 → "3.4 M". */
export function formatCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  if (n >= 1e3) return `${Math.round(n / 1e3)} k`;
  return String(n);
}
