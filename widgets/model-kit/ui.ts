/**
 * DOM pieces every model widget needs (see README.md beside this file):
 * `mountModelSlot` — a model picker filled from index.json, a progress bar
 * while the model downloads, and the widget's error box with a Retry button
 * when the list or the model fails to load; `unknownNote` — the sentence about
 * characters outside the vocabulary; `probabilityView` — bars and the same
 * numbers as a table. All text is set with textContent: nothing a reader or a
 * model writes is ever parsed as HTML.
 */
import { load, runText, type ModelMeta } from "../runtime/onnx/client.ts";
import { describeError, setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import { fetchModels, formatBytes, modelLabel, modelUrl, preferredModel, type ModelEntry } from "./models.ts";
import { describeUnknown, showChar, speakChar, type VocabCheck } from "./vocab.ts";
import css from "./kit.css" with { type: "text" };

let uid = 0;
/** A page-unique id prefix for labels and aria references. */
export const newId = (prefix: string): string => `${prefix}-${++uid}`;

/** Create an element with a class and text (never HTML). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, cls = "", text = ""): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

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

/** What mountModelSlot hands back. */
export interface ModelSlot {
  /** The picker and progress bar; already inserted at the top of `into`. */
  element: HTMLElement;
  /** Every model in index.json (after the filter). */
  models: ModelEntry[];
  /** The model picked, once loaded (null before, or after a failure). */
  current(): { entry: ModelEntry; meta: ModelMeta } | null;
  /** Stop reacting (the widget is unmounting). */
  destroy(): void;
}

/** Options of mountModelSlot. */
export interface SlotOptions {
  /** Corpora to prefer for the first model, in order (never model ids). */
  corpora?: readonly string[];
  /** Keep only some models (say, only those trained on one corpus). */
  filter?: (m: ModelEntry) => boolean;
  /** The picker's label. */
  label?: string;
  /** Called each time a picked model has loaded. */
  onReady(entry: ModelEntry, meta: ModelMeta): void;
  /** Called when the reader picks another model, before it loads (stop what uses the old one). */
  onSwitch?(): void;
}

/**
 * Fill `into` with a model picker and a progress bar, load the preferred
 * model and resolve once it is loaded (or has failed: the root is then in
 * `error` with Retry). Rejects only if index.json lists no usable model
 * after a successful fetch (the caller then shows its own "not trained yet").
 */
export async function mountModelSlot(root: HTMLElement, into: HTMLElement, opts: SlotOptions): Promise<ModelSlot | null> {
  adoptCss(css);
  let models: ModelEntry[];
  for (;;) {
    try {
      models = (await fetchModels()).filter(opts.filter ?? (() => true));
      break;
    } catch (err) {
      const retried = new Promise<void>((resolve) => showRetry(root, describeError(err), resolve));
      await retried;
      setState(root, "loading");
    }
  }
  if (models.length === 0) return null;
  const id = newId("rnn-kit");
  const element = h("div", "rnn-kit__slot");
  const label = h("label", "", opts.label ?? "Model");
  label.htmlFor = `${id}-model`;
  const select = h("select");
  select.id = `${id}-model`;
  select.dataset.role = "model";
  models.forEach((m, i) => {
    const option = h("option", "", modelLabel(m));
    option.value = String(i);
    select.append(option);
  });
  const progress = h("progress", "rnn-progress rnn-kit__progress");
  progress.max = 1;
  progress.value = 0;
  progress.hidden = true;
  progress.setAttribute("aria-label", "Model download");
  const status = h("span", "rnn-kit__status");
  status.setAttribute("aria-live", "polite");
  status.dataset.role = "load-status";
  element.append(label, " ", select, " ", status, progress);
  into.prepend(element);

  let live = true;
  let loaded: { entry: ModelEntry; meta: ModelMeta } | null = null;
  let generation = 0;
  const first = preferredModel(models, opts.corpora ?? []);
  select.value = String(Math.max(0, models.indexOf(first!)));

  async function loadPicked(): Promise<void> {
    const mine = ++generation;
    const entry = models[Number(select.value)];
    loaded = null;
    delete root.dataset.model;
    setState(root, "loading");
    progress.hidden = false;
    progress.value = 0;
    status.textContent = `Downloading the model (${formatBytes(entry.bytes)})…`;
    try {
      const meta = await load(modelUrl(entry), {
        onProgress: (p) => {
          if (mine === generation && p.total) progress.value = p.loaded / p.total;
        },
      });
      if (!live || mine !== generation) return;
      progress.hidden = true;
      status.textContent = `Model ${entry.id} loaded.`;
      loaded = { entry, meta };
      root.dataset.model = entry.id;
      setState(root, "ready");
      opts.onReady(entry, meta);
    } catch (err) {
      if (!live || mine !== generation) return;
      progress.hidden = true;
      status.textContent = "";
      showRetry(root, describeError(err), () => void loadPicked());
    }
  }
  select.addEventListener("change", () => {
    opts.onSwitch?.();
    void loadPicked();
  });
  await loadPicked();
  return {
    element,
    models,
    current: () => loaded,
    destroy: () => {
      live = false;
    },
  };
}

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
 * Horizontal bars (hidden from screen readers) plus the same numbers in a
 * table (the accessible view, and what tests read: `data-char`, `data-p`).
 */
export function probabilityView(caption: string, series: string[]): { element: HTMLElement; show(rows: ProbRow[], series?: string[]): void } {
  const element = h("div", "rnn-kit__probs");
  const chart = h("div", "rnn-kit__bars");
  chart.setAttribute("aria-hidden", "true");
  const table = h("table", "rnn-kit__table");
  const cap = h("caption", "", caption);
  const head = h("thead");
  const body = h("tbody");
  table.append(cap, head, body);
  element.append(chart, table);
  let names = series;
  return {
    element,
    show(rows, newSeries) {
      names = newSeries ?? names;
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
