/**
 * Hidden State Visualizer (Module 2): the reader types, and after every
 * character each layer's hidden vector h is drawn as a strip of coloured
 * cells (blue negative, red positive); the cells that moved by at least
 * CHANGE_THRESHOLD since the previous character are outlined. A text summary
 * (largest changes) and a table of every value are the non-visual views.
 * Pure logic in ./logic.ts; model picker, progress, Retry and vocabulary
 * note from ../model-kit/.
 *
 * Hooks for tests: `textarea[data-role="text"]`; `[data-layer="<l>"]` strips
 * whose cells `[data-unit]` carry `data-value` (h) and `data-delta`, and
 * `data-changed` when outlined; `[data-role="summary"]`; the root's
 * `data-steps` (characters read) once a run is drawn.
 */
import { runText, type ModelMeta } from "../runtime/onnx/client.ts";
import { describeError } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import { modelUrl, type ModelEntry } from "../model-kit/models.ts";
import { mountModelSlot } from "../model-kit/loader.ts";
import { unknownNote } from "../model-kit/ui.ts";
import { h } from "../lib/dom.ts";
import { tableHead } from "../lib/table.ts";
import { uniqueId } from "../lib/ids.ts";
import { checkVocab, speakChar } from "../model-kit/vocab.ts";
import { heatCss } from "../model-kit/format.ts";
import { fixed } from "../lib/numbers.ts";
import { biggestChanges, CHANGE_THRESHOLD, changedCount, latestLayers, MAX_CHARS, type LayerView } from "./logic.ts";
import css from "./hidden-state.css" with { type: "text" };
import type { MountContext } from "../main.ts";
import { timeout } from "../lib/abort.ts";
import { latest } from "../lib/latest.ts";

/** The grey a strip cell has at 0: darker than white, so the strip shows on the dark scheme too. */
const STRIP_NEUTRAL = 200;

/** Mount the visualizer in `el`. */
export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(css);
  const id = uniqueId("rnn-hs");
  el.classList.add("rnn-hs");
  const label = h("label", "", "Type here, one character at a time");
  const text = h("textarea", "rnn-hs__text");
  text.id = label.htmlFor = `${id}-text`;
  text.dataset.role = "text";
  text.rows = 2;
  text.maxLength = MAX_CHARS;
  text.spellcheck = false;
  text.value = el.dataset.text ?? "";
  const note = unknownNote();
  const summary = h("p", "rnn-hs__summary", undefined, { "data-role": "summary", "aria-live": "polite" });
  const strips = h("div", "rnn-hs__strips", undefined, { "aria-hidden": "true" });
  const legend = h("p", "rnn-hs__legend", `Blue: negative, red: positive, grey: near 0 (h lies between −1 and 1). Outlined: moved by ${CHANGE_THRESHOLD} or more since the previous character.`);
  const details = h("details", "rnn-hs__details");
  const detailsSummary = h("summary", "", "Every value as a table");
  const table = h("table", "rnn-hs__table");
  details.append(detailsSummary, table);
  el.replaceChildren(label, text, note.element, summary, legend, strips, details);

  let model: { entry: ModelEntry; meta: ModelMeta } | null = null;
  // Each keystroke's run supersedes the one before, so typing fast leaves one run going.
  const runs = latest(signal);
  let stopWaiting = (): void => undefined;

  function drawStrips(layers: LayerView[]): void {
    strips.replaceChildren(
      ...layers.map((layer, l) => {
        const row = h("div", "rnn-hs__layer");
        row.append(h("span", "rnn-hs__layer-name", `layer ${l + 1}`));
        const strip = h("div", "rnn-hs__strip");
        strip.dataset.layer = String(l);
        layer.now.forEach((v, i) => {
          const cell = h("span", "rnn-hs__cell");
          cell.dataset.unit = String(i);
          cell.dataset.value = String(v);
          cell.dataset.delta = String(layer.delta[i]);
          if (Math.abs(layer.delta[i]) >= CHANGE_THRESHOLD) cell.dataset.changed = "";
          cell.style.background = heatCss(v, 1, STRIP_NEUTRAL);
          strip.append(cell);
        });
        row.append(strip);
        return row;
      }),
    );
  }

  function drawTable(layers: LayerView[]): void {
    const thead = tableHead(["unit", ...layers.flatMap((_, l) => [`layer ${l + 1}: h`, `layer ${l + 1}: change`])]);
    const H = layers[0]?.now.length ?? 0;
    const rows = Array.from({ length: H }, (_, i) => {
      const tr = h("tr");
      tr.append(h("th", "", String(i), { scope: "row" }));
      for (const layer of layers) tr.append(h("td", "", fixed(layer.now[i], 3)), h("td", "", fixed(layer.delta[i], 3)));
      return tr;
    });
    const caption = h("caption", "", "Hidden state after the latest character, and its change from the character before");
    const tbody = h("tbody");
    tbody.append(...rows);
    table.replaceChildren(caption, thead, tbody);
  }

  async function update(): Promise<void> {
    if (!model) return;
    const { meta, entry } = model;
    const check = checkVocab(text.value, meta.vocab);
    note.show(check);
    const s = runs.next();
    if (check.fed === "") {
      strips.replaceChildren();
      table.replaceChildren();
      summary.textContent = "Type a character the model knows to see its hidden state.";
      el.dataset.steps = "0";
      return;
    }
    try {
      const r = await runText(modelUrl(entry), check.fed, { outputs: ["h"], signal: s });
      if (s.aborted) return;
      const T = r.ids.length;
      const layers = latestLayers(r.h!, T, meta.layers, meta.hidden);
      drawStrips(layers);
      drawTable(layers);
      const last = Array.from(check.fed).at(-1)!;
      summary.textContent =
        `After ${speakChar(last)} (character ${T}): ` +
        layers
          .map((layer, l) => {
            const top = biggestChanges(layer.delta, 3).map((i) => `unit ${i} ${fixed(layer.before[i], 2)} → ${fixed(layer.now[i], 2)}`);
            return `layer ${l + 1}: ${changedCount(layer.delta)} of ${meta.hidden} units moved by ${CHANGE_THRESHOLD} or more (largest: ${top.join(", ")})`;
          })
          .join("; ") + ".";
      el.dataset.steps = String(T);
    } catch (err) {
      if (!s.aborted) summary.textContent = describeError(err);
    }
  }

  text.addEventListener("input", () => {
    stopWaiting();
    stopWaiting = timeout(() => void update(), 30, signal);
  }, { signal });

  const slot = await mountModelSlot(el, el, {
    signal,
    corpora: (el.dataset.corpora ?? "tinyshakespeare,shakespeare").split(","),
    onSwitch: () => runs.cancel(),
    onReady: (entry, meta) => {
      model = { entry, meta };
      void update();
    },
  });
  if (!slot && !signal.aborted) summary.textContent = "No trained model is listed on this site yet.";
}
