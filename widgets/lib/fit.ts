/**
 * Charts drawn at the width they are shown at. An SVG scaled to its box
 * scales its text with it: a chart drawn 480 units wide and shown 330 px wide
 * turns 12 px labels into 8 px ones, and smaller still on a phone. A widget
 * that draws each chart `width()` units wide (viewBox "0 0 width height",
 * text sized in CSS px) shows its text at the size its CSS gives, and
 * `onChange` redraws it when the box's width changes (a phone turned, a
 * sidebar opened). Pass the mount's `signal` and the watch ends with the mount.
 */

export interface WidthWatch {
  /** The box's width now in CSS px, rounded, within [min, max]; `fallback` while it has no layout (inside a closed <details>). */
  width(): number;
  /** Stop watching. */
  stop(): void;
}

export interface WidthOptions {
  /** Narrowest drawing (default 240): below it the chart shrinks rather than crams its labels. */
  min?: number;
  /** Widest drawing (default 800): above it the chart grows, text and all. */
  max?: number;
  /** The width used while the box is not laid out (default 560). */
  fallback?: number;
  /** Stop watching when this aborts (the widget's mount signal). */
  signal?: AbortSignal;
}

/** Watch `box`'s width; `onChange(width)` runs when it has changed by 8 px or more since the last width() read. */
export function watchWidth(box: HTMLElement, onChange: (width: number) => void, opts: WidthOptions = {}): WidthWatch {
  const { min = 240, max = 800, fallback = 560, signal } = opts;
  let seen = -1;
  const width = (): number => {
    seen = box.clientWidth;
    return seen > 0 ? Math.round(Math.min(max, Math.max(min, seen))) : fallback;
  };
  const observer = new ResizeObserver(() => {
    if (Math.abs(box.clientWidth - seen) >= 8) onChange(width());
  });
  observer.observe(box);
  const stop = () => observer.disconnect();
  signal?.addEventListener("abort", stop, { once: true });
  return { width, stop };
}

/**
 * Which of a row of centred labels to draw so that none overlaps the next:
 * from the left, each label whose left edge is at least `pad` past the last
 * kept one's right edge; the last label always (kept ones it would overlap
 * are dropped). `xs` are the labels' centres, `widths` their widths, in the
 * same units. Returns the kept indices in order.
 */
export function spacedLabels(xs: readonly number[], widths: readonly number[], pad = 6): number[] {
  const left = (i: number) => xs[i] - widths[i] / 2;
  const right = (i: number) => xs[i] + widths[i] / 2;
  const kept: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (kept.length === 0 || left(i) >= right(kept[kept.length - 1]) + pad) kept.push(i);
  }
  const last = xs.length - 1;
  if (last > 0 && kept[kept.length - 1] !== last) {
    while (kept.length && right(kept[kept.length - 1]) + pad > left(last)) kept.pop();
    kept.push(last);
  }
  return kept;
}

/** About how wide a label of `text` is at `px` px (digits and lower case run about 0.6 em). */
export const labelWidth = (text: string, px = 12): number => Array.from(text).length * px * 0.62;
