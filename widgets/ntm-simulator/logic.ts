/**
 * The NTM simulator's pure parts: the models named by the page, the reader's sequence (random,
 * toggled, typed), what each step of a copy means, and the comparison of the copy with its target.
 * No DOM: tests/js/ntm-simulator.test.ts calls these in Node.
 */
import { mulberry32 } from "../lib/random.ts";

/** Bits per vector of the copy task (the models' `task.width`; checked against each meta.json). */
export const WIDTH = 8;
/** Longest sequence the simulator copies: past every memory here, short enough to step through. */
export const MAX_LENGTH = 24;
/** The sequence a reader sees first, and the length of a new random one. */
export const START_LENGTH = 6;

export type Bits = number[][];

/** What the page measured for one model (its meta.json `evaluation` and `training`). */
export interface MemoryModelInfo {
  id: string;
  slots: number;
  trainMaxLen: number;
  byLength: { length: number; n: number; bit_accuracy: number; sequence_accuracy: number }[];
  curve: { step: number; loss: number }[];
  parameters: number;
  bytes: number;
  minutes: number;
}

/** The model ids of the fence's `models` attribute ("a b c" or "a,b,c"), in order, no repeats. */
export function modelIds(attr: string | undefined): string[] {
  return [...new Set((attr ?? "").split(/[\s,]+/).filter((s) => /^[a-z0-9][a-z0-9._-]*$/i.test(s)))];
}

const rec = (x: unknown): Record<string, unknown> => (typeof x === "object" && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {});

/** The figures the charts need from a meta.json, or an error that names what is missing. */
export function modelInfo(raw: unknown): MemoryModelInfo {
  const m = rec(raw), arch = rec(m.architecture), task = rec(m.task), ev = rec(m.evaluation), tr = rec(m.training);
  const byLength = ev.by_length, curve = tr.curve;
  if (typeof m.id !== "string" || !Number.isInteger(arch.slots) || !Array.isArray(byLength) || !Array.isArray(curve)) {
    throw new Error(`A memory model's description lacks its slots, evaluation or training curve; rebuild it with build_models.memory.`);
  }
  if (task.width !== WIDTH) throw new Error(`The model ${m.id} copies ${String(task.width)}-bit vectors; this simulator edits ${WIDTH}-bit ones.`);
  return {
    id: m.id, slots: arch.slots as number, trainMaxLen: Number(task.train_max_len),
    byLength: byLength as MemoryModelInfo["byLength"],
    curve: (curve as { step: number; loss: number }[]).map((p) => ({ step: p.step, loss: p.loss })),
    parameters: Number(arch.parameters), bytes: Number(rec(rec(m.files)["model.onnx"]).bytes),
    minutes: Number(tr.seconds) / 60,
  };
}

/** A random sequence of `length` vectors from `seed` (the Random button counts its presses). */
export function randomBits(length: number, seed: number): Bits {
  const rand = mulberry32(seed);
  return Array.from({ length }, () => Array.from({ length: WIDTH }, () => (rand() < 0.5 ? 1 : 0)));
}

/** A copy of `bits` with one bit flipped. */
export function toggled(bits: Bits, t: number, j: number): Bits {
  return bits.map((row, i) => (i === t ? row.map((b, k) => (k === j ? 1 - b : b)) : row.slice()));
}

/** `bits` made `length` long: cut, or grown with vectors from `seed`. */
export function resized(bits: Bits, length: number, seed: number): Bits {
  if (length <= bits.length) return bits.slice(0, length).map((r) => r.slice());
  return [...bits.map((r) => r.slice()), ...randomBits(length - bits.length, seed)];
}

/** The sequence as text: one group of WIDTH digits per vector, space-separated. */
export const bitsText = (bits: Bits): string => bits.map((r) => r.join("")).join(" ");

/** Why a length cannot be copied, or null. */
export function lengthProblem(length: number): string | null {
  if (!Number.isFinite(length) || length < 1) return "The sequence is empty: give it at least one vector (Random makes one).";
  if (length > MAX_LENGTH) {
    return `The simulator copies at most ${MAX_LENGTH} vectors (the models were trained on up to 10 and measured up to 20); this one has ${length}. The sequence shown is unchanged.`;
  }
  return null;
}

/** Parse typed text ("10110010 01100110 …") into bits, or say what is wrong with it. */
export function parseBits(text: string): { bits: Bits } | { problem: string } {
  const groups = text.trim().split(/[\s,;]+/).filter(Boolean);
  const length = lengthProblem(groups.length);
  if (length) return { problem: length };
  const bad = groups.findIndex((g) => !new RegExp(`^[01]{${WIDTH}}$`).test(g));
  if (bad >= 0) return { problem: `Vector ${bad + 1} (“${groups[bad].slice(0, 20)}”) is not ${WIDTH} digits of 0 and 1; the sequence shown is unchanged.` };
  return { bits: groups.map((g) => Array.from(g, Number)) };
}

export type Phase = "read" | "delimiter" | "answer";

/** What step t (0-based) of a copy of length L does, and which vector it concerns. */
export function phaseOf(t: number, L: number): { phase: Phase; index: number } {
  if (t < L) return { phase: "read", index: t };
  if (t === L) return { phase: "delimiter", index: -1 };
  return { phase: "answer", index: t - L - 1 };
}

/** A step in words, for the live region. */
export function describeStep(t: number, L: number): string {
  const { phase, index } = phaseOf(t, L);
  const n = `Step ${t + 1} of ${2 * L + 1}: `;
  if (phase === "read") return `${n}reading vector ${index + 1}; the output is not scored yet.`;
  if (phase === "delimiter") return `${n}the delimiter: the input is over, the copy starts next.`;
  return `${n}writing back vector ${index + 1} from memory.`;
}

/** The copy (rows L+1 … 2L of the logits [T,W], as bits) against the target, bit by bit. */
export function compare(y: Float32Array, bits: Bits): { out: Bits; wrong: boolean[][]; wrongBits: number; wrongVectors: number } {
  const L = bits.length;
  const out = bits.map((_, i) => Array.from({ length: WIDTH }, (_, j) => (y[(L + 1 + i) * WIDTH + j] > 0 ? 1 : 0)));
  const wrong = out.map((row, i) => row.map((b, j) => b !== bits[i][j]));
  const wrongBits = wrong.flat().filter(Boolean).length;
  return { out, wrong, wrongBits, wrongVectors: wrong.filter((r) => r.some(Boolean)).length };
}

/** The result in a sentence. */
export function verdict(wrongBits: number, L: number, info: MemoryModelInfo): string {
  const total = L * WIDTH;
  const head = wrongBits === 0 ? `Copied exactly: all ${total} bits right.` : `${total - wrongBits} of ${total} bits right; ${wrongBits} wrong (marked).`;
  const row = info.byLength.find((r) => r.length === L);
  const beyond = L > info.trainMaxLen ? ` Length ${L} is longer than any sequence in training (1–${info.trainMaxLen}).` : "";
  const slots = L > info.slots ? ` It has only ${info.slots} memory slots for ${L} vectors.` : "";
  const measured = row ? ` On ${row.n} held-out sequences of this length it copied ${Math.round(row.sequence_accuracy * 100)}% exactly.` : "";
  return head + beyond + slots + measured;
}

/** The slot a weighting focuses on most, and how much of the weight it holds. */
export function focus(w: Float32Array | number[]): { slot: number; weight: number } {
  let slot = 0;
  for (let i = 1; i < w.length; i++) if (w[i] > w[slot]) slot = i;
  return { slot, weight: w[slot] };
}
