/**
 * Spaced-repetition bookkeeping for self-rated review questions, apart from
 * the DOM. A rating schedules the next review: a missed question comes back
 * tomorrow, a partly recalled one in three days, a recalled one in a week
 * (the first steps of the usual expanding intervals).
 */

export type Rating = "got" | "partly" | "missed";

export const RATINGS: readonly { rating: Rating; label: string }[] = [
  { rating: "got", label: "Got it" },
  { rating: "partly", label: "Partly" },
  { rating: "missed", label: "Missed" },
];

const DAY_MS = 86_400_000;
export const INTERVAL_DAYS: Record<Rating, number> = { missed: 1, partly: 3, got: 7 };

/** One question's last rating and when it was given (ms since epoch). */
export interface Entry {
  rating: Rating;
  at: number;
}

/** Question key → its last rating. */
export type Ratings = Record<string, Entry>;

/** A stable key for a question: its prompt text, whitespace collapsed (survives reordering). */
export function questionKey(prompt: string): string {
  return prompt.replace(/\s+/g, " ").trim();
}

/** When the question is due again (ms since epoch). */
export function dueAt(e: Entry): number {
  return e.at + INTERVAL_DAYS[e.rating] * DAY_MS;
}

/** Saved ratings, keeping only well-formed entries. */
export function restoreRatings(saved: unknown): Ratings {
  const out: Ratings = {};
  if (typeof saved !== "object" || saved === null) return out;
  for (const [k, v] of Object.entries(saved as Record<string, unknown>)) {
    const e = v as Partial<Entry>;
    if (e && (e.rating === "got" || e.rating === "partly" || e.rating === "missed") && typeof e.at === "number") out[k] = { rating: e.rating, at: e.at };
  }
  return out;
}

/** Counts per rating over the given questions, and how many are unrated. */
export function tally(keys: string[], ratings: Ratings): Record<Rating | "unrated", number> {
  const t = { got: 0, partly: 0, missed: 0, unrated: 0 };
  for (const k of keys) t[ratings[k]?.rating ?? "unrated"]++;
  return t;
}

/** The questions to review now: rated ones whose due time has come, missed first. */
export function dueNow(keys: string[], ratings: Ratings, now: number): string[] {
  const order: Record<Rating, number> = { missed: 0, partly: 1, got: 2 };
  return keys
    .filter((k) => ratings[k] && dueAt(ratings[k]) <= now)
    .sort((a, b) => order[ratings[a].rating] - order[ratings[b].rating]);
}

/** "tomorrow", "in 3 days", "now" — when a rated question comes back. */
export function dueText(e: Entry, now: number): string {
  const days = Math.ceil((dueAt(e) - now) / DAY_MS);
  if (days <= 0) return "due now";
  return days === 1 ? "review again tomorrow" : `review again in ${days} days`;
}
