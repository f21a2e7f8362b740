/**
 * Translation Model Size Explorer (Module 6): the attention translators of the size family of
 * translators.json (sizeFamily: one to n members), with parameters, download size, BLEU (greedy
 * and beam) and training time from the file, and the time one greedy translation of a fixed
 * ten-word sentence takes on the reader's machine (median of RUNS runs after a warm-up), measured
 * when the reader asks. A chart of BLEU against parameters once the family has two sizes or more.
 *
 * Hooks for tests: `[data-action="measure"]`, rows `tr[data-model="<id>"]` with `data-params`,
 * `data-bytes` and, once measured, `data-ms`; the root's `data-members` and `data-measured`;
 * `[data-role="said"]` (aria-live).
 */
import { loadTranslator, translate } from "../runtime/onnx/client.ts";
import { describeError, setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import { h } from "../lib/dom.ts";
import { tableHead } from "../lib/table.ts";
import { uniqueId } from "../lib/ids.ts";
import { watchWidth } from "../lib/fit.ts";
import { formatBytes } from "../model-kit/models.ts";
import { showRetry, withRetry } from "../model-kit/ui.ts";
import { drawChart } from "../model-size/plot.ts";
import { fetchTranslators, sizeFamily, translatorUrl, type TranslatorEntry } from "../translator-kit/translators.ts";
import { median } from "../lib/numbers.ts";
import { familyNote, formatCount, formatMinutes, RUNS, sizeRows, speedSummary, SPEED_SENTENCE } from "./logic.ts";
import msCss from "../model-size/model-size.css" with { type: "text" };
import css from "./translation-sizes.css" with { type: "text" };
import type { MountContext } from "../main.ts";

/** Mount the explorer in `el`. */
export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(msCss);
  adoptCss(css);
  el.classList.add("rnn-ms", "rnn-tsz");
  const all = await withRetry(el, signal, fetchTranslators, []);
  if (signal.aborted) return;
  const family = sizeFamily(all);
  const id = uniqueId("rnn-tsz");
  const speeds = new Map<string, number>();
  el.dataset.members = String(family.length);

  const measure = h("button", "rnn-primary", "Measure speed on this machine", { type: "button", "data-action": "measure" });
  measure.disabled = family.length === 0;
  const progress = Object.assign(h("progress", "rnn-progress"), { max: 1, value: 0, hidden: true });
  progress.setAttribute("aria-label", "Translator download");
  const said = h("p", "rnn-ms__said", "", { "aria-live": "polite", "data-role": "said" });
  const table = h("table", "rnn-ms__table");
  const tableBox = h("div", "rnn-ms__scroll", [table], { tabindex: "0", role: "region", "aria-label": "The translators of the size family (scrolls sideways on a narrow screen)" });
  const figure = h("figure", "rnn-ms__chart", undefined, { id: `${id}-bleu` });
  el.replaceChildren(
    h("p", "", familyNote(family.length)),
    h("div", "rnn-ms__controls", [measure, h("span", "", `Times “${SPEED_SENTENCE}” (greedy).`)]),
    progress, said, tableBox, figure,
  );
  const fit = watchWidth(figure, () => drawFigure(), { signal });

  function drawFigure(): void {
    figure.hidden = family.length < 2;
    if (family.length < 2) return;
    drawChart(figure, "bleu", "BLEU on the test set (greedy) against parameters", "BLEU (greedy)",
      family.map((t) => ({ x: t.parameters, y: t.bleu.greedy, label: `${t.hidden}` })), fit.width());
  }

  function drawTable(): void {
    const rows = sizeRows(family).map((r) => {
      const tr = h("tr", "", undefined, { "data-model": r.id, "data-params": String(r.parameters), "data-bytes": String(r.bytes) });
      const ms = speeds.get(r.id);
      if (ms !== undefined) tr.dataset.ms = String(ms);
      tr.append(
        h("th", "", r.id, { scope: "row" }), h("td", "", r.shape),
        h("td", "", `${r.parameters.toLocaleString("en")} (${formatCount(r.parameters)})`), h("td", "", formatBytes(r.bytes)),
        h("td", "", Number.isFinite(r.greedy) ? r.greedy.toFixed(1) : "n/a"), h("td", "", Number.isFinite(r.beam) ? r.beam.toFixed(1) : "n/a"),
        h("td", "", `${formatMinutes(r.minutes)} (${r.epochs} epoch${r.epochs === 1 ? "" : "s"})`),
        h("td", "", ms === undefined ? "not measured" : `${Math.round(ms)} ms`),
      );
      return tr;
    });
    table.replaceChildren(
      h("caption", "", "The attention translators of the size family: BLEU on held-out test sentences (0–100, higher is better), training time, and the time per sentence here"),
      tableHead(["Model", "Size", "Parameters", "Download", "BLEU greedy", "BLEU beam", "Training", "ms per sentence here"]), h("tbody", "", rows));
    el.dataset.measured = String(speeds.size);
  }

  async function measureAll(): Promise<void> {
    measure.disabled = true;
    setState(el, "running");
    let current: TranslatorEntry | null = null;
    try {
      for (const t of family) {
        current = t;
        said.textContent = `Downloading ${t.id} (${formatBytes(t.bytes)})…`;
        progress.hidden = false;
        progress.value = 0;
        await loadTranslator(translatorUrl(t), { onProgress: (p) => p.total && (progress.value = p.loaded / p.total) });
        progress.hidden = true;
        if (signal.aborted) return;
        said.textContent = `Measuring ${t.id}…`;
        const once = async () => {
          const start = performance.now();
          await translate(translatorUrl(t), { text: SPEED_SENTENCE, strategy: "greedy", topK: 1 }, { signal });
          return performance.now() - start;
        };
        await once(); // the first run pays for compilation and allocation
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) times.push(await once());
        if (signal.aborted) return;
        speeds.set(t.id, median(times));
        drawTable();
      }
      said.textContent = speedSummary(family.map((t) => ({ id: t.id, ms: speeds.get(t.id)! })));
      setState(el, "ready");
    } catch (err) {
      if (signal.aborted) return;
      progress.hidden = true;
      said.textContent = "";
      showRetry(el, `${current ? `${current.id}: ` : ""}${describeError(err)}`, () => void measureAll());
    } finally {
      measure.disabled = family.length === 0;
    }
  }

  measure.addEventListener("click", () => void measureAll(), { signal });
  drawTable();
  drawFigure();
  setState(el, "ready");
}
