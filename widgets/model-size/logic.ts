/**
 * Pure logic of the Model Size Explorer: the size families of index.json
 * (models that differ only in their hidden size) and how the table marks
 * their members, speed from a generation's timing, and the chart's scales.
 * No DOM.
 */
import { familiesOf, type ModelEntry } from "../model-kit/models.ts";

/** Characters generated per speed measurement (after a short warm-up). */
export const SPEED_CHARS = 600;
export const WARMUP_CHARS = 50;

/** Characters per second from a generation of `chars` characters taking `elapsedMs`. */
export function charsPerSecond(chars: number, elapsedMs: number): number {
  return elapsedMs > 0 ? chars / (elapsedMs / 1000) : Infinity;
}

/** One size family: its name and its members, smallest first. */
export interface SizeFamily {
  name: string;
  members: ModelEntry[];
}

/** The size families of the index (families.size), in index order, each smallest first. */
export function sizeFamilies(models: readonly ModelEntry[]): SizeFamily[] {
  return [...familiesOf(models, "size")].map(([name, members]) => ({ name, members: [...members].sort((a, b) => a.parameters - b.parameters) }));
}

/** The option text of a family: "tinyshakespeare (3 sizes: only the hidden size differs)". */
export function familyLabel(f: SizeFamily): string {
  const n = f.members.length;
  return n === 1 ? `${f.name} (1 size so far)` : `${f.name} (${n} sizes: only the hidden size differs)`;
}

/** What the table says of a model's comparison families: "size family tinyshakespeare; cell family …", or "". */
export function familyNote(m: ModelEntry): string {
  const parts = [];
  if (m.families?.size) parts.push(`size family ${m.families.size}`);
  if (m.families?.cell) parts.push(`cell family ${m.families.cell}`);
  return parts.join("; ");
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
