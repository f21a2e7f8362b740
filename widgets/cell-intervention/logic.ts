/**
 * Pure logic of the cell intervention: reading the reader's clamp from the
 * form, where two generations part ways, and the interpretable cells
 * neurons.json suggests clamping.
 */
import type { CellClamp } from "../runtime/onnx/client.ts";

/** The reader's clamp, checked against the model's size; or a sentence saying what is wrong. */
export function readClamp(layer: number, kind: string, unit: number, value: number, L: number, H: number): { clamp: CellClamp } | { message: string } {
  if (!Number.isInteger(layer) || layer < 0 || layer >= L) return { message: `Choose a layer from 0 to ${L - 1}.` };
  if (kind !== "h" && kind !== "c") return { message: "Choose h or c." };
  if (!Number.isInteger(unit) || unit < 0 || unit >= H) return { message: `Choose a cell from 0 to ${H - 1}.` };
  if (!Number.isFinite(value) || Math.abs(value) > 100) return { message: "Choose a value between −100 and 100." };
  return { clamp: { layer, kind, unit, value } };
}

/** Index of the first character where `a` and `b` differ (code points), or -1 when equal. */
export function firstDifference(a: string, b: string): number {
  const x = Array.from(a), y = Array.from(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return i;
  return x.length === y.length ? -1 : n;
}

/** A sentence about how far two texts agree. */
export function differenceSentence(a: string, b: string): string {
  const i = firstDifference(a, b);
  if (i < 0) return "Both texts are identical: this clamp did not change a single choice. Try another cell or a larger value.";
  const x = Array.from(a), y = Array.from(b);
  let same = 0;
  for (let k = 0; k < Math.min(x.length, y.length); k++) if (x[k] === y[k]) same++;
  return `The texts part ways at character ${i + 1}; ${same} of ${Math.max(x.length, y.length)} positions still hold the same character.`;
}

/** One cell neurons.json names as following a feature. */
export interface Suggestion {
  feature: string;
  kind: "h" | "c";
  layer: number;
  cell: number;
  score: number;
}

/** The best cell for each neurons.json feature (its `top` lists), strongest first. */
export function suggestions(top: Record<string, { kind: "h" | "c"; layer: number; cell: number; score: number }[]>): Suggestion[] {
  return Object.entries(top)
    .filter(([, cells]) => cells.length > 0)
    .map(([feature, cells]) => ({ feature, ...cells[0] }))
    .sort((a, b) => Math.abs(b.score) - Math.abs(a.score));
}
