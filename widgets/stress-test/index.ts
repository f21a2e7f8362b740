/**
 * Long-Range Dependency Stress Test (Module 8): a sentence of the stress test's small world, read by
 * the four models of build_models/stress (vanilla RNN, GRU, LSTM, small Transformer), each giving
 * its probability of the verb's singular and plural forms after the subject phrase; a depth
 * slider that makes a new sentence with that many nouns between subject and verb (all of the other
 * number, or of random number); the sentence can be edited freely, within the small vocabulary;
 * and the accuracy against depth measured on held-out sentences (meta.json) with the training
 * range shaded.
 *
 * Hooks for tests: `input[data-role="sentence"]`, `input[data-role="depth"]`,
 * `[data-action="new"]`, `input[data-role="hard"]`; result rows `tr[data-cell]` with
 * `data-p-correct` and `data-p-singular`; the root's `data-depth` (the sentence's), `data-subject`
 * ("singular", "plural" or "none") and `data-scored` (how many sentences were scored);
 * `[data-role="said"]` (aria-live), `[data-role="parse"]`, `[data-role="problem"]`.
 */
import { scoreWords } from "../runtime/onnx/client.ts";
import { h } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import { mulberry32 } from "../lib/random.ts";
import { describeError, setState } from "../lib/state.ts";
import { watchWidth } from "../lib/fit.ts";
import { latest } from "../lib/latest.ts";
import { withRetry, showRetry } from "../model-kit/ui.ts";
import { fetchWordModels } from "../word-model-kit/models.ts";
import { makeSentence, parseAgreement, words as splitWords } from "../word-model-kit/grammar.ts";
import { cellKey, loadAll, tasksOf, useWordModelCss, type LoadedWordModel } from "../word-model-kit/live.ts";
import { describeParse, MAX_DEPTH, sentenceSeed, summary, verdict, type Verdict } from "./logic.ts";
import { depthChart, depthTable, resultTable } from "./view.ts";
import type { MountContext } from "../main.ts";

const FIRST = "the cat that the dogs near the house chase sleeps .";
/** Longest sentence the widget reads (words): far beyond the deepest evaluated sentences. */
const MAX_WORDS = 200;

export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  useWordModelCss();
  el.classList.add("rnn-wm", "rnn-st");
  const entries = await withRetry(el, signal, fetchWordModels, []);
  if (signal.aborted) return;
  const id = uniqueId("rnn-st");

  const input = h("input", "", undefined, { type: "text", id: `${id}-s`, "data-role": "sentence", spellcheck: "false", autocomplete: "off", value: FIRST });
  const depth = h("input", "", undefined, { type: "range", id: `${id}-d`, min: "0", max: String(MAX_DEPTH), step: "1", value: "2", "data-role": "depth" });
  const depthOut = h("output", "", "2", { for: `${id}-d` });
  const hard = h("input", "", undefined, { type: "checkbox", id: `${id}-h`, "data-role": "hard" });
  hard.checked = true;
  const again = h("button", "", "New sentence", { type: "button", "data-action": "new" });
  const status = h("span", "rnn-wm__note", "", { "data-role": "load-status", "aria-live": "polite" });
  const progress = h("progress", "rnn-progress", undefined, { max: "1", value: "0", "aria-label": "Model download" });
  progress.hidden = true;
  const parse = h("p", "rnn-wm__said", "", { "data-role": "parse" });
  const problem = h("p", "rnn-wm__said rnn-wm__error", "", { "data-role": "problem", role: "alert" });
  problem.hidden = true;
  const said = h("p", "rnn-wm__said", "", { "aria-live": "polite", "data-role": "said" });
  const results = h("div", "rnn-wm__scroll", undefined, { tabindex: "0", role: "region", "aria-label": "The four models on this sentence (scrolls sideways on a narrow screen)" });
  const figure = h("figure", "rnn-wm__chart");
  const tableBox = h("div");
  el.replaceChildren(
    h("div", "rnn-wm__controls", [h("label", "", "Sentence", { for: input.id }), input]),
    h("div", "rnn-wm__controls", [h("label", "", "Depth", { for: depth.id }), depth, depthOut, again,
      h("span", "", [hard, h("label", "", " every noun in between of the other number", { for: hard.id })])]),
    h("div", "", [status, progress]), parse, problem,
    h("p", "rnn-wm__note", "Each model's probabilities for the verb's two forms, shared between the two (the rest of the vocabulary left aside):"),
    results, said,
    h("p", "rnn-wm__note", "Measured on held-out sentences (the same four models):"), cellKey(entries), figure, tableBox,
  );

  let models: LoadedWordModel[] = [];
  let scored = 0;
  const counts = new Map<number, number>();
  const fit = watchWidth(figure, () => drawChart(), { signal });

  function drawChart(): void {
    figure.innerHTML = depthChart(entries, hard.checked, Number(el.dataset.depth ?? depth.value), fit.width(), id);
    tableBox.replaceChildren(depthTable(entries, hard.checked));
  }

  const run = latest(signal);
  async function score(): Promise<void> {
    const ws = splitWords(input.value).slice(0, MAX_WORDS + 1);
    const world = tasksOf(models[0].meta).agreement;
    const parsed = parseAgreement(ws, world, world.intransitive[0]);
    const d = Math.min(parsed.attractors.length, MAX_DEPTH);
    el.dataset.depth = String(parsed.attractors.length);
    el.dataset.subject = parsed.singular === null ? "none" : parsed.singular ? "singular" : "plural";
    depth.value = String(d);
    depthOut.textContent = String(parsed.attractors.length);
    drawChart();
    const vocab = new Set(models[0].meta.vocabulary);
    const unknown = [...new Set(parsed.prefix.filter((w) => !vocab.has(w)))];
    problem.hidden = true;
    if (ws.length > MAX_WORDS) {
      problem.textContent = `The sentence is longer than ${MAX_WORDS} words; shorten it (your text is kept).`;
      problem.hidden = false;
    } else if (unknown.length) {
      const nouns = world.animate.map((p) => p[0]).slice(0, 5).join(", ");
      problem.textContent = `The models know only this small world's words; ${unknown.slice(0, 5).map((w) => `“${w}”`).join(", ")}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ""} ${unknown.length === 1 ? "is" : "are"} not among them. Nouns such as ${nouns}; verbs such as ${world.transitive.map((p) => p[0]).slice(0, 4).join(", ")}; “that”, “the”, and ${world.prepositions.join(", ")}.`;
      problem.hidden = false;
    }
    parse.textContent = describeParse(parsed);
    if (!problem.hidden || parsed.subject === null) {
      results.replaceChildren(resultTable(entries, entries.map(() => null), parsed.verb));
      said.textContent = "";
      return;
    }
    const ticket = run.next();
    const current = () => !ticket.aborted;
    setState(el, "running");
    try {
      const verdicts: Verdict[] = [];
      for (const m of models) {
        const r = await scoreWords(m.url, { words: parsed.prefix }, { signal: ticket });
        const V = m.meta.vocabulary.length, T = r.ids.length;
        const row = r.probs!.subarray((T - 1) * V, T * V);
        const ix = (w: string) => m.meta.vocabulary.indexOf(w);
        verdicts.push(verdict(parsed, row[ix(parsed.verb[0])], row[ix(parsed.verb[1])]));
      }
      if (!current()) return;
      results.replaceChildren(resultTable(entries, verdicts, parsed.verb));
      said.textContent = summary(entries, verdicts);
      el.dataset.scored = String(++scored);
      setState(el, "ready");
    } catch (err) {
      if (!current() || signal.aborted) return;
      showRetry(el, describeError(err), () => { setState(el, "ready"); void score(); });
    }
  }

  function newSentence(): void {
    const d = Number(depth.value);
    const n = (counts.get(d) ?? 0) + 1;
    counts.set(d, n);
    const world = tasksOf(models[0].meta).agreement;
    input.value = makeSentence(mulberry32(sentenceSeed(d, n)), world, d, hard.checked).join(" ");
    void score();
  }

  let typing: number | undefined;
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = window.setTimeout(() => void score(), 250);
  }, { signal });
  signal.addEventListener("abort", () => clearTimeout(typing));
  depth.addEventListener("input", () => { depthOut.textContent = depth.value; }, { signal });
  depth.addEventListener("change", newSentence, { signal });
  again.addEventListener("click", newSentence, { signal });
  hard.addEventListener("change", () => { drawChart(); newSentence(); }, { signal });

  drawChart();
  for (const c of [input, depth, again, hard]) c.disabled = true;
  setState(el, "loading");
  models = await withRetry(el, signal, () => loadAll(entries, status, progress), []);
  if (signal.aborted || !models.length) return;
  for (const c of [input, depth, again, hard]) c.disabled = false;
  setState(el, "ready");
  await score();
}
