/**
 * Greedy vs beam search, step by step (Module 7): the attention translator decodes the reader's
 * sentence greedily (each step's five most probable words) and with beam search (width 1 to 8,
 * every step's hypotheses traced). Previous/Next walk the steps: greedy's choice and candidates,
 * beam's kept hypotheses, those finished and those pruned, with total log-probabilities and
 * per-token scores; then the final choice against greedy's (./logic.ts).
 *
 * Root: `[data-widget="beam-stepper"]`. Hooks for tests: `input[data-role="sentence"]`,
 * `select[data-role="width"]`, `button[data-action="translate"]`, `button[data-action="prev"]`,
 * `button[data-action="next"]`, `[data-role="step"]` (`data-k`), `tr[data-hyp]` rows with
 * `data-status` (kept|finished|pruned|done), `[data-role="greedy"]` (`data-text`),
 * `[data-role="final"]` (`data-text`: beam's choice), `[data-role="verdict"]`, `[data-role="summary"]`; the root's
 * `data-translated` (a counter).
 */
import { translate, type TranslateResult } from "../runtime/onnx/client.ts";
import { h } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import { latest } from "../lib/latest.ts";
import { fixed, percent } from "../lib/numbers.ts";
import { setState } from "../lib/state.ts";
import { tableHead } from "../lib/table.ts";
import type { MountContext } from "../main.ts";
import { clip } from "../translator-kit/alignment.ts";
import { showFailure, notesBox, sentenceForm, translatorLoader } from "../translator-kit/live.ts";
import { EXAMPLES, START_WIDTH, stepCount, stepSummary, stepView, verdict, WIDTHS, words, type Hyp } from "./logic.ts";

const STATUS: Record<string, string> = { kept: "kept", finished: "finished now", done: "finished earlier", pruned: "pruned" };

function hypTable(caption: string, rows: [Hyp, string][]): HTMLTableElement {
  return h("table", "rnn-tk__table rnn-bs__table", [
    h("caption", "", caption),
    tableHead(["Hypothesis", "Total log-prob", "Per token", "Status"]),
    h("tbody", "", rows.map(([hy, status]) => h("tr", `rnn-bs__${status}`, [
      h("th", "rnn-bs__words", words(hy), { scope: "row" }), h("td", "", fixed(hy.logProb, 3)), h("td", "", fixed(hy.score, 3)), h("td", "", STATUS[status]),
    ], { "data-hyp": words(hy), "data-status": status }))),
  ]);
}

export function render(el: HTMLElement, { signal }: MountContext): void {
  el.classList.add("rnn-bs");
  const runs = latest(signal);
  const loader = translatorLoader(el);
  const form = sentenceForm({ label: "English sentence", action: "Decode", examples: EXAMPLES, onSubmit: (t) => void run(t), signal });
  const widthId = uniqueId("rnn-bs-width");
  const width = h("select", "", WIDTHS.map((w) => h("option", "", String(w), { value: String(w) })), { id: widthId, "data-role": "width" });
  width.value = String(START_WIDTH);
  form.element.insertBefore(h("p", "rnn-tk__row", [h("label", "", "Beam width", { for: widthId }), width]), form.element.lastChild);
  const said = h("p", "rnn-tk__summary", "Press Decode (the translator downloads once, the first time).", { "data-role": "summary", "aria-live": "polite" });
  const notes = notesBox();
  const prev = h("button", "", "Previous step", { type: "button", "data-action": "prev" });
  const next = h("button", "", "Next step", { type: "button", "data-action": "next" });
  const nav = h("p", "rnn-tk__row", [prev, next]);
  const stepBox = h("div", "", undefined, { "data-role": "step" });
  const greedyLine = h("p", "", "", { "data-role": "greedy" });
  const final = h("p", "rnn-tk__summary", "", { "data-role": "final" });
  const compare = h("p", "", "", { "data-role": "verdict" });
  const results = h("div", "", [greedyLine, nav, stepBox, final, compare]);
  results.hidden = true;
  el.replaceChildren(loader.element, form.element, said, notes.element, results);
  let g: TranslateResult | null = null, b: TranslateResult | null = null, k = 0, bw = START_WIDTH, count = 0;

  function draw(): void {
    if (!g || !b) return;
    const trace = b.beamTrace ?? [];
    const n = stepCount(g.steps.length, trace);
    k = Math.max(0, Math.min(n - 1, k));
    prev.disabled = k === 0;
    next.disabled = k === n - 1;
    const st = g.steps[k];
    const greedyPart = st
      ? h("table", "rnn-tk__table", [
        h("caption", "", `Greedy, step ${k + 1}: it takes ${clip(st.word, 40)} (${percent(st.p, 1)}), the most probable word`),
        tableHead(["Next word", "Probability"]),
        h("tbody", "", st.top.map((c) => h("tr", c.word === st.word ? "rnn-bs__kept" : "", [h("th", "", c.word, { scope: "row" }), h("td", "", percent(c.p, 1))]))),
      ])
      : h("p", "", k === g.steps.length ? (g.hitMaxLen ? "Greedy stopped at the length limit." : "Greedy ends here: its most probable next token is the end of the sentence.") : "Greedy has already finished.");
    const v = stepView(trace, k);
    const beamPart = k < trace.length
      ? hypTable(`Beam (width ${bw}), step ${k + 1}`, [
        ...v.kept.map((x) => [x, "kept"] as [Hyp, string]),
        ...v.finishedNow.map((x) => [x, "finished"] as [Hyp, string]),
        ...v.finishedBefore.map((x) => [x, "done"] as [Hyp, string]),
        ...v.pruned.map((x) => [x, "pruned"] as [Hyp, string]),
      ])
      : h("p", "", "Beam search has already stopped.");
    stepBox.dataset.k = String(k);
    stepBox.replaceChildren(h("h3", "", `Step ${k + 1} of ${n}`), h("div", "rnn-bs__cols", [h("div", "rnn-tk__scroll", [greedyPart]), h("div", "rnn-tk__scroll", [beamPart])]));
    said.textContent = k < trace.length ? stepSummary(k, n, v) : `Step ${k + 1} of ${n}: beam search has stopped.`;
  }

  async function run(text: string): Promise<void> {
    const s = runs.next();
    setState(el, "running");
    said.textContent = "Decoding greedily and with beam search…";
    const w = Number(width.value);
    try {
      const live = await loader.get();
      if (s.aborted) return;
      const [gr, br] = await Promise.all([
        translate(live.url, { text, strategy: "greedy", topK: 5 }, { signal: s }),
        translate(live.url, { text, strategy: "beam", beam: w, trace: true }, { signal: s }),
      ]);
      if (s.aborted) return;
      g = gr; b = br; k = 0; bw = w;
      notes.show(gr);
      greedyLine.dataset.text = gr.text;
      greedyLine.textContent = `Greedy: ${clip(gr.text || "(nothing)")}`;
      final.dataset.text = br.text;
      final.textContent = `Beam's final choice: ${clip(br.text || "(nothing)")}`;
      compare.textContent = verdict(gr, br, w);
      results.hidden = false;
      draw();
      count += 1;
      el.dataset.translated = String(count);
      setState(el, "ready");
    } catch (err) {
      showFailure(err, s, { el, said, fail: (e, r) => loader.fail(e, r), retry: () => void run(form.input.value) });
    }
  }
  prev.addEventListener("click", () => { k -= 1; draw(); }, { signal });
  next.addEventListener("click", () => { k += 1; draw(); }, { signal });
  setState(el, "ready");
}
