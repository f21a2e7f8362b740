/**
 * Model Size Explorer (Module 6): the sizes of one model family (the models
 * of one corpus in index.json): validation loss, parameters and download
 * size from the index, and generation speed measured live on the reader's
 * machine (greedy, through the ONNX worker). A chart per measure against
 * parameters, and one table with everything, grouped by corpus. Works
 * unchanged for one size per corpus or many.
 *
 * Hooks for tests: `select[data-role="corpus"]`, `[data-action="measure"]`,
 * table rows `tr[data-model="<id>"]` with `data-params`, `data-bits`,
 * `data-bytes` and, once measured, `data-speed`; charts `svg[data-chart]`;
 * the root's `data-measured` (models measured so far).
 */
import { generate, load } from "../runtime/onnx/client.ts";
import { describeError, setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import { fetchModels, formatBytes, groupByCorpus, modelUrl, shapeLabel, type ModelEntry } from "../model-kit/models.ts";
import { h, newId, showRetry } from "../model-kit/ui.ts";
import { defaultSeed } from "../model-kit/vocab.ts";
import { charsPerSecond, corporaBySizeCount, formatCount, SPEED_CHARS, WARMUP_CHARS } from "./logic.ts";
import { chart } from "./plot.ts";
import css from "./model-size.css" with { type: "text" };

/** Mount the comparison in `el`; returns the cleanup for page changes. */
export async function render(el: HTMLElement): Promise<() => void> {
  adoptCss(css);
  el.classList.add("rnn-ms");
  let live = true;
  let models: ModelEntry[] = [];
  for (;;) {
    try {
      models = await fetchModels();
      break;
    } catch (err) {
      await new Promise<void>((resolve) => showRetry(el, describeError(err), resolve));
      setState(el, "loading");
      if (!live) return () => undefined;
    }
  }
  if (models.length === 0) {
    el.replaceChildren(h("p", "", "No trained model is listed on this site yet, so there is nothing to compare."));
    return () => undefined;
  }
  const groups = groupByCorpus(models);
  const speeds = new Map<string, number>();
  const id = newId("rnn-ms");

  const label = h("label", "", "Model family (corpus)");
  const corpus = h("select");
  corpus.id = label.htmlFor = `${id}-corpus`;
  corpus.dataset.role = "corpus";
  for (const c of corporaBySizeCount(models)) {
    const n = groups.get(c)!.length;
    corpus.append(Object.assign(h("option", "", `${c} (${n} size${n === 1 ? "" : "s"})`), { value: c }));
  }
  const measure = Object.assign(h("button", "rnn-primary", "Measure speed on this machine"), { type: "button" });
  measure.dataset.action = "measure";
  const progress = Object.assign(h("progress", "rnn-progress"), { max: 1, value: 0, hidden: true });
  progress.setAttribute("aria-label", "Model download");
  const said = h("p", "rnn-ms__said");
  said.setAttribute("aria-live", "polite");
  const controls = h("div", "rnn-ms__controls");
  controls.append(label, corpus, measure);
  const charts = h("div", "rnn-ms__charts");
  const table = h("table", "rnn-ms__table");
  el.replaceChildren(controls, progress, said, charts, table);

  function drawCharts(): void {
    const family = groups.get(corpus.value)!;
    const point = (m: ModelEntry, y: number | undefined) => ({ x: m.parameters, y: y ?? NaN, label: shapeLabel(m) });
    charts.replaceChildren(
      chart("bits", `Validation loss of the ${corpus.value} models (bits per character, lower is better)`, "bits per character", family.map((m) => point(m, m.val_bits_per_char))),
      chart("speed", `Generation speed of the ${corpus.value} models on this machine (characters per second)`, "characters / s",
        family.map((m) => point(m, speeds.get(m.id))), speeds.size ? "" : "Press “Measure speed” to fill this chart."),
    );
  }

  function drawTable(): void {
    const head = h("tr");
    for (const t of ["Model", "Layers × hidden", "Parameters", "Download", "Validation loss (nats / bits per char)", "Speed here (chars/s)"]) {
      head.append(Object.assign(h("th", "", t), { scope: "col" }));
    }
    const thead = h("thead");
    thead.append(head);
    const bodies = [...groups].map(([c, family]) => {
      const tbody = h("tbody");
      const g = h("tr", "rnn-ms__group");
      g.append(Object.assign(h("th", "", `Corpus: ${c}`), { scope: "colgroup", colSpan: 6 }));
      tbody.append(g);
      for (const m of family) {
        const tr = h("tr");
        tr.dataset.model = m.id;
        tr.dataset.params = String(m.parameters);
        tr.dataset.bits = String(m.val_bits_per_char);
        tr.dataset.bytes = String(m.bytes);
        const speed = speeds.get(m.id);
        if (speed !== undefined) tr.dataset.speed = String(speed);
        tr.append(
          Object.assign(h("th", "", m.id), { scope: "row" }),
          h("td", "", shapeLabel(m)),
          h("td", "", `${m.parameters.toLocaleString("en")} (${formatCount(m.parameters)})`),
          h("td", "", formatBytes(m.bytes)),
          h("td", "", `${m.val_loss_nats.toFixed(3)} / ${m.val_bits_per_char.toFixed(3)}`),
          h("td", "", speed === undefined ? "not measured" : Math.round(speed).toLocaleString("en")),
        );
        tbody.append(tr);
      }
      return tbody;
    });
    table.replaceChildren(h("caption", "", "Every model on this site, grouped by the corpus it was trained on"), thead, ...bodies);
    el.dataset.measured = String(speeds.size);
  }

  async function measureFamily(): Promise<void> {
    const family = groups.get(corpus.value)!;
    measure.disabled = true;
    corpus.disabled = true;
    setState(el, "running");
    try {
      for (const m of family) {
        if (!live) return;
        said.textContent = `Downloading ${m.id} (${formatBytes(m.bytes)})…`;
        progress.hidden = false;
        progress.value = 0;
        const meta = await load(modelUrl(m), { onProgress: (p) => p.total && (progress.value = p.loaded / p.total) });
        progress.hidden = true;
        said.textContent = `Measuring ${m.id}…`;
        const opts = { seedText: defaultSeed(meta.vocab), temperature: 0, rngSeed: 0 };
        await generate(modelUrl(m), { ...opts, length: WARMUP_CHARS }).done; // first runs pay for compilation and allocation
        const r = await generate(modelUrl(m), { ...opts, length: SPEED_CHARS }).done;
        if (!live) return;
        speeds.set(m.id, charsPerSecond(r.text.length, r.elapsedMs));
        drawTable();
        drawCharts();
      }
      said.textContent = `Measured ${family.length} model${family.length === 1 ? "" : "s"}: ${family.map((m) => `${m.id} ${Math.round(speeds.get(m.id)!)} chars/s`).join(", ")}.`;
      setState(el, "ready");
    } catch (err) {
      progress.hidden = true;
      said.textContent = "";
      showRetry(el, describeError(err), () => void measureFamily());
    } finally {
      measure.disabled = false;
      corpus.disabled = false;
    }
  }

  corpus.addEventListener("change", drawCharts);
  measure.addEventListener("click", () => void measureFamily());
  drawTable();
  drawCharts();
  setState(el, "ready");
  return () => {
    live = false;
  };
}
