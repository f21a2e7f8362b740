/**
 * DOM pieces of the translator widgets: the loader of the attention translator (fetched only when
 * the reader first acts, with a progress bar, and Retry after a failure), the sentence form with
 * its example buttons, the notes on what the runtime did to the text, and the alignment table
 * (source words × French words, every cell a number, row headers are buttons that pick a French
 * word). Text is always set as text: a reader's emoji or HTML is shown, never parsed.
 *
 * Hooks for tests: the root's `data-model` (the translator's id, once loaded); the table
 * `table[data-role="alignment"]`, its cells `td[data-t][data-s]` with `data-value` (the weight),
 * its row buttons `button[data-out="t"]` (`aria-pressed`), column heads `th[data-src="s"]`
 * (`data-lit` on the picked row's heaviest words, `data-top` on its argmax); `[data-role="notes"]`.
 */
import { loadTranslator, type TranslateResult, type TranslatorMeta } from "../runtime/onnx/client.ts";
import { h } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import { percent } from "../lib/numbers.ts";
import { describeError, setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import { showRetry } from "../model-kit/ui.ts";
import { formatBytes } from "../model-kit/models.ts";
import { argmax, attentionRows, heat, inputNotes, topSources, type Alignment } from "./alignment.ts";
import { fetchTranslators, mainPair, translatorUrl, type TranslatorEntry } from "./translators.ts";
import css from "./live.css" with { type: "text" };

/** The attention translator, loaded. */
export interface Live {
  entry: TranslatorEntry;
  url: string;
  meta: TranslatorMeta;
}

/**
 * The attention translator of translators.json (mainPair's), loaded on the first `get()` with a
 * progress bar and a status line (`element`, for the widget to place); later calls reuse it.
 * Rejects as the runtime does (the widget then calls `fail`).
 */
export function translatorLoader(root: HTMLElement): { element: HTMLElement; get(): Promise<Live>; fail(err: unknown, retry: () => void): void } {
  adoptCss(css);
  const status = h("span", "rnn-tk__status", "", { "data-role": "load-status", "aria-live": "polite" });
  const progress = h("progress", "rnn-progress rnn-tk__progress", undefined, { "aria-label": "Translator download", max: "1", value: "0" });
  progress.hidden = true;
  const element = h("div", "rnn-tk__loader", [status, progress]);
  let ready: Live | null = null;
  return {
    element,
    async get() {
      if (ready) return ready;
      status.textContent = "Finding the translator…";
      const entry = mainPair(await fetchTranslators()).attention;
      if (!entry) throw new Error("This build of the site has no translator with attention (build_models.translate, then make site).");
      const url = translatorUrl(entry);
      status.textContent = `Downloading the translator (${formatBytes(entry.bytes)})…`;
      progress.hidden = false;
      progress.value = 0;
      try {
        const meta = await loadTranslator(url, { onProgress: (p) => { if (p.total) progress.value = p.loaded / p.total; } });
        ready = { entry, url, meta };
        root.dataset.model = entry.id;
        status.textContent = `Translator loaded: ${entry.id}, ${formatBytes(entry.bytes)}.`;
        return ready;
      } finally {
        progress.hidden = true;
      }
    },
    fail(err, retry) {
      status.textContent = "";
      progress.hidden = true;
      showRetry(root, `${describeError(err)}`, () => {
        setState(root, "ready");
        retry();
      });
    },
  };
}

/**
 * What a translator widget does when a translation fails: nothing if the request was cancelled
 * (a newer one, or the reader left), the runtime's sentence for input it cannot translate (the
 * widget stays ready), else the loader's error with Retry.
 */
export function showFailure(err: unknown, signal: AbortSignal, ui: { el: HTMLElement; said: HTMLElement; fail(err: unknown, retry: () => void): void; retry(): void }): void {
  if (isCancel(err, signal)) return;
  if ((err as { code?: string }).code === "invalid-request") {
    ui.said.textContent = (err as Error).message;
    setState(ui.el, "ready");
    return;
  }
  ui.said.textContent = "";
  ui.fail(err, ui.retry);
}

/** A cancelled request (the reader asked again, or left): no failure to show. */
export const isCancel = (err: unknown, signal: AbortSignal): boolean =>
  signal.aborted || (typeof err === "object" && err !== null && (err as { code?: string }).code === "cancelled");

/** The sentence form: a labelled text field, the action button and one button per example. */
export function sentenceForm(opts: { label: string; action: string; examples: readonly string[]; start?: string; onSubmit(text: string): void; signal: AbortSignal }): {
  element: HTMLFormElement; input: HTMLInputElement; button: HTMLButtonElement;
} {
  adoptCss(css);
  const id = uniqueId("rnn-tk");
  const input = h("input", "rnn-tk__input", undefined, { id, type: "text", autocomplete: "off", spellcheck: "false", "data-role": "sentence" });
  input.value = opts.start ?? opts.examples[0] ?? "";
  const button = h("button", "rnn-primary", opts.action, { type: "submit", "data-action": "translate" });
  const examples = h("p", "rnn-tk__examples", [h("span", "", "Examples: ")]);
  for (const ex of opts.examples) {
    const b = h("button", "rnn-tk__example", ex, { type: "button", "data-example": ex });
    b.addEventListener("click", () => {
      input.value = ex;
      opts.onSubmit(ex);
    }, { signal: opts.signal });
    examples.append(b, " ");
  }
  const element = h("form", "rnn-tk__form", [
    h("p", "rnn-tk__row", [h("label", "", opts.label, { for: id }), input, button]),
    examples,
  ]);
  element.addEventListener("submit", (e) => {
    e.preventDefault();
    opts.onSubmit(input.value);
  }, { signal: opts.signal });
  return { element, input, button };
}

/** The notes on the reader's text (cut, unknown words), or nothing. */
export function notesBox(): { element: HTMLElement; show(r: Pick<TranslateResult, "sourceWords" | "unknown" | "truncated"> | null): void } {
  const element = h("div", "rnn-tk__notes", undefined, { "data-role": "notes", "aria-live": "polite" });
  return {
    element,
    show(r) {
      element.replaceChildren(...(r ? inputNotes(r).map((n) => h("p", "rnn-tk__note", n)) : []));
    },
  };
}

/**
 * The alignment table: one column per source word, one row per French word (its header a button
 * that picks the row), each cell the weight as a percentage on its heat colour; `focus` (one
 * source position per row) marks the position a hard attention step used.
 */
export function alignmentTable(a: Alignment, opts: { caption: string; picked?: number; focus?: readonly number[]; onPick?(t: number): void; signal?: AbortSignal }): HTMLTableElement {
  adoptCss(css);
  const rows = attentionRows(a);
  const head = h("tr", "", [h("th", "rnn-tk__corner", "French ↓ / English →", { scope: "col" })]);
  a.sourceWords.forEach((w, s) => head.append(h("th", "rnn-tk__src", w, { scope: "col", "data-src": String(s) })));
  const body = h("tbody");
  rows.forEach((row, t) => {
    const button = h("button", "rnn-tk__out", a.words[t], { type: "button", "data-out": String(t), "aria-pressed": String(t === opts.picked) });
    if (opts.onPick) {
      const pick = () => opts.onPick!(t);
      button.addEventListener("click", pick, { signal: opts.signal });
      button.addEventListener("focus", pick, { signal: opts.signal });
    }
    const tr = h("tr", t === opts.picked ? "rnn-tk__picked" : "", [h("th", "", [button], { scope: "row" })]);
    row.forEach((w, s) => {
      const colours = heat(w);
      const focused = opts.focus?.[t] === s;
      const td = h("td", focused ? "rnn-tk__cell rnn-tk__cell--focus" : "rnn-tk__cell", percent(w), {
        "data-t": String(t), "data-s": String(s), "data-value": String(w),
      });
      if (focused) {
        td.dataset.focus = "true";
        td.append(h("span", "rnn-sr-only", " (the position hard attention used)"));
        td.prepend(h("span", "rnn-tk__mark", "◆ ", { "aria-hidden": "true" }));
      }
      td.style.backgroundColor = colours.background;
      td.style.color = colours.color;
      tr.append(td);
    });
    body.append(tr);
  });
  const table = h("table", "rnn-tk__table", [h("caption", "", opts.caption), h("thead", "", [head]), body], { "data-role": "alignment" });
  if (opts.picked !== undefined && rows[opts.picked]) light(table, a, opts.picked);
  return table;
}

/** Mark the column heads of the words row `t` looked at most (data-lit, data-top) and its row. */
export function light(table: HTMLTableElement, a: Alignment, t: number): void {
  const row = attentionRows(a)[t] ?? [];
  const top = new Set(topSources(row, a.sourceWords).map((x) => x.index));
  const best = argmax(row);
  table.querySelectorAll<HTMLElement>("th[data-src]").forEach((th) => {
    const s = Number(th.dataset.src);
    if (top.has(s) || s === best) th.dataset.lit = "true";
    else delete th.dataset.lit;
    if (s === best) th.dataset.top = "true";
    else delete th.dataset.top;
  });
  table.querySelectorAll<HTMLButtonElement>("button[data-out]").forEach((b) => {
    const on = Number(b.dataset.out) === t;
    b.setAttribute("aria-pressed", String(on));
    b.closest("tr")?.classList.toggle("rnn-tk__picked", on);
  });
}

/** The source words as a strip, each shaded by row `t`'s weight with its percentage. */
export function sourceStrip(a: Alignment, t: number): HTMLElement {
  const row = attentionRows(a)[t] ?? [];
  const best = argmax(row);
  return h("p", "rnn-tk__strip", a.sourceWords.map((w, s) => {
    const colours = heat(row[s] ?? 0);
    const span = h("span", "rnn-tk__word", `${w} ${percent(row[s] ?? 0)}`, { "data-s": String(s) });
    if (s === best) span.dataset.top = "true";
    span.style.backgroundColor = colours.background;
    span.style.color = colours.color;
    return span;
  }));
}
