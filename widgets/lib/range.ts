/**
 * Slider values: a number snapped to a slider's grid and clamped to its
 * range, also for values read back from storage (anything else falls back).
 */
export interface SliderRange {
  min: number;
  max: number;
  step: number;
}

/** `v` clamped to [min, max] and snapped to min + k·step, rounded to 2 decimals; `fallback` if not a finite number. */
export function snapTo(v: unknown, r: SliderRange, fallback: number): number {
  if (typeof v !== "number" || !Number.isFinite(v)) return fallback;
  const k = Math.round((Math.min(r.max, Math.max(r.min, v)) - r.min) / r.step);
  return Math.round((r.min + k * r.step) * 100) / 100;
}
