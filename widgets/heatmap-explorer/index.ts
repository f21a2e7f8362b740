/**
 * Activation Heatmap Explorer (Module 5): the reader's text through a real
 * character LSTM, every character coloured by one cell (Karpathy's picture),
 * the top-5 next characters under the focused character, an overview grid of
 * all cells × time, and cells ranked by neurons.json's features or by a
 * feature the reader writes as a regular expression.
 *
 * Hooks for tests: `[data-textview] [data-t]` spans; `[data-predictions] li`
 * with `data-char`/`data-prob`; `[data-values] tr[data-t] td[data-value]` (filled once its
 * <details> is open);
 * the root's `data-model`, `data-layer`, `data-kind`, `data-unit`,
 * `data-steps`, `data-unknown`, `data-heatmap-ms` (run + paint time), `data-run-ms`
 * (the worker's loop alone) and
 * `data-runs` (finished runs), `data-prepared` (the model whose controls are set).
 */
import { runText, type ModelMeta, type RunResult } from "../runtime/onnx/client.ts";
import { latest } from "../lib/latest.ts";
import { setState } from "../lib/state.ts";
import type { MountContext } from "../main.ts";
import { adoptCss } from "../lib/style.ts";
import { esc } from "../lib/html.ts";
import { fetchJson, largest, modelUrl, pretrainedUrl, requireModels } from "../model-kit/models.ts";
import { ModelLoader } from "../model-kit/loader.ts";
import { checkVocab, PLACEHOLDER, type VocabCheck } from "../model-kit/vocab.ts";
import css from "./heatmap-explorer.css" with { type: "text" };
import { capText, cellScales, parseCellLink, cellSeries, featureName, rankByFeature, rankByNeurons, TEXT_CAP, topPredictions, type Dims, type Neurons } from "./logic.ts";
import { paintGrid, paintText, predictionsHtml, rankedHtml, recolourText, valuesRows } from "./view.ts";
import { cancelPattern, matchPattern } from "./pattern.ts";

let counter = 0;

interface Shown {
  meta: ModelMeta;
  mapped: VocabCheck;
  kept: string[];
  run: RunResult;
  d: Dims;
}

/** Mount the explorer in `el`; its runs, pattern matches and listeners end with `signal`. */
export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(css);
  const uid = `rnn-hx-${++counter}`;
  const models = await requireModels((m) => m.cell === "lstm", { own: true });
  el.classList.add("rnn-mk", "rnn-hx");
  el.innerHTML = `
    <div class="rnn-mk__controls">
      <label>Layer <select data-layer></select></label>
      <label>State <select data-kind><option value="h">h (hidden state)</option><option value="c">c (cell state)</option></select></label>
      <label>Cell <input type="number" data-unit min="0" value="0" step="1" inputmode="numeric"></label>
    </div>
    <label class="rnn-hx__textlabel" for="${uid}-text">Text to read (up to ${TEXT_CAP.toLocaleString("en")} characters)</label>
    <textarea id="${uid}-text" class="rnn-hx__input" rows="5" data-text spellcheck="false"></textarea>
    <p class="rnn-mk__note" data-cap-notice aria-live="polite"></p>
    <p><button type="button" data-run>Show activations</button></p>
    <p data-summary aria-live="polite"></p>
    <p class="rnn-mk__note">Colour: <span class="rnn-mk__legend" aria-hidden="true"></span> blue negative, white zero, red positive. Focus the text and use the arrow keys (or hover) to read the predictions.</p>
    <div class="rnn-mk__text rnn-hx__text" data-textview tabindex="0" role="group" aria-label="Text coloured by the selected cell"></div>
    <div class="rnn-hx__preds-box" data-predictions aria-live="polite"></div>
    <h3 class="rnn-hx__h">All cells of the layer over time</h3>
    <p class="rnn-mk__note">One row per cell, one column per character (for c, each row on its own scale). Click a row to select that cell.</p>
    <canvas class="rnn-hx__grid" data-grid role="img" aria-label="Overview grid of every cell of the layer over the text; the tables below hold the same values"></canvas>
    <h3 class="rnn-hx__h">Find cells</h3>
    <div class="rnn-mk__controls">
      <label>Rank cells by <select data-rank></select></label>
      <label>Your pattern (regular expression) <input type="text" data-pattern value="[aeiou]" spellcheck="false"></label>
      <button type="button" data-rank-go>Rank</button>
    </div>
    <p data-rank-message role="status"></p>
    <ol class="rnn-hx__ranked" data-ranked></ol>
    <details data-values-box><summary>Table: the selected cell at every character</summary>
      <div class="rnn-mk__scroll" tabindex="0" role="region" aria-label="Values of the selected cell">
      <table class="rnn-mk__table" data-values><thead><tr><th scope="col">step</th><th scope="col">character</th><th scope="col">cell value</th><th scope="col">likeliest next</th></tr></thead><tbody></tbody></table></div>
    </details>`;
  const $ = <T extends Element>(sel: string) => el.querySelector<T>(sel)!;
  const [layerSel, kindSel, unitIn, textIn] = [$<HTMLSelectElement>("[data-layer]"), $<HTMLSelectElement>("[data-kind]"), $<HTMLInputElement>("[data-unit]"), $<HTMLTextAreaElement>("[data-text]")];
  const textView = $<HTMLElement>("[data-textview]");
  const grid = $<HTMLCanvasElement>("[data-grid]");
  const rankSel = $<HTMLSelectElement>("[data-rank]");
  // A link from Module 5's static neuron pictures names a model and cell: open on it and run.
  const link = parseCellLink(location.search);
  const linked = models.find((m) => m.id === link.model);
  const loader = new ModelLoader(el, models, {
    signal, selected: linked ?? largest(models), retry: () => void show(), onPick: () => onModel(), ownKeep: (m) => m.cell === "lstm",
  });
  el.prepend(loader.element);
  let shown: Shown | null = null;
  let neurons: Neurons | null = null;
  let current = 0;
  let edited = false;
  // A new run (or the reader leaving) cancels the one under way in the worker.
  const runs = latest(signal);

  const model = () => loader.entry;
  const sel = () => ({ layer: Number(layerSel.value) || 0, kind: kindSel.value as "h" | "c", unit: Math.max(0, Math.floor(Number(unitIn.value) || 0)) });

  /** A model's controls: layers, cell range, the neurons.json features, and a test-split snippet as default text. */
  async function prepareModel(): Promise<void> {
    const m = model();
    const keep = layerSel.value;
    layerSel.innerHTML = Array.from({ length: m.layers }, (_, i) => `<option value="${i}">${i}</option>`).join("");
    if (keep !== "" && Number(keep) < m.layers) layerSel.value = keep; // on first load keep is "": leave layer 0 shown
    unitIn.max = String(m.hidden - 1);
    neurons = null;
    const path = m.files["neurons.json"];
    if (path) neurons = await fetchJson<Neurons>(pretrainedUrl(path), "the neuron analysis (neurons.json)").catch(() => null);
    const feats = neurons?.features ?? [];
    rankSel.innerHTML = feats.map((f) => `<option value="n:${esc(f)}">${esc(featureName(f))} (neurons.json)</option>`).join("") + `<option value="regex">your pattern, on your text</option>`;
    const lossesPath = m.files["losses.json"];
    if (!edited && lossesPath) {
      const losses = await fetchJson<{ text: string }>(pretrainedUrl(lossesPath), "a sample of the test split").catch(() => null);
      if (losses && !signal.aborted && !edited) textIn.value = Array.from(losses.text).slice(0, 600).join("");
    }
    el.dataset.prepared = m.id;
  }

  function setCurrent(t: number): void {
    if (!shown || shown.d.T === 0) return;
    current = Math.max(0, Math.min(shown.d.T - 1, t));
    textView.querySelector(".rnn-mk__ch--current")?.classList.remove("rnn-mk__ch--current");
    const span = textView.querySelector<HTMLElement>(`[data-t="${current}"]`);
    span?.classList.add("rnn-mk__ch--current");
    const { layer, unit, kind } = sel();
    const values = kind === "h" ? shown.run.h! : shown.run.c!;
    const v = values[(current * shown.d.L + layer) * shown.d.H + unit];
    $("[data-predictions]").innerHTML = predictionsHtml(shown.kept[current], v, topPredictions(shown.run.logits!, shown.meta.vocab.length, current, shown.meta.vocab));
    el.dataset.current = String(current);
  }

  // The values table (thousands of rows, each with its likeliest next character) is built only
  // while its <details> is open: closed, as it starts, it would cost a fifth of a heatmap's time.
  const tableBox = $<HTMLDetailsElement>("[data-values-box]");
  let tableRows: (() => string) | null = null;
  function fillTable(): void {
    if (!tableBox.open || !tableRows) return;
    $("[data-values] tbody").innerHTML = tableRows();
    tableRows = null;
  }

  /** Everything that depends on layer, kind and cell: the one place that paints a run. */
  function paint(full: boolean): void {
    if (!shown) return;
    const { layer, kind } = sel();
    const unit = Math.min(sel().unit, shown.d.H - 1);
    unitIn.value = String(unit);
    const values = kind === "h" ? shown.run.h! : shown.run.c!;
    const scales = cellScales(kind, values, shown.d, layer);
    const scale = scales[unit];
    const series = cellSeries(values, shown.d, layer, unit);
    if (full) paintText(textView, shown.mapped, series, scale);
    else recolourText(textView, series, scale);
    paintGrid(grid, values, shown.d, layer, scales);
    const V = shown.meta.vocab.length;
    const run = shown;
    tableRows = () => valuesRows(run.kept, series, (t) => topPredictions(run.run.logits!, V, t, run.meta.vocab, 1)[0]);
    fillTable();
    const n = shown.mapped.unknown.length;
    const unknownNote = n ? ` ${n} character${n === 1 ? "" : "s"} outside the model's vocabulary ${n === 1 ? "is" : "are"} shown as ${PLACEHOLDER} and skipped.` : "";
    $("[data-summary]").textContent = `Layer ${layer}, ${kind} cell ${unit} of ${shown.d.H}, over ${shown.d.T.toLocaleString("en")} characters (${shown.meta.id}; colour scale ±${scale.toFixed(2)}${kind === "c" ? ", this cell's largest |value|" : ""}).${unknownNote}`;
    Object.assign(el.dataset, { layer: String(layer), kind, unit: String(unit) });
    setCurrent(current);
  }

  /** Load the model (progress bar), run the text, paint. */
  async function show(): Promise<void> {
    const s = runs.next();
    const m = model();
    const capped = capText(textIn.value);
    $("[data-cap-notice]").textContent = capped.truncated ? `Your text has ${capped.original.toLocaleString("en")} characters; only the first ${TEXT_CAP.toLocaleString("en")} are read.` : "";
    setState(el, "running");
    try {
      const meta = await loader.load();
      if (!meta || s.aborted) return;
      const t0 = performance.now();
      const mapped = checkVocab(capped.text, meta.vocab);
      const kept = Array.from(mapped.fed);
      if (kept.length === 0) {
        $("[data-summary]").textContent = `Nothing to read: type or paste some text made of characters the ${m.id} model knows.`;
        setState(el, "ready");
        return;
      }
      const run = await runText(modelUrl(m), mapped.fed, { outputs: ["logits", "h", "c"], unknown: "skip", signal: s });
      if (s.aborted) return;
      shown = { meta, mapped, kept, run, d: { T: run.ids.length, L: meta.layers, H: meta.hidden } };
      current = Math.min(current, Math.max(0, shown.d.T - 1));
      paint(true);
      Object.assign(el.dataset, { model: m.id, steps: String(shown.d.T), unknown: String(mapped.unknown.length), heatmapMs: (performance.now() - t0).toFixed(1), runMs: run.elapsedMs.toFixed(1), runs: String(Number(el.dataset.runs ?? 0) + 1) });
      setState(el, "ready");
    } catch (err) {
      loader.fail(err, s);
    }
  }

  async function rank(): Promise<void> {
    const msg = $("[data-rank-message]");
    const list = $("[data-ranked]");
    list.innerHTML = "";
    delete el.dataset.ranked;
    if (!shown) {
      msg.textContent = "Show the activations first.";
      el.dataset.ranked = "none";
      return;
    }
    const { layer, kind } = sel();
    if (rankSel.value === "regex") {
      const at = shown;
      msg.textContent = "Matching your pattern…";
      const f = await matchPattern($<HTMLInputElement>("[data-pattern]").value, at.kept);
      if (f === null || signal.aborted || shown !== at) return; // replaced by a newer request, or the reader left
      if (!f.ok) {
        msg.textContent = f.message;
        el.dataset.rankError = "1";
        el.dataset.ranked = "error";
        return;
      }
      const cells = rankByFeature(kind === "h" ? at.run.h! : at.run.c!, at.d, layer, f.values).slice(0, 8);
      msg.textContent = `Your pattern covers ${f.matched} of ${at.d.T} characters. Cells of layer ${layer} (${kind}) whose value follows it most closely on your text (Pearson r):`;
      list.innerHTML = rankedHtml(cells, layer, kind);
    } else if (neurons) {
      cancelPattern();
      const feature = rankSel.value.slice(2);
      const cells = rankByNeurons(neurons, feature, kind, layer).slice(0, 8);
      msg.textContent = `Cells of layer ${layer} (${kind}) that follow "${featureName(feature)}" most closely on ${neurons.chars.toLocaleString("en")} characters of the ${neurons.split} split (Pearson r, from neurons.json):`;
      list.innerHTML = rankedHtml(cells, layer, kind);
    }
    delete el.dataset.rankError;
    el.dataset.ranked = "done";
  }

  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -Infinity, End: Infinity, PageDown: 40, PageUp: -40 };
    if (!(e.key in moves) || !shown) return;
    e.preventDefault();
    const step = moves[e.key];
    setCurrent(Number.isFinite(step) ? current + step : step > 0 ? shown.d.T - 1 : 0);
  };
  const onHover = (e: Event) => {
    const t = (e.target as HTMLElement).dataset?.t;
    if (t !== undefined) setCurrent(Number(t));
  };
  const onGridClick = (e: MouseEvent) => {
    if (!shown) return;
    const r = grid.getBoundingClientRect();
    unitIn.value = String(Math.floor(((e.clientY - r.top) / r.height) * shown.d.H));
    setCurrent(Math.floor(((e.clientX - r.left) / r.width) * shown.d.T));
    paint(false);
  };
  const onPick = (e: Event) => {
    const b = (e.target as HTMLElement).closest<HTMLElement>("[data-pick-unit]");
    if (!b) return;
    unitIn.value = b.dataset.pickUnit!;
    paint(false);
  };
  const onModel = () => void prepareModel().then(() => shown && show());
  const onView = () => paint(false);
  const onEdit = () => (edited = true);
  $("[data-run]").addEventListener("click", () => void show(), { signal });
  tableBox.addEventListener("toggle", fillTable, { signal });
  layerSel.addEventListener("change", onView, { signal });
  kindSel.addEventListener("change", onView, { signal });
  unitIn.addEventListener("change", onView, { signal });
  textIn.addEventListener("input", onEdit, { signal });
  textView.addEventListener("keydown", onKey as EventListener, { signal });
  textView.addEventListener("mouseover", onHover, { signal });
  grid.addEventListener("click", onGridClick as EventListener, { signal });
  $("[data-rank-go]").addEventListener("click", () => void rank(), { signal });
  $("[data-ranked]").addEventListener("click", onPick, { signal });
  await prepareModel();
  if (linked) {
    if (link.layer !== undefined && link.layer < linked.layers) layerSel.value = String(link.layer);
    if (link.kind) kindSel.value = link.kind;
    if (link.unit !== undefined && link.unit < linked.hidden) unitIn.value = String(link.unit);
  }
  setState(el, "ready");
  if (linked) void show();
  signal.addEventListener("abort", cancelPattern); // a pattern still matching in its worker stops with the page
}
