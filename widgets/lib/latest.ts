/**
 * The latest of a widget's requests wins: `next()` aborts the signal of the previous request and
 * returns a fresh one, so a slider dragged across ten values leaves one model run going, not ten.
 * The signals also abort when `parent` (the registry's mount signal) does.
 *
 *   const runs = latest(signal);
 *   input.addEventListener("input", async () => {
 *     const s = runs.next();
 *     const r = await runText(url, text, { signal: s });
 *     if (s.aborted) return;  // a newer request or the unmount took over
 *     draw(r);
 *   }, { signal });
 */
export interface Latest {
  /** Abort the previous request's signal and return a new one. */
  next(): AbortSignal;
  /** Abort the current request, if any, without starting another (a Stop button). */
  cancel(): void;
}

export function latest(parent?: AbortSignal): Latest {
  let current: AbortController | null = null;
  const cancel = () => {
    current?.abort();
    current = null;
  };
  parent?.addEventListener("abort", cancel, { once: true });
  return {
    next() {
      cancel();
      const c = new AbortController();
      if (parent?.aborted) c.abort();
      current = c;
      return c.signal;
    },
    cancel,
  };
}
