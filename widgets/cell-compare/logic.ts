/**
 * Pure logic of the cell comparison (LSTM vs GRU vs vanilla RNN, Module 3):
 * the cell families of index.json, their members in a fixed cell order, the
 * chart's series and window from each member's curves.json, the sentences
 * that state the gaps, and what the fixed-seed samples share. No DOM.
 */
import { familiesOf, type ModelEntry } from "../model-kit/models.ts";
import type { Series } from "../lib/lineplot.ts";

/** The cells in the order the widget lists them: the gated cells first, the vanilla RNN last. */
export const CELL_ORDER = ["lstm", "gru", "rnn"] as const;

/** A reader's name for a cell ("LSTM", "GRU", "vanilla RNN"). */
export function cellName(cell: string): string {
  const c = cell.toLowerCase();
  return c === "rnn" ? "vanilla RNN" : c.toUpperCase();
}

/** Members ordered LSTM, GRU, vanilla RNN (unknown cells after them, by name), then by id. */
export function orderByCell(members: readonly ModelEntry[]): ModelEntry[] {
  const rank = (m: ModelEntry) => {
    const i = (CELL_ORDER as readonly string[]).indexOf(m.cell.toLowerCase());
    return i < 0 ? CELL_ORDER.length : i;
  };
  return [...members].sort((a, b) => rank(a) - rank(b) || a.cell.localeCompare(b.cell) || a.id.localeCompare(b.id));
}

/** One cell family: its name (the corpus it was trained on) and its members in cell order. */
export interface CellFamily {
  name: string;
  members: ModelEntry[];
}

/**
 * The cell families of the index: `comparable` (two members or more, which the widget offers)
 * and `lonely` (one member: nothing to compare yet), each in index order.
 */
export function cellFamilies(models: readonly ModelEntry[]): { comparable: CellFamily[]; lonely: CellFamily[] } {
  const comparable: CellFamily[] = [];
  const lonely: CellFamily[] = [];
  for (const [name, members] of familiesOf(models, "cell")) {
    (members.length >= 2 ? comparable : lonely).push({ name, members: orderByCell(members) });
  }
  return { comparable, lonely };
}

/** The sentence shown when no family has two members. */
export function nothingToCompare(lonely: readonly CellFamily[]): string {
  if (lonely.length === 0) {
    return "This build of the site has no models that differ only in their cell, so there is nothing to compare here.";
  }
  const which = lonely.map((f) => `the ${cellName(f.members[0].cell)} trained on ${f.name}`).join(", ");
  return `Only one model of each cell family is on this site (${which}), so there is nothing to compare yet.`;
}

/** curves.json: training estimates of one model (build_models writes it at export). */
export interface Curves {
  unit: string;
  eval: { iter: number; train_loss: number; val_loss: number }[];
  eval_note?: string;
  train?: { iter: number; loss: number }[];
}

/** Check a parsed curves.json; null when it lacks the eval points the chart draws. */
export function readCurves(raw: unknown): Curves | null {
  if (typeof raw !== "object" || raw === null) return null;
  const o = raw as Record<string, unknown>;
  if (!Array.isArray(o.eval)) return null;
  const ok = o.eval.every((p) => typeof p === "object" && p !== null && ["iter", "train_loss", "val_loss"].every((k) => typeof (p as Record<string, unknown>)[k] === "number"));
  return ok ? (raw as Curves) : null;
}

/** The y window of the chart, and whether it cuts off the start of a curve. */
export interface ChartWindow {
  yMin: number;
  yMax: number;
  /** Some validation curve starts above the window (the untrained model at step 0). */
  cutStart: boolean;
}

/**
 * A y window that shows where the curves differ: every estimate after step 0 fits (the
 * untrained model's, about ln V nats for all of them, would flatten the rest), rounded out
 * to tenths; the top is set by the validation estimates.
 */
export function chartWindow(curves: readonly (Curves | null)[]): ChartWindow {
  const pts = curves.flatMap((c) => c?.eval ?? []);
  const later = pts.filter((p) => p.iter > 0);
  const val = later.map((p) => p.val_loss).filter(Number.isFinite);
  if (val.length === 0) {
    const all = pts.map((p) => p.val_loss).filter(Number.isFinite);
    return { yMin: 0, yMax: all.length ? Math.ceil(Math.max(...all) * 10) / 10 : 1, cutStart: false };
  }
  const lo = Math.min(...val, ...later.map((p) => p.train_loss).filter(Number.isFinite));
  const yMax = Math.ceil(Math.max(...val) * 10 - 1e-9) / 10;
  return { yMin: Math.floor(lo * 10 + 1e-9) / 10, yMax, cutStart: pts.some((p) => p.iter === 0 && p.val_loss > yMax) };
}

/** Class of a member's lines: its cell (`rnn-cc__cell--lstm`…), so colours follow the cell, not the position. */
export const cellClass = (cell: string): string => `rnn-cc__cell--${cell.toLowerCase().replace(/[^a-z0-9]/g, "")}`;

/**
 * The chart's series: per member with curves, its validation estimates (solid), and with
 * `train` also its training-split estimates (dashed); points above `win.yMax` at the start
 * of a curve are left out rather than drawn along the top edge.
 */
export function chartSeries(members: readonly ModelEntry[], curves: readonly (Curves | null)[], win: ChartWindow, train = false): Series[] {
  const out: Series[] = [];
  const inWindow = (pts: [number, number][]) => {
    const first = pts.findIndex(([, y]) => y <= win.yMax);
    return first < 0 ? [] : pts.slice(first);
  };
  members.forEach((m, i) => {
    const c = curves[i];
    if (!c) return;
    out.push({ name: `${cellName(m.cell)} validation`, className: `rnn-cc__val ${cellClass(m.cell)}`, points: inWindow(c.eval.map((p) => [p.iter, p.val_loss])) });
    if (train) out.push({ name: `${cellName(m.cell)} training`, className: `rnn-cc__train ${cellClass(m.cell)}`, points: inWindow(c.eval.map((p) => [p.iter, p.train_loss])) });
  });
  return out;
}

/** "0.11 nats/char below", "0.02 nats/char above" or "level with" (gaps under 0.005 nats). */
export function gapPhrase(diff: number): string {
  if (Math.abs(diff) < 0.005) return "level with";
  return `${Math.abs(diff).toFixed(2)} nats/char ${diff > 0 ? "below" : "above"}`;
}

/**
 * The gaps, measured on the full splits (index.json): the member with the lowest validation
 * loss against each other member, e.g. "The LSTM ends 0.11 nats/char below the vanilla RNN on
 * val, and 0.10 nats/char below it on test." A sentence per other member; none for one member.
 */
export function gapSentences(members: readonly ModelEntry[]): string[] {
  if (members.length < 2) return [];
  const best = members.reduce((a, b) => (b.val_loss_nats < a.val_loss_nats ? b : a));
  return members
    .filter((m) => m !== best)
    .map((m) => {
      const val = `The ${cellName(best.cell)} ends ${gapPhrase(m.val_loss_nats - best.val_loss_nats)} the ${cellName(m.cell)} on val`;
      const hasTest = best.test_loss_nats !== undefined && m.test_loss_nats !== undefined;
      const test = hasTest ? `, and ${gapPhrase(m.test_loss_nats! - best.test_loss_nats!)} it on test` : "";
      return `${val}${test}.`;
    });
}

/** How every member's sample was drawn, when they share seed, temperature and prompt; else null. */
export function sharedSampling(members: readonly ModelEntry[]): { seed: number; temperature: number; prompt: string } | null {
  const s = members.map((m) => m.sample);
  if (s.length === 0 || s.some((x) => !x)) return null;
  const [a] = s as NonNullable<ModelEntry["sample"]>[];
  const same = s.every((x) => x!.seed === a.seed && x!.temperature === a.temperature && x!.prompt === a.prompt);
  return same ? { seed: a.seed, temperature: a.temperature, prompt: a.prompt } : null;
}

/** A prompt as running text: "a line break", "an empty prompt", or the prompt in quotes (its line breaks shown as ↵). */
export function describePrompt(prompt: string): string {
  if (prompt === "") return "an empty prompt";
  if (prompt === "\n") return "a line break";
  return `“${prompt.replace(/\n/g, "↵")}”`;
}

/** The sentence that says how the samples were drawn (one setting for all, or each its own). */
export function samplingSentence(members: readonly ModelEntry[]): string {
  const shared = sharedSampling(members);
  if (shared) {
    return `Each model wrote its sample when it was exported, from the same start: random seed ${shared.seed}, temperature ${shared.temperature}, prompt ${describePrompt(shared.prompt)}. Only the network differs.`;
  }
  const each = members
    .filter((m) => m.sample)
    .map((m) => `${cellName(m.cell)}: seed ${m.sample!.seed}, temperature ${m.sample!.temperature}`)
    .join("; ");
  return each ? `The samples were drawn with different settings (${each}), so compare them with care.` : "No model of this family ships a sample.";
}
