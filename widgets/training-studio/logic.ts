/**
 * The training studio's pure logic: what text it accepts and why not, the run's settings and
 * their limits, and the figures the dashboard shows (smoothed curves, speed, time left). No DOM,
 * no Python: tests/js/training-studio.test.ts runs it in Node.
 */

/** The most text a run reads: 2 MiB, about two million characters (the challenges' 1 MB fits). */
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;

export type TextCheck = { ok: true; text: string } | { ok: false; reason: string };

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** Why a text of `bytes` is refused: its size and the limit. */
export const tooBig = (bytes: number): string =>
  `This text is ${formatBytes(bytes)}; the studio trains on at most ${formatBytes(MAX_TEXT_BYTES)} ` +
  `(about two million characters) so that a run fits in the page's memory and minutes. Use a part of it.`;

/**
 * Bytes a reader uploaded as text, or why not: over the limit, empty, binary (a NUL byte or many
 * control characters in the first 8 KB: an image, a zip, a Word file), or not UTF-8.
 */
export function decodeUpload(bytes: Uint8Array, fileName: string): TextCheck {
  if (bytes.length > MAX_TEXT_BYTES) return { ok: false, reason: tooBig(bytes.length) };
  if (bytes.length === 0) return { ok: false, reason: `${fileName} is empty: there is nothing to learn from.` };
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return { ok: false, reason: `${fileName} looks like a binary file (it holds NUL bytes), not text. Save it as plain text (.txt) first.` };
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  if (control > head.length * 0.1) {
    return { ok: false, reason: `${fileName} looks like a binary file (${control} control bytes in its first ${head.length}), not text. Save it as plain text (.txt) first.` };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: `${fileName} is not UTF-8 text. Open it in an editor and save it as UTF-8, then upload it again.` };
  }
  return checkText(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"));
}

/** Text pasted or decoded: within the limit and not empty. (Python refuses what it cannot train on.) */
export function checkText(text: string): TextCheck {
  // A string's UTF-8 length is at most 3 bytes per UTF-16 unit: only a long one needs counting.
  if (text.length * 3 > MAX_TEXT_BYTES) {
    const bytes = new TextEncoder().encode(text).length;
    if (bytes > MAX_TEXT_BYTES) return { ok: false, reason: tooBig(bytes) };
  }
  if (!text.trim()) return { ok: false, reason: "The text is empty: paste or upload some text first." };
  return { ok: true, text };
}

/** A fast, stable fingerprint of a text (FNV-1a over UTF-16 units), to match a saved run to its text. */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${text.length}-${h.toString(16).padStart(8, "0")}`;
}

export type Cell = "lstm" | "gru" | "rnn";
export const CELLS: readonly Cell[] = ["lstm", "gru", "rnn"];
export const CELL_NAMES: Record<Cell, string> = { lstm: "LSTM", gru: "GRU", rnn: "vanilla RNN" };

export const SIZES = {
  small: { layers: 1, hidden: 64, label: "small: 1 layer × 64 units" },
  medium: { layers: 1, hidden: 128, label: "medium: 1 layer × 128 units" },
  large: { layers: 2, hidden: 128, label: "large: 2 layers × 128 units" },
} as const;
export type Size = keyof typeof SIZES;

export interface Settings {
  cell: Cell;
  size: Size;
  /** Characters per training window (truncated BPTT length). */
  seqLen: number;
  batch: number;
  lr: number;
  /** How long to train, in minutes of training time. */
  minutes: number;
  /** A sample is drawn every this many iterations. */
  sampleEvery: number;
  temperature: number;
  /** Stop on its own when the validation loss stops improving. */
  autoStop: boolean;
}

export const DEFAULTS: Settings = {
  cell: "lstm", size: "medium", seqLen: 64, batch: 32, lr: 0.003, minutes: 5, sampleEvery: 100, temperature: 0.8, autoStop: true,
};

/** The limits of each number the reader may set: [min, max]. */
export const LIMITS = {
  seqLen: [8, 256], batch: [1, 128], lr: [1e-5, 0.1], minutes: [0.25, 60], sampleEvery: [10, 5000], temperature: [0, 2],
} as const;

const clampTo = (v: unknown, [lo, hi]: readonly [number, number], fallback: number): number =>
  typeof v === "number" && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;

/** Settings read back from storage (or a challenge's preset): anything missing or out of range is the default. */
export function restoreSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === "object" ? raw : {}) as Partial<Record<keyof Settings, unknown>>;
  return {
    cell: CELLS.includes(r.cell as Cell) ? (r.cell as Cell) : DEFAULTS.cell,
    size: typeof r.size === "string" && r.size in SIZES ? (r.size as Size) : DEFAULTS.size,
    seqLen: Math.round(clampTo(r.seqLen, LIMITS.seqLen, DEFAULTS.seqLen)),
    batch: Math.round(clampTo(r.batch, LIMITS.batch, DEFAULTS.batch)),
    lr: clampTo(r.lr, LIMITS.lr, DEFAULTS.lr),
    minutes: clampTo(r.minutes, LIMITS.minutes, DEFAULTS.minutes),
    sampleEvery: Math.round(clampTo(r.sampleEvery, LIMITS.sampleEvery, DEFAULTS.sampleEvery)),
    temperature: clampTo(r.temperature, LIMITS.temperature, DEFAULTS.temperature),
    autoStop: typeof r.autoStop === "boolean" ? r.autoStop : DEFAULTS.autoStop,
  };
}

/** The Python trainer's configuration for these settings. */
export function trainerConfig(s: Settings, seed = 0): Record<string, string | number> {
  const { layers, hidden } = SIZES[s.size];
  return { cell: s.cell, layers, hidden, seq_len: s.seqLen, batch: s.batch, lr: s.lr, seed };
}

/** One training iteration as the trainer reports it. */
export interface StepRecord {
  step: number;
  loss: number;
  grad_norm: number;
  chars: number;
}

/**
 * The training curve at most `maxPoints` wide: consecutive iterations averaged in equal buckets
 * (one iteration's loss is noisy; the mean of a bucket is what a reader compares), each point at
 * its bucket's last step.
 */
export function smoothCurve(records: readonly StepRecord[], maxPoints = 200): [number, number][] {
  if (records.length === 0) return [];
  const size = Math.max(1, Math.ceil(records.length / maxPoints));
  const out: [number, number][] = [];
  for (let i = 0; i < records.length; i += size) {
    const bucket = records.slice(i, i + size);
    out.push([bucket[bucket.length - 1].step, bucket.reduce((a, r) => a + r.loss, 0) / bucket.length]);
  }
  return out;
}

/** Characters per second over the last `windowS` seconds of training slices ([seconds, chars] each). */
export function charsPerSecond(slices: readonly { seconds: number; chars: number }[], windowS = 10): number | null {
  let s = 0;
  let c = 0;
  for (let i = slices.length - 1; i >= 0 && s < windowS; i--) {
    s += slices[i].seconds;
    c += slices[i].chars;
  }
  return s > 0 ? c / s : null;
}

/**
 * The seconds a slice counts against the run's time: the wall time the page waited, but never
 * more than Python's own training time plus a little for the messages. A page the browser froze
 * or throttled while its tab was hidden waits long after Python finished; that wait is no training.
 */
export const countedSeconds = (wallS: number, pythonS: number): number => Math.min(wallS, pythonS + 1);

/** Seconds of training left in a run of `minutes`, after `trainedS` seconds. */
export const secondsLeft = (minutes: number, trainedS: number): number => Math.max(0, minutes * 60 - trainedS);

/** "4 min 05 s", "38 s", "1 h 02 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}

/** Perplexity from a loss in nats per character. */
export const perplexity = (nats: number): number => Math.exp(nats);

/**
 * Whether the validation curve says the model has started to overfit: the last `n` validation
 * losses each above the best so far while the training loss kept falling over the same stretch.
 */
export function overfitting(val: readonly [number, number][], train: readonly [number, number][], n = 2): boolean {
  if (val.length < n + 1) return false;
  const best = Math.min(...val.slice(0, val.length - n).map((p) => p[1]));
  const tail = val.slice(-n);
  if (!tail.every((p) => p[1] > best)) return false;
  const from = tail[0][0];
  const before = train.filter((p) => p[0] <= from).at(-1);
  const now = train.at(-1);
  return !!before && !!now && now[1] < before[1];
}
