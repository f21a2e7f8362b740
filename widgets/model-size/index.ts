/**
 * Model Size Explorer (Module 6): the members of one size family of
 * index.json (models trained on the same text with the same steps that
 * differ only in their hidden size): validation loss, parameters and
 * download size from the index, and generation speed measured live on the
 * reader's machine (greedy, through the ONNX worker). A chart per measure
 * against parameters for the chosen family, and one table of every model of
 * the site, grouped by corpus, with the family members marked.
 *
 * Hooks for tests: `select[data-role="family"]` (option values are family
 * names), `[data-action="measure"]`, table rows `tr[data-model="<id>"]` with
 * `data-params`, `data-bits`, `data-bytes`, `data-size-family` (members of a
 * size family), `data-selected` (members of the chosen family) and, once
 * measured, `data-speed`; charts `svg[data-chart]`; the root's `data-family`
 * and `data-measured` (models measured so far).
 */
import { generate, load } from "../runtime/onnx/client.ts";
import { describeError, setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import { formatBytes, groupByCorpus, modelLabel, modelUrl, shapeLabel, type ModelEntry } from "../model-kit/models.ts";
import { fetchModelsWithRetry, showRetry } from "../model-kit/ui.ts";
import { h } from "../lib/dom.ts";
import { tableHead } from "../lib/table.ts";
import { uniqueId } from "../lib/ids.ts";
import { defaultSeed } from "../model-kit/vocab.ts";
import { charsPerSecond, familyLabel, familyNote, formatCount, sizeFamilies, SPEED_CHARS, WARMUP_CHARS, type SizeFamily } from "./logic.ts";
import { drawChart } from "./plot.ts";
import { watchWidth } from "../lib/fit.ts";
import css from "./model-size.css" with { type: "text" };
import type { MountContext } from "../main.ts";

/** Mount the comparison in `el`. */
export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(css);
  el.classList.add("rnn-ms");
  const models = await fetchModelsWithRetry(el, signal);
  if (signal.aborted) return;
  if (models.length === 0) {
    el.replaceChildren(h("p", "", "No trained model is listed on this site yet, so there is nothing to compare."));
    return;
  }
  const groups = groupByCorpus(models);
  const families = sizeFamilies(models);
  const speeds = new Map<string, number>();
  const id = uniqueId("rnn-ms");

  const label = h("label", "", "Size family");
  const picker = h("select");
  picker.id = label.htmlFor = `${id}-family`;
  picker.dataset.role = "family";
  for (const f of families) picker.append(h("option", "", familyLabel(f), { value: f.name }));
  /** The chosen family (null when the site has none). */
  const family = (): SizeFamily | null => families.find((f) => f.name === picker.value) ?? families[0] ?? null;
  const measure = h("button", "rnn-primary", "Measure speed on this machine", { type: "button" });
  measure.dataset.action = "measure";
  const progress = Object.assign(h("progress", "rnn-progress"), { max: 1, value: 0, hidden: true });
  progress.setAttribute("aria-label", "Model download");
  const said = h("p", "rnn-ms__said", undefined, { "aria-live": "polite" });
  const controls = h("div", "rnn-ms__controls");
  controls.append(label, picker, measure);
  const charts = h("div", "rnn-ms__charts");
  const table = h("table", "rnn-ms__table");
  // The table scrolls sideways on a narrow screen rather than widening the page.
  const tableBox = h("div", "rnn-ms__scroll");
  tableBox.tabIndex = 0;
  tableBox.setAttribute("role", "region");
  tableBox.setAttribute("aria-label", "Every model on this site (scrolls sideways on a narrow screen)");
  tableBox.append(table);
  el.replaceChildren(controls, progress, said, charts, tableBox);

  // The two charts keep their figures, drawn as wide as the first is shown (both share its width) so that their 12 px text stays 12 px.
  const figures = { bits: h("figure", "rnn-ms__chart", undefined, { id: `${id}-bits` }), speed: h("figure", "rnn-ms__chart", undefined, { id: `${id}-speed` }) };
  const fit = watchWidth(figures.bits, () => drawCharts(), { signal });

  function drawCharts(): void {
    const f = family();
    if (!f) {
      charts.replaceChildren(h("p", "", "No size family is on this site yet (models that differ only in their hidden size), so there are no sizes to chart; the table lists every model."));
      return;
    }
    el.dataset.family = f.name;
    charts.replaceChildren(figures.bits, figures.speed);
    const width = fit.width();
    // Members of a size family share the cell and the layers: the hidden size tells them apart.
    const point = (m: ModelEntry, y: number | undefined) => ({ x: m.parameters, y: y ?? NaN, label: `${m.layers}×${m.hidden}` });
    const measured = f.members.some((m) => speeds.has(m.id));
    drawChart(figures.bits, "bits", `Validation loss of the ${f.name} size family (bits per character, lower is better)`, "bits per character",
      f.members.map((m) => point(m, m.val_bits_per_char)), width);
    drawChart(figures.speed, "speed", `Generation speed of the ${f.name} size family on this machine (characters per second)`, "characters / s",
      f.members.map((m) => point(m, speeds.get(m.id))), width, measured ? "" : "Press “Measure speed” to fill this chart.");
  }

  function drawTable(): void {
    const thead = tableHead(["Model", "Layers × hidden", "Parameters", "Download", "Validation loss (nats / bits per char)", "Speed here (chars/s)", "Comparison family"]);
    const chosen = family()?.name;
    const bodies = [...groups].map(([c, corpusModels]) => {
      const tbody = h("tbody");
      const g = h("tr", "rnn-ms__group");
      g.append(Object.assign(h("th", "", `Corpus: ${c}`), { scope: "colgroup", colSpan: 7 }));
      tbody.append(g);
      for (const m of corpusModels) {
        const tr = h("tr");
        tr.dataset.model = m.id;
        if (m.families?.size) tr.dataset.sizeFamily = m.families.size;
        if (m.families?.size && m.families.size === chosen) {
          tr.dataset.selected = "";
          tr.classList.add("rnn-ms__row--selected");
        }
        tr.dataset.params = String(m.parameters);
        tr.dataset.bits = String(m.val_bits_per_char);
        tr.dataset.bytes = String(m.bytes);
        const speed = speeds.get(m.id);
        if (speed !== undefined) tr.dataset.speed = String(speed);
        tr.append(
          h("th", "", m.id, { scope: "row" }),
          h("td", "", shapeLabel(m)),
          h("td", "", `${m.parameters.toLocaleString("en")} (${formatCount(m.parameters)})`),
          h("td", "", formatBytes(m.bytes)),
          h("td", "", `${m.val_loss_nats.toFixed(3)} / ${m.val_bits_per_char.toFixed(3)}`),
          h("td", "", speed === undefined ? "not measured" : Math.round(speed).toLocaleString("en")),
          h("td", "", familyNote(m) || "main model"),
        );
        tbody.append(tr);
      }
      return tbody;
    });
    const f = family();
    const caption = `Every model on this site, grouped by the corpus it was trained on${f ? `; highlighted: the ${f.name} size family shown in the charts` : ""}`;
    table.replaceChildren(h("caption", "", caption), thead, ...bodies);
    el.dataset.measured = String(speeds.size);
  }

  async function measureFamily(): Promise<void> {
    const members = family()?.members ?? [];
    measure.disabled = true;
    picker.disabled = true;
    setState(el, "running");
    let current: ModelEntry | null = null;
    try {
      for (const m of members) {
        if (signal.aborted) return;
        current = m;
        said.textContent = `Downloading ${modelLabel(m)}…`;
        progress.hidden = false;
        progress.value = 0;
        const meta = await load(modelUrl(m), { onProgress: (p) => p.total && (progress.value = p.loaded / p.total) });
        progress.hidden = true;
        said.textContent = `Measuring ${m.id}…`;
        const opts = { seedText: defaultSeed(meta.vocab), temperature: 0, rngSeed: 0 };
        await generate(modelUrl(m), { ...opts, length: WARMUP_CHARS }, { signal }).done; // first runs pay for compilation and allocation
        const r = await generate(modelUrl(m), { ...opts, length: SPEED_CHARS }, { signal }).done;
        if (signal.aborted) return;
        speeds.set(m.id, charsPerSecond(r.text.length, r.elapsedMs));
        drawTable();
        drawCharts();
      }
      said.textContent = `Measured ${members.length} model${members.length === 1 ? "" : "s"}: ${members.map((m) => `${m.id} ${Math.round(speeds.get(m.id)!)} chars/s`).join(", ")}.`;
      setState(el, "ready");
    } catch (err) {
      if (signal.aborted) return;
      progress.hidden = true;
      said.textContent = "";
      showRetry(el, current ? `${modelLabel(current)}: ${describeError(err)}` : describeError(err), () => void measureFamily());
    } finally {
      measure.disabled = families.length === 0;
      picker.disabled = false;
    }
  }

  picker.addEventListener("change", () => {
    drawTable();
    drawCharts();
  }, { signal });
  measure.addEventListener("click", () => void measureFamily(), { signal });
  if (families.length === 0) {
    label.hidden = picker.hidden = true;
    measure.disabled = true;
  }
  drawTable();
  drawCharts();
  setState(el, "ready");
}
