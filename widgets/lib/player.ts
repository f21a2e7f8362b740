/**
 * Play/Pause over the steps 0..last of a step-through diagram: Play advances
 * one step every `ms` and stops on the last step (from the last, it starts
 * over at 0); Previous/Next (`go`) stop playing first.
 */
export interface Player {
  readonly playing: boolean;
  /** Stop the timer (no repaint). */
  stop(): void;
  /** Stop, move by `delta` steps (clamped to 0..last), repaint. */
  go(delta: number): void;
  /** Play, or pause when playing; repaints. */
  toggle(): void;
}

export function player(o: {
  get: () => number;
  set: (step: number) => void;
  last: () => number;
  ms: number;
  paint: () => void;
  /** Stops playing for good when this aborts (the widget's mount signal). */
  signal?: AbortSignal;
}): Player {
  let timer: number | undefined;
  const clamp = (i: number) => Math.min(o.last(), Math.max(0, i));
  const stop = () => {
    window.clearInterval(timer);
    timer = undefined;
  };
  o.signal?.addEventListener("abort", stop, { once: true });
  return {
    get playing() {
      return timer !== undefined;
    },
    stop,
    go(delta) {
      stop();
      o.set(clamp(o.get() + delta));
      o.paint();
    },
    toggle() {
      if (timer !== undefined) {
        stop();
        o.paint();
        return;
      }
      if (o.signal?.aborted) return;
      if (o.get() >= o.last()) o.set(0);
      timer = window.setInterval(() => {
        o.set(clamp(o.get() + 1));
        if (o.get() === o.last()) stop();
        o.paint();
      }, o.ms);
      o.paint();
    },
  };
}
