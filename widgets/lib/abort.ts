/**
 * Work tied to a mount's lifetime. The registry aborts a widget's `signal` when the reader leaves
 * the page; timers and observers do not take a signal themselves, so these helpers stop them on
 * abort, and a widget keeps no list of things to undo.
 */

/** Run `fn` once when `signal` aborts (at once if it already has). */
export function onAbort(signal: AbortSignal, fn: () => void): void {
  if (signal.aborted) fn();
  else signal.addEventListener("abort", fn, { once: true });
}

/** `fn` every `ms` until `signal` aborts or the returned stop is called. */
export function interval(fn: () => void, ms: number, signal: AbortSignal): () => void {
  const id = setInterval(fn, ms);
  const stop = () => clearInterval(id);
  onAbort(signal, stop);
  return stop;
}

/** `fn` once after `ms`, unless `signal` aborts first or the returned stop is called. */
export function timeout(fn: () => void, ms: number, signal: AbortSignal): () => void {
  const id = setTimeout(fn, ms);
  const stop = () => clearTimeout(id);
  onAbort(signal, stop);
  return stop;
}
