/**
 * Speed Round without the DOM: draw a round, check an answer, say what the
 * clock should announce, and keep the "RNN Ninja" badge record.
 *
 * The RNN is scalar, h_t = tanh(w_hh·h_{t-1} + w_xh·x_t + b) from h_0 = 0,
 * with one-decimal weights and whole-number inputs: one multiply-add and one
 * tanh per step, about 15 seconds each with a calculator, so five steps fit
 * in two minutes with room to spare for checking.
 */
import { oneDecimal } from "../lib/rnn.ts";
import { mulberry32 } from "../lib/random.ts";

export const STEPS = 5;
export const LIMIT_MS = 120_000;
export const TOLERANCE = 0.01;
/** Seconds left at which the clock speaks (not every second: that would drown the reader). */
export const ANNOUNCE_AT_S = [60, 30, 10];

export interface Round {
  whh: number;
  wxh: number;
  b: number;
  xs: number[];
}

/** The badge as kept in localStorage. */
export interface Badge {
  bestMs: number;
  earnedAt: string;
}

const step = (r: Round, hPrev: number, x: number) => Math.tanh(r.whh * hPrev + r.wxh * x + r.b);

/** The true states h_1 … h_5. */
export function trueStates(r: Round): number[] {
  const hs: number[] = [];
  let h = 0;
  for (const x of r.xs) hs.push((h = step(r, h, x)));
  return hs;
}

/**
 * Draw a round from `seed`. Pre-activations stay between 0.2 and 2 in size,
 * so every step needs tanh (it moves the value by more than the tolerance)
 * and no answer is a flat ±1 that could be guessed.
 */
export function makeRound(seed: number): Round {
  const rand = mulberry32(seed);
  for (;;) {
    const r: Round = {
      whh: oneDecimal(rand, -0.9, 0.9),
      wxh: oneDecimal(rand, -1, 1),
      b: oneDecimal(rand, -0.3, 0.3),
      xs: Array.from({ length: STEPS }, () => Math.floor(rand() * 4) - 1), // -1, 0, 1 or 2
    };
    let h = 0;
    const ok = r.xs.every((x) => {
      const pre = r.whh * h + r.wxh * x + r.b;
      h = Math.tanh(pre);
      return Math.abs(pre) >= 0.2 && Math.abs(pre) <= 2;
    });
    if (ok && Math.abs(r.whh) >= 0.3) return r;
  }
}

/**
 * Is `value` right for step `t` (0-based)? Right means within the tolerance
 * of the true h_t, or of the step applied to the reader's own accepted
 * h_{t-1}: a reader who rounds each answer before using it is not punished
 * for the rounding carried forward.
 */
export function isRight(r: Round, t: number, value: number | null, previous: number | null): boolean {
  if (value === null || !Number.isFinite(value)) return false;
  const near = (v: number) => Math.abs(value - v) <= TOLERANCE + 1e-9;
  if (near(trueStates(r)[t])) return true;
  const hPrev = t === 0 ? 0 : previous;
  return hPrev !== null && near(step(r, hPrev, r.xs[t]));
}

/** "1:05" for 65,000 ms, rounding up so the clock reads 0:00 only when time is up. */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** "1:05" for an elapsed 65,400 ms (elapsed times round down, as stopwatches do). */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/**
 * The threshold to announce now that `remainingMs` are left, or null; marks
 * it in `said`. If a throttled tab skipped past several thresholds, only the
 * latest is said (hearing "one minute left" at 25 s would mislead).
 */
export function dueAnnouncement(remainingMs: number, said: Set<number>): number | null {
  const crossed = ANNOUNCE_AT_S.filter((s) => remainingMs <= s * 1000 && remainingMs > 0 && !said.has(s));
  for (const s of crossed) said.add(s);
  return crossed.length > 0 ? Math.min(...crossed) : null;
}

/** The sentence for a threshold: 60 → "One minute left." */
export function announcementText(s: number): string {
  return s === 60 ? "One minute left." : `${s} seconds left.`;
}

/** The record after a win in `elapsedMs`: the best time is kept. */
export function updateBadge(old: Badge | null, elapsedMs: number, now: Date): Badge {
  if (old && old.bestMs <= elapsedMs) return old;
  return { bestMs: elapsedMs, earnedAt: old?.earnedAt ?? now.toISOString() };
}

/** A stored value that really is a badge (storage is user-editable and may hold junk). */
export function asBadge(v: unknown): Badge | null {
  const b = v as Badge | null;
  return b && typeof b.bestMs === "number" && b.bestMs >= 0 && typeof b.earnedAt === "string" ? b : null;
}
