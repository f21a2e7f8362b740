/**
 * Debug the attention (Module 7): the attention translator's worst test-set translations
 * (worst.json, diagnosed by build_models/translate/evaluate.py's rules), one at a time in a fixed
 * shuffled order, rounds of ROUND. For each: the English, the references, the model's output (re-run
 * live for its alignment table); the reader picks one of five diagnoses, then the rules' diagnosis
 * is revealed with the case's measured facts and the rules text. A local score (localStorage; a
 * refused save is said, never an error).
 *
 * Root: `[data-widget="attention-debugging"]`. Hooks for tests: `button[data-action="start"]`,
 * `[data-role="case"]` (`data-index`: the case's index in worst.json), `input[name][value=<diagnosis>]`
 * radios, `button[data-action="check"]`, `[data-role="verdict"]` (`data-diagnosis`, `data-right`),
 * `[data-role="facts"]`, `[data-role="rules"]`, `button[data-action="next"]`, `[data-role="score"]`,
 * `[data-role="live"]` (the live output, `data-text`), the table hooks of ../translator-kit/live.ts.
 */
import { translate } from "../runtime/onnx/client.ts";
import { h } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import { latest } from "../lib/latest.ts";
import { setState } from "../lib/state.ts";
import { load, saveAndSay } from "../lib/storage.ts";
import type { MountContext } from "../main.ts";
import { alignmentTable, isCancel, translatorLoader } from "../translator-kit/live.ts";
import { fetchWorst, type WorstFile } from "../translator-kit/translators.ts";
import { DIAGNOSES, explainCase, labelOf, readScore, ROUND, scored, scoreText, shuffledOrder } from "./logic.ts";

const KEY = "attention-debugging:score";

export function render(el: HTMLElement, { signal }: MountContext): void {
  el.classList.add("rnn-ad");
  const runs = latest(signal);
  const loader = translatorLoader(el);
  const start = h("button", "rnn-primary", "Start the challenge", { type: "button", "data-action": "start" });
  let score = readScore(load<unknown>(KEY, null));
  const scoreLine = h("p", "", scoreText(score), { "data-role": "score", "aria-live": "polite" });
  const saveNote = h("p", "rnn-tk__note", "", { role: "status" });
  const resetScore = h("button", "", "Reset score", { type: "button", "data-action": "reset-score" });
  const said = h("p", "rnn-tk__summary", "", { "data-role": "summary", "aria-live": "polite" });
  const box = h("div", "rnn-ad__case");
  el.replaceChildren(loader.element, h("p", "rnn-tk__row", [start, resetScore]), scoreLine, saveNote, said, box);
  let file: WorstFile | null = null;
  let order: number[] = [];
  let pos = 0;

  resetScore.addEventListener("click", () => {
    score = { right: 0, tried: 0 };
    saveAndSay(KEY, score, saveNote);
    scoreLine.textContent = scoreText(score);
  }, { signal });

  async function begin(): Promise<void> {
    const s = runs.next();
    setState(el, "running");
    said.textContent = "Loading the translator and its worst translations…";
    try {
      const live = await loader.get();
      if (s.aborted) return;
      file ??= await fetchWorst(live.entry);
      if (s.aborted) return;
      if (file.worst.length === 0) {
        said.textContent = "This translator's evaluation listed no mistranslations.";
        setState(el, "ready");
        return;
      }
      order = shuffledOrder(file.worst.length);
      start.hidden = true;
      await showCase(live.url, s);
    } catch (err) {
      if (isCancel(err, s)) return;
      said.textContent = "";
      loader.fail(err, () => void begin());
    }
  }

  async function showCase(url: string, s: AbortSignal): Promise<void> {
    if (!file) return;
    const index = order[pos % order.length];
    const c = file.worst[index];
    const n = (pos % ROUND) + 1, round = Math.floor(pos / ROUND) + 1;
    const name = uniqueId("rnn-ad-pick");
    const liveOut = h("p", "", "Re-running the model for its attention…", { "data-role": "live" });
    const tableBox = h("div", "rnn-tk__scroll");
    const radios = DIAGNOSES.map((d) => h("label", "rnn-ad__choice", [h("input", "", undefined, { type: "radio", name, value: d.id }), ` ${d.label}`]));
    const check = h("button", "rnn-primary", "Check my diagnosis", { type: "button", "data-action": "check" });
    const next = h("button", "", n === ROUND ? "Next round" : "Next case", { type: "button", "data-action": "next" });
    const verdict = h("div", "", undefined, { "data-role": "verdict", "aria-live": "polite" });
    box.replaceChildren(h("div", "", [
      h("p", "", [h("strong", "", "English: "), c.source]),
      h("p", "", [h("strong", "", c.refs.length > 1 ? "References: " : "Reference: "), c.refs.join(" | ")]),
      h("p", "", [h("strong", "", "The model's output (test-set evaluation): "), c.greedy]),
      liveOut, tableBox,
      h("fieldset", "rnn-ad__pick", [h("legend", "", "What went wrong?"), ...radios]),
      h("p", "rnn-tk__row", [check, next]), verdict,
    ], { "data-role": "case", "data-index": String(index) }));
    check.addEventListener("click", () => {
      const picked = box.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`);
      if (!picked) {
        verdict.replaceChildren(h("p", "", "Pick a diagnosis first."));
        return;
      }
      const right = picked.value === c.diagnosis;
      if (!verdict.dataset.diagnosis) {
        score = scored(score, right);
        saveAndSay(KEY, score, saveNote);
        scoreLine.textContent = scoreText(score);
      }
      verdict.dataset.diagnosis = c.diagnosis;
      verdict.dataset.right = String(right);
      verdict.replaceChildren(
        h("p", "rnn-tk__summary", `${right ? "Right" : "Not quite"}: the rules say ${labelOf(c.diagnosis).toLowerCase()}.`),
        h("ul", "", explainCase(c, file!).map((f) => h("li", "", f)), { "data-role": "facts" }),
        h("p", "rnn-tk__note", `The rules, ${file!.rules}.`, { "data-role": "rules" }),
      );
      box.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`).forEach((r) => (r.disabled = true));
      check.disabled = true;
      next.focus();
    }, { signal });
    next.addEventListener("click", () => {
      pos += 1;
      void showCase(url, runs.next());
    }, { signal });
    said.textContent = `Round ${round}, case ${n} of ${ROUND}: what went wrong?`;
    setState(el, "ready");
    try {
      const r = await translate(url, { text: c.source, strategy: "greedy" }, { signal: s });
      if (s.aborted) return;
      liveOut.dataset.text = r.text;
      liveOut.textContent = r.text === c.greedy
        ? "Re-run in your browser, the model gives the same output; its attention:"
        : `Re-run in your browser, the model gives “${r.text}” (the evaluation ran in PyTorch, whose arithmetic differs in the last digits); its attention:`;
      tableBox.replaceChildren(alignmentTable(r, { caption: "Attention weights of the re-run" }));
    } catch (err) {
      if (isCancel(err, s)) return;
      liveOut.textContent = `The re-run failed (${(err as Error).message}); the case can still be diagnosed from the text.`;
    }
  }

  start.addEventListener("click", () => void begin(), { signal });
  setState(el, "ready");
}
