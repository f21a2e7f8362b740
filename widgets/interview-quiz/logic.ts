/**
 * Interview self-quiz, the part without DOM: what is saved and the sentences
 * shown. The answers themselves are the page's `??? question` blocks.
 */

/** "quiz": answers hidden until opened one by one; "read": all open. */
export type Mode = "quiz" | "read";

export interface Saved {
  mode: Mode;
  /** Indexes of the answers the reader opened in quiz mode. */
  revealed: number[];
}

/** Saved state as read back from storage, with anything malformed dropped. */
export function asSaved(raw: unknown, count: number): Saved {
  const r = (raw ?? {}) as Partial<Saved>;
  const mode: Mode = r.mode === "read" ? "read" : "quiz";
  const revealed = Array.isArray(r.revealed)
    ? [...new Set(r.revealed.filter((i) => Number.isInteger(i) && i >= 0 && i < count))].sort((a, b) => a - b)
    : [];
  return { mode, revealed };
}

/** The progress line under the controls. */
export function progress(s: Saved, count: number): string {
  if (s.mode === "read") return `Reading mode: all ${count} answers are shown.`;
  const k = s.revealed.length;
  return `Self-quiz mode: ${k} of ${count} answers opened. Answer out loud first, then open one to compare.`;
}
