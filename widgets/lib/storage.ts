/**
 * localStorage that never throws: storage can be full, denied (privacy modes,
 * sandboxed frames) or absent. Writers learn whether the value was kept so a
 * widget can tell the reader, and nothing the reader typed is lost silently.
 */
const PREFIX = "rnn-course:";

export type SaveResult = { ok: true } | { ok: false; reason: string };

/** Read a JSON value saved under `key`, or `fallback` when absent or unreadable. */
export function load<T>(key: string, fallback: T): T {
  try {
    const raw = window.localStorage.getItem(PREFIX + key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

/** Save a JSON value under `key`; says why not when the browser refuses. */
export function save(key: string, value: unknown): SaveResult {
  try {
    window.localStorage.setItem(PREFIX + key, JSON.stringify(value));
    return { ok: true };
  } catch (err) {
    const full = err instanceof DOMException && (err.name === "QuotaExceededError" || err.code === 22);
    return {
      ok: false,
      reason: full
        ? "Your browser's storage for this site is full, so this was not saved. Copy your work somewhere safe."
        : "Your browser does not allow this site to save, so this will be lost on reload. Copy your work somewhere safe.",
    };
  }
}

/** Remove the value saved under `key` (no error if storage is unavailable). */
export function remove(key: string): void {
  try {
    window.localStorage.removeItem(PREFIX + key);
  } catch {
    /* nothing was stored, so nothing is lost */
  }
}

/**
 * Save and tell the reader in `note` when the browser refused (the note is emptied when it did
 * not), so no widget forgets to say that work will be lost. Returns whether the value was kept.
 */
export function saveAndSay(key: string, value: unknown, note: HTMLElement): boolean {
  const result = save(key, value);
  note.textContent = result.ok ? "" : result.reason;
  return result.ok;
}

/**
 * Answers read back from storage, kept only where the question exists and the answer is one of its
 * choices (the flowchart's and the build-vs-buy aid's saved state): an edited or outdated entry is dropped.
 */
export function knownAnswers<A extends Record<string, string>>(
  raw: unknown, questions: readonly { id: string; choices: readonly { id: string }[] }[],
): A {
  const out: Record<string, string> = {};
  if (!raw || typeof raw !== "object") return out as A;
  for (const q of questions) {
    const v = (raw as Record<string, unknown>)[q.id];
    if (typeof v === "string" && q.choices.some((c) => c.id === v)) out[q.id] = v;
  }
  return out as A;
}
