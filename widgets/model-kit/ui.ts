/**
 * Small DOM pieces of the model widgets (see README.md beside this file; the
 * model picker is in loader.ts): `h`, `showRetry` (the widget's
 * error box with a Retry button), `unknownNote` (the sentence about
 * characters outside the vocabulary), `probabilityView` (bars with a key to
 * their colours, and the same numbers as a table), and `nextLogits`. All
 * text is set with textContent: nothing a reader or a model writes is ever
 * parsed as HTML.
 */
import { runText, type ModelMeta } from "../runtime/onnx/client.ts";
import { h } from "../lib/dom.ts";
import { describeError, setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import { fetchModels, modelUrl, type ModelEntry } from "./models.ts";
import { describeUnknown, showChar, speakChar, type VocabCheck } from "./vocab.ts";
import css from "./kit.css" with { type: "text" };


/** Create an element with a class and text (never HTML). */
export { h };

/** Put the widget into `error` with `message` and a Retry button that calls `retry`. */
export function showRetry(root: HTMLElement, message: string, retry: () => void): void {
  setState(root, "error", message);
  const box = root.querySelector<HTMLElement>(":scope > .rnn-widget__error");
  if (!box) return;
  const button = h("button", "rnn-kit__retry", "Retry");
  button.type = "button";
  button.dataset.action = "retry";
  button.addEventListener("click", retry, { once: true });
  box.append(" ", button);
}

/**
 * `load()` tried until it works: after a failure `root` shows the reason with Retry, and the next
 * try waits for the reader to press it. Resolves with `empty` if the reader leaves meanwhile (the
 * caller checks the signal).
 */
export async function withRetry<T>(root: HTMLElement, signal: AbortSignal, load: () => Promise<T>, empty: T): Promise<T> {
  for (;;) {
    try {
      return await load();
    } catch (err) {
      if (signal.aborted) return empty;
      await new Promise<void>((resolve) => {
        showRetry(root, describeError(err), resolve);
        signal.addEventListener("abort", () => resolve(), { once: true });
      });
      if (signal.aborted) return empty;
      setState(root, "loading");
    }
  }
}

/** The models `keep` accepts (all by default), fetched until that works (withRetry). */
export const fetchModelsWithRetry = (root: HTMLElement, signal: AbortSignal, keep?: (m: ModelEntry) => boolean, opts: { own?: boolean } = {}): Promise<ModelEntry[]> =>
  withRetry(root, signal, () => fetchModels(keep, opts), []);

/**
 * The logits [V] for the character after `text` (every character of which the
 * model knows: pass a VocabCheck's `fed`). Rejects with code "cancelled" when
 * `signal` aborts.
 */
export async function nextLogits(entry: ModelEntry, meta: ModelMeta, text: string, signal?: AbortSignal): Promise<Float32Array> {
  const run = await runText(modelUrl(entry), text, { outputs: ["logits"], signal });
  return run.logits!.subarray(run.logits!.length - meta.vocab.length);
}

/** A live region that says which characters of the reader's text the model cannot read. */
export function unknownNote(): { element: HTMLElement; show(check: VocabCheck | null): void } {
  adoptCss(css);
  const element = h("p", "rnn-kit__unknown");
  element.dataset.role = "unknown";
  element.setAttribute("aria-live", "polite");
  return {
    element,
    show(check) {
      const n = check?.unknown.length ?? 0;
      element.dataset.count = String(n);
      element.textContent = check ? describeUnknown(check) : "";
      element.hidden = n === 0;
    },
  };
}

/** One row of a probability view. */
export interface ProbRow {
  char: string;
  /** One value per series (e.g. one per temperature). */
  values: number[];
}

/**
 * Horizontal bars with a key to their colours (both hidden from screen
 * readers) plus the same numbers in a table (the accessible view, and what
 * tests read: `data-char`, `data-p`). The key (`[data-role="key"]`, one
 * `[data-series="i"]` per series with its swatch) shows when there are
 * several series; it names each colour by `key` (default: the series names).
 */
export function probabilityView(caption: string, series: string[]): {
  element: HTMLElement;
  show(rows: ProbRow[], series?: string[], key?: string[]): void;
} {
  adoptCss(css);
  const element = h("div", "rnn-kit__probs");
  const visual = h("div", "rnn-kit__visual");
  visual.setAttribute("aria-hidden", "true");
  const keyBox = h("p", "rnn-kit__legend rnn-kit__key");
  keyBox.dataset.role = "key";
  keyBox.hidden = true;
  const chart = h("div", "rnn-kit__bars");
  visual.append(keyBox, chart);
  const table = h("table", "rnn-kit__table");
  const cap = h("caption", "", caption);
  const head = h("thead");
  const body = h("tbody");
  table.append(cap, head, body);
  element.append(visual, table);
  let names = series;
  return {
    element,
    show(rows, newSeries, key) {
      names = newSeries ?? names;
      const keyNames = key ?? names;
      keyBox.hidden = keyNames.length < 2;
      keyBox.replaceChildren(
        h("span", "rnn-kit__key-title", "Bars:"),
        ...keyNames.map((name, i) => {
          const item = h("span", "rnn-kit__key-item");
          item.dataset.series = String(i);
          item.append(h("span", `rnn-kit__swatch rnn-kit__swatch--${i}`), name);
          return item;
        }),
      );
      const hr = h("tr");
      hr.append(Object.assign(h("th", "", "Next character"), { scope: "col" }));
      for (const s of names) hr.append(Object.assign(h("th", "", s), { scope: "col" }));
      head.replaceChildren(hr);
      body.replaceChildren(
        ...rows.map((r) => {
          const tr = h("tr");
          tr.dataset.char = r.char;
          const th = Object.assign(h("th", "", speakChar(r.char)), { scope: "row" });
          tr.append(th, ...r.values.map((v, i) => Object.assign(h("td", "", v.toFixed(3)), { title: names[i] })));
          r.values.forEach((v, i) => (tr.dataset[`p${i}`] = String(v)));
          return tr;
        }),
      );
      chart.replaceChildren(
        ...rows.map((r) => {
          const line = h("div", "rnn-kit__bar-row");
          line.append(h("span", "rnn-kit__bar-char", showChar(r.char)));
          const bars = h("span", "rnn-kit__bar-group");
          r.values.forEach((v, i) => {
            const bar = h("span", `rnn-kit__bar rnn-kit__bar--${i}`);
            bar.style.width = `${(Math.max(0, Math.min(1, v)) * 100).toFixed(1)}%`;
            bars.append(bar);
          });
          line.append(bars);
          return line;
        }),
      );
    },
  };
}

