/**
 * Predict-Then-Reveal: gate activations (Module 3). The reader predicts
 * which gate moves at "but" in "The movie was great, but the ending was";
 * then the real i, f, g, o of a trained LSTM are shown per character for the
 * cells that move most there, with the layer's gate saturation scatter
 * computed live on a stretch of the model's test split.
 *
 * Hooks for tests: root `data-answer` (the gate that moved most),
 * `data-layer`, `data-unit`, `data-sat-chars`; `[data-gates] tr[data-t]
 * td[data-gate][data-value]`; `[data-saturation] tr[data-unit]
 * td[data-sat][data-value]`.
 */
import { runText, type ModelMeta, type RunResult } from "../runtime/onnx/client.ts";
import { setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import { fetchJson, largest, modelUrl, pretrainedUrl, requireModels } from "../model-kit/models.ts";
import { fixed } from "../lib/numbers.ts";
import { ModelLoader } from "../model-kit/loader.ts";
import { checkVocab, PLACEHOLDER } from "../model-kit/vocab.ts";
import css from "./gates-reveal.css" with { type: "text" };
import { cellGates, cellsMovingMost, GATE_NAMES, GATES, gateMovement, mostMoved, saturation, SENTENCE, wordSteps, type Gate, type GateDims } from "./logic.ts";
import { gateRows, gatesSvg, saturationRows, saturationSvg } from "./view.ts";
import { watchWidth } from "../lib/fit.ts";
import type { MountContext } from "../main.ts";
import { latest } from "../lib/latest.ts";
import { uniqueId } from "../lib/ids.ts";
import { finder } from "../lib/dom.ts";

/** Characters of the test split the saturation scatter is computed on. */
const SATURATION_CHARS = 1000;


/** Mount the widget in `el`. */
export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(css);
  const uid = uniqueId("rnn-gr");
  const models = await requireModels((m) => m.cell === "lstm");
  if (signal.aborted) return;
  // Prefer a model that knows every character of the sentence (a names model has no capitals).
  const vocabs = await Promise.all(models.map((m) => fetchJson<{ vocabulary: string[] }>(pretrainedUrl(m.meta), "meta.json").then((x) => x.vocabulary, () => [])));
  const covering = models.filter((_, i) => checkVocab(SENTENCE, vocabs[i]).unknown.length === 0);
  const best = largest(covering.length ? covering : models);
  if (signal.aborted) return;
  el.classList.add("rnn-mk", "rnn-gr");
  el.innerHTML = `
    <p class="rnn-gr__sentence">“${SENTENCE} …”</p>
    <fieldset data-guess-set><legend>At the word “but”, which of the four rows moves most, on average over the layer's cells?</legend>
      ${GATES.map((g) => `<label><input type="radio" name="${uid}-guess" value="${g}"> ${GATE_NAMES[g]}</label>`).join("")}
    </fieldset>
    <div class="rnn-mk__controls">
      <div data-slot></div>
      <button type="button" data-reveal>Reveal</button>
    </div>
    <div data-verdict aria-live="polite"></div>
    <div data-revealed hidden>
      <div class="rnn-mk__controls">
        <label>Layer <select data-layer></select></label>
        <label>Cell (those that move most at “but”) <select data-cell></select></label>
      </div>
      <p class="rnn-gr__key" aria-hidden="true">${GATES.map((g) => `<span><i style="background: var(--g-${g})"></i>${g}</span>`).join("")} (shaded: “but”)</p>
      <div class="rnn-gr__chart" data-gates-svg tabindex="0" role="region" aria-label="Gate chart (scrolls sideways on a narrow screen)"></div>
      <details><summary>Table: this cell's gates at every character</summary>
        <div class="rnn-mk__scroll" tabindex="0" role="region" aria-label="Gate values per character">
        <table class="rnn-mk__table" data-gates><thead><tr><th scope="col">step</th><th scope="col">character</th>${GATES.map((g) => `<th scope="col">${g}</th>`).join("")}</tr></thead><tbody></tbody></table></div>
      </details>
      <h3>Gate saturation of the layer</h3>
      <p class="rnn-mk__note" data-sat-note></p>
      <p class="rnn-gr__key" aria-hidden="true">${(["i", "f", "o"] as const).map((g) => `<span><i style="background: var(--g-${g})"></i>${g}</span>`).join("")}</p>
      <div class="rnn-gr__chart" data-sat-svg tabindex="0" role="region" aria-label="Saturation chart (scrolls sideways on a narrow screen)"></div>
      <details><summary>Table: saturation of every cell</summary>
        <div class="rnn-mk__scroll" tabindex="0" role="region" aria-label="Saturation per cell">
        <table class="rnn-mk__table" data-saturation><thead><tr><th scope="col">cell</th>${(["i", "f", "o"] as const).map((g) => `<th scope="col">${g} &lt; 0.1</th><th scope="col">${g} &gt; 0.9</th>`).join("")}</tr></thead><tbody></tbody></table></div>
      </details>
    </div>`;
  const $ = finder(el);
  const layerSel = $<HTMLSelectElement>("[data-layer]");
  const cellSel = $<HTMLSelectElement>("[data-cell]");
  const loader = new ModelLoader(el, models, { signal, selected: best, retry: () => void reveal(), onPick: () => state && void reveal() });
  $("[data-slot]").replaceWith(loader.element);
  let state: { meta: ModelMeta; chars: string[]; run: RunResult; sat: RunResult; d: GateDims; sd: GateDims; steps: number[] } | null = null;
  // The gates chart is drawn as wide as it is shown, so its 12 px labels stay 12 px on a phone.
  const fit = watchWidth($<HTMLElement>("[data-gates-svg]"), () => paintCell(), { signal });
  // Another model or another Reveal supersedes the runs still going for the one before.
  const reveals = latest(signal);
  const guess = () => el.querySelector<HTMLInputElement>(`input[name="${uid}-guess"]:checked`)?.value as Gate | undefined;

  /** The verdict and the layer's pictures; the cell chart follows the cell select. */
  function paintLayer(): void {
    if (!state) return;
    const layer = Number(layerSel.value) || 0;
    const moves = gateMovement(state.run.gates!, state.d, layer, state.steps);
    const top = mostMoved(moves);
    const g = guess();
    const list = moves.map((m) => `<li>${GATE_NAMES[m.gate]}: ${fixed(m.atWord, 3)} at “but”, ${fixed(m.elsewhere, 3)} elsewhere</li>`).join("");
    const unknown = checkVocab(SENTENCE, state.meta.vocab).unknown.length;
    const special = moves.filter((m) => m.atWord > 1.25 * m.elsewhere).map((m) => GATE_NAMES[m.gate]);
    const context = special.length
      ? `Compared with an ordinary character, “but” makes the ${special.join(" and the ")} move clearly more than usual (by a quarter or more).`
      : "But no row moves much more at “but” than on an ordinary character: in this model the word is not a special event for the gates of this layer.";
    $("[data-verdict]").innerHTML = `<p>${g ? `You predicted the ${GATE_NAMES[g]}. ` : ""}In layer ${layer} of ${state.meta.id}, the row that moved most across the three characters of “but” is the <strong>${GATE_NAMES[top.gate]}</strong>${g ? (g === top.gate ? ": your prediction matches." : ".") : "."} ${context}</p>
      <p>Mean change per cell from one character to the next:</p><ul>${list}</ul>
      ${unknown ? `<p>${unknown} character(s) of the sentence are not in this model's vocabulary and were skipped (${PLACEHOLDER}).</p>` : ""}`;
    el.dataset.answer = top.gate;
    const cells = cellsMovingMost(state.run.gates!, state.d, layer, state.steps);
    cellSel.innerHTML = cells.map((c) => `<option value="${c.unit}">cell ${c.unit} (summed change ${c.change.toFixed(2)})</option>`).join("");
    const sat = saturation(state.sat.gates!, state.sd, layer);
    $("[data-sat-svg]").innerHTML = saturationSvg(sat, `Gate saturation of the ${state.meta.hidden} cells of layer ${layer}; the table below holds the values`);
    $("[data-saturation] tbody").innerHTML = saturationRows(sat);
    $("[data-sat-note]").textContent = `Each mark is one cell's gate over ${state.sd.T.toLocaleString("en")} characters of the ${state.meta.id} test split: right means often nearly shut (< 0.1), up means often wide open (> 0.9). Marks on the diagonal from top-left to bottom-right are never in between.`;
    el.dataset.layer = String(layer);
    el.dataset.satChars = String(state.sd.T);
    paintCell();
  }

  function paintCell(): void {
    if (!state) return;
    const layer = Number(layerSel.value) || 0;
    const unit = Number(cellSel.value) || 0;
    const rows = cellGates(state.run.gates!, state.d, layer, unit);
    $("[data-gates-svg]").innerHTML = gatesSvg(rows, state.chars, state.steps, `Gates i, f, g, o of layer ${layer} cell ${unit} at each character of the sentence; the table below holds the values`, fit.width());
    $("[data-gates] tbody").innerHTML = gateRows(rows, state.chars);
    el.dataset.unit = String(unit);
  }

  async function reveal(): Promise<void> {
    const s = reveals.next();
    const m = loader.entry;
    setState(el, "running");
    try {
      const meta = await loader.load();
      if (!meta || s.aborted) return;
      const fed = checkVocab(SENTENCE, meta.vocab).fed;
      const chars = Array.from(fed);
      const run = await runText(modelUrl(m), fed, { outputs: ["gates"], signal: s });
      const lossesPath = m.files["losses.json"];
      const test = lossesPath ? (await fetchJson<{ text: string }>(pretrainedUrl(lossesPath), "a sample of the test split")).text : SENTENCE;
      if (s.aborted) return;
      const satText = Array.from(test).slice(0, SATURATION_CHARS).join("");
      const sat = await runText(modelUrl(m), satText, { outputs: ["gates"], unknown: "skip", signal: s });
      if (s.aborted) return;
      state = { meta, chars, run, sat, d: { T: run.ids.length, L: meta.layers, H: meta.hidden }, sd: { T: sat.ids.length, L: meta.layers, H: meta.hidden }, steps: wordSteps(chars) };
      layerSel.innerHTML = Array.from({ length: meta.layers }, (_, i) => `<option value="${i}">${i}</option>`).join("");
      $<HTMLElement>("[data-revealed]").hidden = false;
      paintLayer();
      el.dataset.model = m.id;
      setState(el, "ready");
    } catch (err) {
      loader.fail(err, s);
    }
  }

  const onGuess = () => {
    el.dataset.guess = guess() ?? "";
    if (state) paintLayer();
  };
  $("[data-reveal]").addEventListener("click", () => void reveal(), { signal });
  $("[data-guess-set]").addEventListener("change", onGuess, { signal });
  layerSel.addEventListener("change", paintLayer, { signal });
  cellSel.addEventListener("change", paintCell, { signal });
  setState(el, "ready");
}
