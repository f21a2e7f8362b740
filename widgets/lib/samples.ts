/**
 * Samples the reader kept from the training studio (its "Keep" button), for Module 10's gallery,
 * leaderboard and peer review (widgets/capstone-share). Each record carries the sample and the
 * figures of the run that wrote it, as they were when it was kept. The store is capped: the oldest
 * records are dropped, and the caller is told so. Saving goes through lib/storage.ts (never throws).
 */
import { count, num } from "./guards.ts";
import { load, save } from "./storage.ts";
import { textKind } from "./achievements.ts";

export const SAMPLES_KEY = "capstone:samples";
/** The store keeps the latest this many samples. */
export const MAX_KEPT = 100;
/** A kept text is cut to this many characters (a studio sample is 200 plus its seed). */
export const MAX_SAMPLE_CHARS = 2000;

/** One kept sample with its run's figures at the moment it was kept. */
export interface KeptSample {
  /** When it was kept (ms since 1970); also its identity in the gallery. */
  at: number;
  text: string;
  seed: string;
  step: number;
  temperature: number;
  /** The studio's text kind (corpus id, "challenge" or "upload", as lib/achievements.ts textKind) and its name. */
  textKind: string;
  textName: string;
  cell: string;
  layers: number;
  hidden: number;
  /** The best validation loss (nats per character) and perplexity up to the sample's iteration; null before any check. */
  bestValLoss: number | null;
  bestValPerplexity: number | null;
}

/** What the studio knows when Keep is pressed. */
export interface KeepInput {
  sample: { step: number; seed: string; temperature: number; text: string };
  textName: string;
  fixed: boolean;
  model: { cell: string; layers: number; hidden: number };
  /** The run's validation checks so far, [iteration, loss]. */
  val: readonly (readonly [number, number])[];
}

/** The record kept for a studio sample: the text capped, the best check up to its iteration. Pure. */
export function keptSample(k: KeepInput, now = Date.now()): KeptSample {
  const losses = k.val.filter(([step]) => step <= k.sample.step).map(([, loss]) => loss);
  const best = losses.length ? Math.min(...losses) : null;
  return {
    at: now, text: k.sample.text.slice(0, MAX_SAMPLE_CHARS), seed: k.sample.seed.slice(0, 64), step: k.sample.step,
    temperature: k.sample.temperature, textKind: textKind(k.textName, k.fixed), textName: k.textName.slice(0, 120),
    cell: k.model.cell, layers: k.model.layers, hidden: k.model.hidden,
    bestValLoss: best, bestValPerplexity: best === null ? null : Math.exp(best),
  };
}


/** Whether a stored value is a well-formed kept sample (damaged or hand-edited entries are dropped). */
export function isKept(v: unknown): v is KeptSample {
  if (!v || typeof v !== "object") return false;
  const r = v as Record<string, unknown>;
  return num(r.at) && typeof r.text === "string" && r.text.length <= MAX_SAMPLE_CHARS && typeof r.seed === "string"
    && count(r.step) && num(r.temperature) && r.temperature > 0 && typeof r.textKind === "string" && typeof r.textName === "string"
    && typeof r.cell === "string" && count(r.layers) && count(r.hidden)
    && (r.bestValLoss === null || (num(r.bestValLoss) && r.bestValLoss >= 0))
    && (r.bestValPerplexity === null || (num(r.bestValPerplexity) && r.bestValPerplexity >= 1));
}

/** The kept samples in storage, oldest first, well-formed ones only. */
export function readKept(): KeptSample[] {
  const raw = load<unknown>(SAMPLES_KEY, []);
  return Array.isArray(raw) ? raw.filter(isKept) : [];
}

const same = (a: KeptSample, b: KeptSample) =>
  a.text === b.text && a.step === b.step && a.seed === b.seed && a.temperature === b.temperature && a.textName === b.textName;

/**
 * The list after adding `s`: unchanged when the same sample is already kept, and cut to the latest
 * MAX_KEPT (how many were dropped is returned). Pure.
 */
export function addKept(list: readonly KeptSample[], s: KeptSample): { list: KeptSample[]; added: boolean; dropped: number } {
  if (list.some((x) => same(x, s))) return { list: [...list], added: false, dropped: 0 };
  const next = [...list, s];
  const dropped = Math.max(0, next.length - MAX_KEPT);
  return { list: next.slice(dropped), added: true, dropped };
}

/** Keep a sample in the store; the message says what happened (kept, already kept, oldest dropped, or not saved and why). */
export function keepSample(s: KeptSample): { ok: boolean; message: string } {
  const r = addKept(readKept(), s);
  if (!r.added) return { ok: true, message: "Already kept: it is in your gallery (Module 10, 10.4)." };
  const saved = save(SAMPLES_KEY, r.list);
  if (!saved.ok) return { ok: false, message: `Saving is off: ${saved.reason}` };
  return {
    ok: true,
    message: r.dropped
      ? `Kept. Your gallery keeps the latest ${MAX_KEPT} samples, so the oldest one was dropped.`
      : "Kept: it is in your gallery (Module 10, 10.4).",
  };
}
