/** The data-state contract of DESIGN.md: every widget root says what it is doing. */
export type WidgetState = "loading" | "ready" | "running" | "error";

/**
 * Set a widget root's `data-state`. In `error` the root shows `message`, a
 * sentence a reader understands (what failed, what to do), in an alert region.
 */
export function setState(el: HTMLElement, state: WidgetState, message?: string): void {
  el.dataset.state = state;
  el.setAttribute("aria-busy", String(state === "loading"));
  let box = el.querySelector<HTMLElement>(":scope > .rnn-widget__error");
  if (state !== "error") {
    box?.remove();
    return;
  }
  if (!box) {
    box = document.createElement("p");
    box.className = "rnn-widget__error";
    box.setAttribute("role", "alert");
    el.prepend(box);
  }
  box.textContent = message ?? "This part of the page failed to start. Reload the page to try again.";
}

/** A readable sentence for an unknown thrown value (never a bare stack trace). */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
