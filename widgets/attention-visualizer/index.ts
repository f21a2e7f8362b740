/**
 * Attention visualizer (Module 7): the reader's English sentence through the attention translator;
 * the alignment table (source words × French words, each cell the weight, shaded); picking or
 * focusing a French word lights the English words it looked at, with percentages; then a prompt
 * about the adjective's column, answered from the alignment itself. Logic in ./logic.ts and
 * ../translator-kit/alignment.ts; the loader, form and table in ../translator-kit/live.ts.
 *
 * Root: `[data-widget="attention-visualizer"]`. Hooks for tests: `input[data-role="sentence"]`,
 * `button[data-action="translate"]`, `[data-role="translation"]` (`data-text`), the table hooks of
 * live.ts, `[data-role="focus"]` (where the picked word looked; `data-t`), `[data-role="summary"]`,
 * `button[data-action="reveal"]`, `[data-role="answer"]`; the root's `data-translated` (a counter).
 */
import { translate, type TranslateResult } from "../runtime/onnx/client.ts";
import { h } from "../lib/dom.ts";
import { latest } from "../lib/latest.ts";
import { setState } from "../lib/state.ts";
import type { MountContext } from "../main.ts";
import { clip, focusSentence } from "../translator-kit/alignment.ts";
import { alignmentTable, showFailure, light, notesBox, sentenceForm, sourceStrip, translatorLoader } from "../translator-kit/live.ts";
import { adjectiveAnswer, EXAMPLES, summary } from "./logic.ts";

export function render(el: HTMLElement, { signal }: MountContext): void {
  el.classList.add("rnn-av");
  const runs = latest(signal);
  const loader = translatorLoader(el);
  const form = sentenceForm({ label: "English sentence", action: "Translate", examples: EXAMPLES, onSubmit: (t) => void run(t), signal });
  const said = h("p", "rnn-tk__summary", "Press Translate (the translator downloads once, the first time).", { "data-role": "summary", "aria-live": "polite" });
  const notes = notesBox();
  const translation = h("p", "rnn-tk__out-text", "", { "data-role": "translation" });
  const tableBox = h("div", "rnn-tk__scroll");
  const focus = h("div", "", undefined, { "data-role": "focus", "aria-live": "polite" });
  const answer = h("div", "", undefined, { "data-role": "answer", "aria-live": "polite" });
  const reveal = h("button", "", "Reveal the answer", { type: "button", "data-action": "reveal", "aria-expanded": "false" });
  const prompt = h("div", "rnn-tk__reveal", [
    h("p", "", "Question: translate a sentence with an adjective (the first three examples). Which English word does the French adjective look at, and why does its bright cell leave the diagonal?"),
    reveal, answer,
  ]);
  prompt.hidden = true;
  el.replaceChildren(loader.element, form.element, said, notes.element, translation, tableBox, focus, prompt);
  let current: TranslateResult | null = null;
  let count = 0;

  const pick = (t: number) => {
    if (!current) return;
    const table = tableBox.querySelector("table");
    if (table) light(table, current, t);
    focus.dataset.t = String(t);
    focus.replaceChildren(h("p", "", focusSentence(current, t)), sourceStrip(current, t));
  };

  reveal.addEventListener("click", () => {
    if (!current) return;
    reveal.setAttribute("aria-expanded", "true");
    answer.replaceChildren(...adjectiveAnswer(current).map((s) => h("p", "", s)));
  }, { signal });

  async function run(text: string): Promise<void> {
    const s = runs.next();
    setState(el, "running");
    said.textContent = "Translating…";
    try {
      const live = await loader.get();
      if (s.aborted) return;
      const r = await translate(live.url, { text, strategy: "greedy" }, { signal: s });
      if (s.aborted) return;
      current = r;
      count += 1;
      notes.show(r);
      translation.textContent = `French: ${clip(r.text || "(nothing)")}`;
      translation.dataset.text = r.text;
      tableBox.replaceChildren(alignmentTable(r, { caption: `Attention weights: “${clip(r.sourceWords.join(" "), 80)}”`, onPick: pick, signal }));
      focus.replaceChildren();
      delete focus.dataset.t;
      answer.replaceChildren();
      reveal.setAttribute("aria-expanded", "false");
      prompt.hidden = false;
      said.textContent = summary(r);
      el.dataset.translated = String(count);
      setState(el, "ready");
    } catch (err) {
      showFailure(err, s, { el, said, fail: (e, r) => loader.fail(e, r), retry: () => void run(form.input.value) });
    }
  }
  setState(el, "ready");
}
