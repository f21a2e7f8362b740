/**
 * Cell intervention (Module 5): hold one cell of the LSTM's state at a value
 * (or at zero) after every step, generate again with the same random seed,
 * and compare with the untouched text side by side. The clamp runs in the
 * ONNX worker (generate's `clamp` option).
 *
 * Hooks for tests: `[data-out="original"]`, `[data-out="clamped"]` hold the
 * generated texts (without the seed); the root's `data-difference` is the
 * first differing index (-1: identical) once both are done.
 */
import { generate, OnnxRuntimeError, type GenerateOptions } from "../runtime/onnx/client.ts";
import { setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import { esc } from "../lib/html.ts";
import { fetchJson, largest, modelUrl, pretrainedUrl, requireModels, type ModelEntry } from "../model-kit/models.ts";
import { ModelLoader } from "../model-kit/loader.ts";
import { h, finder } from "../lib/dom.ts";
import { latest } from "../lib/latest.ts";
import type { MountContext } from "../main.ts";
import { seedNote, seedTail } from "../model-kit/vocab.ts";
import css from "./cell-intervention.css" with { type: "text" };
import { differenceSentence, firstDifference, readClamp, suggestions, type Suggestion } from "./logic.ts";

/** Mount the intervention in `el`. */
export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(css);
  const models = await requireModels((m) => m.cell === "lstm");
  if (signal.aborted) return;
  el.classList.add("rnn-mk", "rnn-ci");
  el.innerHTML = `
    <div class="rnn-mk__controls">
      <label>Seed text <textarea data-seed rows="2" spellcheck="false"></textarea></label>
      <label>Characters <input type="number" data-length min="1" max="2000" value="300"></label>
      <label>Temperature <input type="number" data-temperature min="0" max="3" step="0.1" value="0.8"></label>
      <label>Random seed <input type="number" data-rng value="1" step="1"></label>
    </div>
    <div class="rnn-mk__controls">
      <label>A cell neurons.json found <select data-suggest></select></label>
      <label>Layer <select data-layer></select></label>
      <label>State <select data-kind><option value="c">c (cell state)</option><option value="h">h (hidden state)</option></select></label>
      <label>Cell <input type="number" data-unit min="0" value="0" step="1"></label>
      <label>Clamp to <input type="number" data-value value="0" step="0.5"></label>
      <button type="button" class="rnn-mk__quiet" data-zero>Zero it</button>
      <button type="button" data-go>Generate both</button>
    </div>
    <div data-slot></div>
    <p data-message role="status"></p>
    <div class="rnn-ci__panes">
      <section aria-label="Without the intervention"><h3>Untouched</h3><pre class="rnn-mk__text" data-out="original" tabindex="0"></pre></section>
      <section aria-label="With the intervention"><h3 data-clamped-title>Clamped</h3><pre class="rnn-mk__text" data-out="clamped" tabindex="0"></pre></section>
    </div>`;
  const $ = finder(el);
  const num = (sel: string) => Number($<HTMLInputElement>(sel).value);
  const suggestSel = $<HTMLSelectElement>("[data-suggest]");
  const loader = new ModelLoader(el, models, { signal, selected: largest(models), retry: () => void go(), onPick: () => void prepareModel() });
  $("[data-slot]").replaceWith(loader.element);
  let found: Suggestion[] = [];
  // A new model or a new Generate supersedes the one before: its generations stop in the worker.
  const preparing = latest(signal);
  const runs = latest(signal);
  const model = (): ModelEntry => loader.entry;

  /** Controls for a model: layers, cells, suggested cells, and a seed from its test split. */
  async function prepareModel(): Promise<void> {
    const s = preparing.next();
    const m = model();
    const layerSel = $<HTMLSelectElement>("[data-layer]");
    const keep = layerSel.value;
    layerSel.innerHTML = Array.from({ length: m.layers }, (_, i) => `<option value="${i}">${i}</option>`).join("");
    if (keep !== "" && Number(keep) < m.layers) layerSel.value = keep; // on first load keep is "": leave layer 0 shown
    $<HTMLInputElement>("[data-unit]").max = String(m.hidden - 1);
    const path = m.files["neurons.json"];
    const neurons = path ? await fetchJson<{ top: Parameters<typeof suggestions>[0] }>(pretrainedUrl(path), "neurons.json").catch(() => null) : null;
    if (s.aborted) return;
    found = neurons ? suggestions(neurons.top) : [];
    suggestSel.innerHTML = `<option value="">(choose your own below)</option>` +
      found.map((s, i) => `<option value="${i}">${esc(s.feature.replace(/_/g, " "))}: layer ${s.layer} ${s.kind} ${s.cell} (r = ${s.score.toFixed(2)})</option>`).join("");
    const lossesPath = m.files["losses.json"];
    const losses = lossesPath ? await fetchJson<{ text: string }>(pretrainedUrl(lossesPath), "losses.json").catch(() => null) : null;
    if (s.aborted) return;
    $<HTMLTextAreaElement>("[data-seed]").value = losses ? losses.text.slice(0, losses.text.indexOf("\n") + 1) || "\n" : "\n";
    el.dataset.prepared = m.id;
  }

  function useSuggestion(): void {
    const s = found[Number(suggestSel.value)];
    if (!s || suggestSel.value === "") return;
    $<HTMLSelectElement>("[data-layer]").value = String(s.layer);
    $<HTMLSelectElement>("[data-kind]").value = s.kind;
    $<HTMLInputElement>("[data-unit]").value = String(s.cell);
  }

  /** Generate without and with the clamp, same seed, streaming into the two panes. */
  async function go(): Promise<void> {
    const s = runs.next();
    const m = model();
    const msg = $("[data-message]");
    delete el.dataset.difference;
    setState(el, "running");
    try {
      const meta = await loader.load();
      if (!meta || s.aborted) return;
      const read = readClamp(num("[data-layer]"), $<HTMLSelectElement>("[data-kind]").value, num("[data-unit]"), num("[data-value]"), meta.layers, meta.hidden);
      if ("message" in read) {
        msg.textContent = read.message;
        setState(el, "ready");
        return;
      }
      const { clamp } = read;
      $("[data-clamped-title]").textContent = `Layer ${clamp.layer} ${clamp.kind} cell ${clamp.unit} held at ${clamp.value}`;
      // A pasted book is read from its end only (the page says so), as in the playground.
      const seed = seedTail($<HTMLTextAreaElement>("[data-seed]").value);
      const opts: GenerateOptions = {
        seedText: seed.text,
        length: Math.max(1, Math.min(2000, Math.floor(num("[data-length]")) || 300)),
        temperature: Math.max(0, num("[data-temperature]") || 0),
        rngSeed: Math.floor(num("[data-rng]")) || 0,
        unknown: "skip",
      };
      msg.textContent = `${seedNote(seed)} Generating…`.trimStart();
      const texts: string[] = [];
      for (const [key, extra] of [["original", {}], ["clamped", { clamp }]] as const) {
        const pane = $(`[data-out="${key}"]`);
        pane.textContent = "";
        const g = generate(modelUrl(m), { ...opts, ...extra }, { onChunk: (t) => s.aborted || pane.append(t), signal: s });
        const r = await g.done;
        if (s.aborted || r.cancelled) return;
        pane.textContent = r.text;
        texts.push(r.text);
      }
      const at = firstDifference(texts[0], texts[1]);
      if (at >= 0) {
        // The clamped text from its first change on is marked (text nodes only: no markup from the model).
        const pane = $(`[data-out="clamped"]`);
        const chars = Array.from(texts[1]);
        pane.replaceChildren(chars.slice(0, at).join(""), h("mark", "", chars.slice(at).join("")));
      }
      msg.textContent = differenceSentence(texts[0], texts[1]);
      el.dataset.difference = String(at);
      setState(el, "ready");
    } catch (err) {
      if (s.aborted) return;
      // A request the runtime refuses (an empty seed) is the reader's to fix: no Retry for it.
      if (err instanceof OnnxRuntimeError && err.code === "invalid-request") {
        msg.textContent = err.message;
        setState(el, "ready");
      } else {
        msg.textContent = "";
        loader.fail(err);
      }
    }
  }

  $("[data-go]").addEventListener("click", () => void go(), { signal });
  $("[data-zero]").addEventListener("click", () => ($<HTMLInputElement>("[data-value]").value = "0"), { signal });
  suggestSel.addEventListener("change", useSuggestion, { signal });
  await prepareModel();
  if (!signal.aborted) setState(el, "ready");
}
