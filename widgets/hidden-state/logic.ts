/**
 * Pure logic of the Hidden State Visualizer: the last two hidden vectors of a
 * run, the change between them, and which units changed most. No DOM
 * (colours and number format: ../model-kit/format.ts).
 */

/** A unit whose value moved by at least this much since the previous character is highlighted. */
export const CHANGE_THRESHOLD = 0.25;
/** How many of the largest changes per layer the text summary lists. */
export const LISTED_CHANGES = 8;
/** Longest text the reader may type (a run re-reads the whole text on every keystroke). */
export const MAX_CHARS = 400;

/** One layer at the latest character. */
export interface LayerView {
  /** h after the latest character [H]. */
  now: Float32Array;
  /** h before it [H] (zeros before the first character). */
  before: Float32Array;
  /** now − before [H]. */
  delta: Float32Array;
}

/**
 * The latest step's layers from a run's h [T,L,H]; the state before the
 * first character is zero, as the model starts.
 */
export function latestLayers(hs: Float32Array, T: number, L: number, H: number): LayerView[] {
  if (T === 0) return [];
  return Array.from({ length: L }, (_, l) => {
    const now = hs.slice(((T - 1) * L + l) * H, ((T - 1) * L + l + 1) * H);
    const before = T >= 2 ? hs.slice(((T - 2) * L + l) * H, ((T - 2) * L + l + 1) * H) : new Float32Array(H);
    const delta = now.map((v, i) => v - before[i]);
    return { now, before, delta };
  });
}

/** Indices of the `n` largest |delta|, largest first (ties: lower index first). */
export function biggestChanges(delta: ArrayLike<number>, n = LISTED_CHANGES): number[] {
  return Array.from({ length: delta.length }, (_, i) => i)
    .sort((a, b) => Math.abs(delta[b]) - Math.abs(delta[a]) || a - b)
    .slice(0, n);
}

/** How many units moved by at least CHANGE_THRESHOLD. */
export const changedCount = (delta: ArrayLike<number>): number => Array.from(delta).filter((d) => Math.abs(d) >= CHANGE_THRESHOLD).length;

