/**
 * LSTM vs GRU vs vanilla RNN (Module 3): the models of one cell family of
 * index.json (trained on the same text with the same steps and width; only
 * the cell differs). Their validation curves from curves.json on one chart,
 * their losses on the full splits in a table, and the sample each wrote at
 * export with the same seed. Reads index.json and the small curves.json
 * files only: no model is downloaded.
 *
 * Hooks for tests: root `data-family` and `data-members`;
 * `select[data-role="family"]` (only when several families can be compared);
 * `input[data-role="train"]` (the dashed training-split lines);
 * `[data-role="chart"] svg` with one `g.rnn-lp__series[data-series]` per line;
 * rows `tr[data-model="<id>"]` with `data-val`, `data-test` (nats per character),
 * `data-val-bits`, `data-test-bits`, `data-params`, `data-bytes`;
 * `[data-role="sample"][data-model="<id>"]`; `[data-role="gaps"]`.
 */
import { describeError, setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import { LINEPLOT_CSS } from "../lib/lineplot.ts";
import { fetchJson, pretrainedUrl, type ModelEntry } from "../model-kit/models.ts";
import { fetchModelsWithRetry, showRetry } from "../model-kit/ui.ts";
import { h } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import { watchWidth } from "../lib/fit.ts";
import type { MountContext } from "../main.ts";
import { cellFamilies, gapSentences, nothingToCompare, readCurves, samplingSentence, type CellFamily, type Curves } from "./logic.ts";
import { chartKey, chartMarkup, lossTable, sampleBlocks } from "./view.ts";
import css from "./cell-compare.css" with { type: "text" };

/** A number word for the sentence about the generation widget. */
const howMany = (n: number): string => (n === 2 ? "Both models" : `All ${["", "", "two", "three", "four", "five"][n] ?? n} models`);

/** Mount the comparison in `el`. */
export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(LINEPLOT_CSS);
  adoptCss(css);
  el.classList.add("rnn-cc");
  const models = await fetchModelsWithRetry(el, signal);
  if (signal.aborted) return;
  const { comparable, lonely } = cellFamilies(models);
  if (comparable.length === 0) {
    el.dataset.members = "0";
    el.replaceChildren(h("p", "rnn-cc__none", nothingToCompare(lonely)));
    setState(el, "ready");
    return;
  }

  const id = uniqueId("rnn-cc");
  const controls = h("div", "rnn-cc__controls");
  let select: HTMLSelectElement | null = null;
  if (comparable.length > 1) {
    const label = h("label", "", "Family (the text they were trained on)");
    select = h("select");
    select.id = label.htmlFor = `${id}-family`;
    select.dataset.role = "family";
    for (const f of comparable) select.append(h("option", "", `${f.name} (${f.members.length} cells)`, { value: f.name }));
    controls.append(label, select);
  }
  const train = h("input", "", undefined, { type: "checkbox", id: `${id}-train` });
  train.dataset.role = "train";
  const trainLabel = h("label", "rnn-cc__check", "Also show the estimate on the training split (dashed)");
  trainLabel.htmlFor = train.id;
  controls.append(train, trainLabel);

  const intro = h("p", "rnn-cc__intro");
  const gaps = h("p", "rnn-cc__gaps", undefined, { "data-role": "gaps", "aria-live": "polite" });
  const chart = h("div", "rnn-cc__chart", undefined, { "data-role": "chart" });
  const keyBox = h("div");
  const note = h("p", "rnn-cc__note",
    "The curves are estimates made during training on a few random stretches of each split; the table gives each model's loss after training, measured on the whole of each split.");
  const tableBox = h("div");
  const samplesHead = h("h3", "rnn-cc__h", "What each one writes");
  const sampling = h("p", "rnn-cc__note");
  const samplesBox = h("div");
  el.replaceChildren(controls, intro, chart, keyBox, note, gaps, tableBox, samplesHead, sampling, samplesBox);

  const curvesCache = new Map<string, Promise<Curves | null>>();
  function curvesOf(m: ModelEntry): Promise<Curves | null> {
    const path = m.files["curves.json"];
    if (!path) return Promise.resolve(null);
    const url = pretrainedUrl(path);
    let p = curvesCache.get(url);
    if (!p) {
      p = fetchJson<unknown>(url, `the training curves of ${m.id}`).then(readCurves);
      p.catch(() => curvesCache.delete(url));
      curvesCache.set(url, p);
    }
    return p;
  }

  let shown: { family: CellFamily; curves: (Curves | null)[] } | null = null;
  // Redraw at the width the chart is shown at, so its 12 px labels stay 12 px on a phone.
  const fit = watchWidth(chart, () => drawChart(), { min: 280, signal });

  function drawChart(): void {
    if (!shown) return;
    chart.innerHTML = chartMarkup(shown.family.name, shown.family.members, shown.curves, train.checked, fit.width(), `${id}-plot`);
    keyBox.replaceChildren(chartKey(shown.family.members, train.checked));
  }

  let job = 0;
  async function show(family: CellFamily): Promise<void> {
    const my = ++job;
    setState(el, shown ? "running" : "loading");
    if (select) select.disabled = true;
    try {
      const curves = await Promise.all(family.members.map(curvesOf));
      if (signal.aborted || my !== job) return;
      shown = { family, curves };
      const { members } = family;
      el.dataset.family = family.name;
      el.dataset.members = String(members.length);
      const missing = members.filter((_, i) => !curves[i]).map((m) => m.id);
      intro.textContent = `These ${members.length} models were trained on ${family.name} with the same data, steps and layer sizes; only the cell differs.` +
        (missing.length ? ` No training curve is shipped for ${missing.join(", ")}.` : "");
      drawChart();
      gaps.textContent = gapSentences(members).join(" ");
      tableBox.replaceChildren(lossTable(family.name, members, id));
      sampling.textContent = `${samplingSentence(members)} ${howMany(members.length)} are also in the model list of the Temperature Playground (Module 4), where you can generate from them with your own prompt and temperature.`;
      samplesBox.replaceChildren(sampleBlocks(members));
      setState(el, "ready");
    } catch (err) {
      if (signal.aborted || my !== job) return;
      showRetry(el, describeError(err), () => void show(family));
    } finally {
      if (select && my === job) select.disabled = false;
    }
  }

  const familyNamed = (name: string) => comparable.find((f) => f.name === name) ?? comparable[0];
  select?.addEventListener("change", () => void show(familyNamed(select!.value)), { signal });
  train.addEventListener("change", drawChart, { signal });
  await show(comparable[0]);
}
