/**
 * DOM pieces shared by Module 8's model widgets: the loader of the word models (all of them, or the
 * cells a widget names, with a progress bar and a status line), the key to the cells' colours, and
 * a table cell. Text is always set as text.
 */
import { loadWordModel, type WordLmMeta } from "../runtime/onnx/client.ts";
import { h } from "../lib/dom.ts";
import { adoptCss } from "../lib/style.ts";
import { formatBytes } from "../model-kit/models.ts";
import { CELL_NAMES, wordModelUrl, type WordModelEntry } from "./models.ts";
import type { Tasks } from "./grammar.ts";
import css from "./word-models.css" with { type: "text" };

export interface LoadedWordModel {
  entry: WordModelEntry;
  url: string;
  meta: WordLmMeta;
}

export function useWordModelCss(): void {
  adoptCss(css);
}

/** Loads `entries` one after another, reporting in `status` and `progress`; resolves with them loaded. */
export async function loadAll(entries: readonly WordModelEntry[], status: HTMLElement, progress: HTMLProgressElement): Promise<LoadedWordModel[]> {
  const total = entries.reduce((s, e) => s + e.bytes, 0);
  let done = 0;
  const out: LoadedWordModel[] = [];
  progress.hidden = false;
  progress.value = 0;
  try {
    for (const entry of entries) {
      status.textContent = `Downloading the ${CELL_NAMES[entry.cell]} (${formatBytes(entry.bytes)}; ${formatBytes(total)} for all ${entries.length})…`;
      const url = wordModelUrl(entry);
      const meta = await loadWordModel(url, { onProgress: (p) => { progress.value = total ? (done + (p.total ? p.loaded : 0)) / total : 0; } });
      done += entry.bytes;
      out.push({ entry, url, meta });
    }
    status.textContent = `Loaded ${entries.length === 1 ? "1 model" : `${entries.length} models`} (${formatBytes(total)}).`;
    return out;
  } finally {
    progress.hidden = true;
  }
}

/** The word lists of the tasks (meta.json `tasks`), or an error naming the model. */
export function tasksOf(meta: WordLmMeta): Tasks {
  const t = meta.raw.tasks as Tasks | undefined;
  if (!t || !t.agreement || !t.brackets) throw new Error(`The model ${meta.id} does not describe its tasks (meta.json "tasks"); rebuild it with build_models.stress.`);
  return t;
}

/** A key: one swatch and name per model (dashed ones for `dashed` names). */
export function cellKey(entries: readonly WordModelEntry[], dashedNote?: string): HTMLElement {
  const key = h("ul", "rnn-wm__key", undefined, { "aria-label": "Key to the chart" });
  for (const e of entries) {
    key.append(h("li", `rnn-wm__cell--${e.cell}`, [h("span", "rnn-wm__swatch", undefined, { "aria-hidden": "true" }),
      `${CELL_NAMES[e.cell]} (${e.parameters.toLocaleString("en")} parameters)`], { "data-cell": e.cell }));
  }
  if (dashedNote) key.append(h("li", "", dashedNote));
  return key;
}

export const numCell = (text: string): HTMLTableCellElement => h("td", "rnn-wm__num", text);

/** A header cell naming a model, with its colour swatch. */
export function modelHeader(e: WordModelEntry): HTMLTableCellElement {
  return h("th", `rnn-wm__cell--${e.cell}`, [h("span", "rnn-wm__swatch", undefined, { "aria-hidden": "true" }), CELL_NAMES[e.cell]], { scope: "row" });
}
