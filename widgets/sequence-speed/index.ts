/**
 * Speed Comparison (Module 8): the stress test's LSTM (which reads the tokens one after another,
 * inside ONNX Runtime's LSTM operator) and its Transformer (one pass over all positions) timed on
 * the reader's machine at the length on the slider: a bracket sequence (\begin{X}, filler) of that
 * many tokens, a warm-up run, then as many runs as fit BUDGET_MS (median shown). Beside each time:
 * PyTorch's on the machine that built the models (meta.json), the bracket task's measured accuracy
 * at that distance, and what the model predicts for this very sequence.
 *
 * Hooks for tests: `input[data-role="length"]`, `[data-action="measure"]`, `[data-action="all"]`;
 * rows `tr[data-cell]` with `data-ms`, `data-runs` and `data-p-right`; the root's `data-length`
 * and `data-measured` (lengths measured so far), `data-runs` (measurements finished),
 * `data-sequence` (the words read at the slider's length); `[data-role="said"]` (aria-live).
 */
import { scoreWords } from "../runtime/onnx/client.ts";
import { h } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import { mulberry32 } from "../lib/random.ts";
import { describeError, setState } from "../lib/state.ts";
import { percent } from "../lib/numbers.ts";
import { tableHead } from "../lib/table.ts";
import { watchWidth } from "../lib/fit.ts";
import { latest } from "../lib/latest.ts";
import { showRetry, withRetry } from "../model-kit/ui.ts";
import { byCell, fetchWordModels, type WordModelEntry } from "../word-model-kit/models.ts";
import { makeBrackets } from "../word-model-kit/grammar.ts";
import { lineChart } from "../word-model-kit/chart.ts";
import { cellKey, loadAll, modelHeader, numCell, tasksOf, useWordModelCss, type LoadedWordModel } from "../word-model-kit/live.ts";
import { BUDGET_MS, LENGTHS, qualityAt, runsFor, speedLines, speedSummary, timeOf } from "./logic.ts";
import type { MountContext } from "../main.ts";

interface Measured { ms: number; runs: number; pRight: number }

export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  useWordModelCss();
  el.classList.add("rnn-wm", "rnn-sp");
  const all = await withRetry(el, signal, fetchWordModels, []);
  if (signal.aborted) return;
  const entries = [byCell(all, "lstm"), byCell(all, "transformer")].filter((e): e is WordModelEntry => e !== null);
  const id = uniqueId("rnn-sp");
  const slider = h("input", "", undefined, { type: "range", id: `${id}-l`, min: "0", max: String(LENGTHS.length - 1), step: "1", value: "3", "data-role": "length" });
  const out = h("output", "", "", { for: slider.id });
  const measure = h("button", "rnn-primary", "Measure", { type: "button", "data-action": "measure" });
  const everything = h("button", "", "Measure every length", { type: "button", "data-action": "all" });
  const status = h("span", "rnn-wm__note", "", { "aria-live": "polite", "data-role": "load-status" });
  const progress = h("progress", "rnn-progress", undefined, { max: "1", value: "0", "aria-label": "Model download" });
  progress.hidden = true;
  const said = h("p", "rnn-wm__said", "", { "aria-live": "polite", "data-role": "said" });
  const table = h("div", "rnn-wm__scroll", undefined, { tabindex: "0", role: "region", "aria-label": "Times and quality at this length (scrolls sideways on a narrow screen)" });
  const figure = h("figure", "rnn-wm__chart");
  el.replaceChildren(
    h("div", "rnn-wm__controls", [h("label", "", "Sequence length", { for: slider.id }), slider, out, measure, everything]),
    h("div", "", [status, progress]), said, table,
    cellKey(entries, "solid: this browser, now; dashed: PyTorch on the machine that built the models"), figure,
  );
  const here = new Map<string, Map<number, number>>(entries.map((e) => [e.id, new Map()]));
  const last = new Map<string, Measured>();
  let models: LoadedWordModel[] = [];
  let finished = 0;
  const fit = watchWidth(figure, () => drawChart(), { signal });
  const length = () => LENGTHS[Number(slider.value)];

  function drawChart(): void {
    figure.innerHTML = lineChart(speedLines(entries, here), {
      title: "Milliseconds to read one sequence, against its length (both axes logarithmic)",
      description: "Solid lines: the times measured in this browser so far; dashed lines: PyTorch on one CPU thread of the machine that built the models. The table above gives the numbers for the current length.",
      xLabel: "sequence length (tokens)", yLabel: "ms per sequence", idPrefix: id,
      xTicks: [...LENGTHS], log: true, logY: true, marker: length(), width: fit.width(),
    });
    el.dataset.measured = String(Math.min(...[...here.values()].map((m) => m.size)));
  }

  function drawTable(): void {
    const L = length();
    const rows = entries.map((e) => {
      const m = last.get(e.id);
      const q = qualityAt(e, L);
      const torch = e.speed.rows.find((r) => r.length === L);
      const tr = h("tr", "", [modelHeader(e),
        numCell(m ? `${m.ms < 10 ? m.ms.toFixed(2) : m.ms.toFixed(1)} ms (${m.runs} run${m.runs === 1 ? "" : "s"})` : "not measured"),
        numCell(torch ? `${torch.ms.toFixed(2)} ms` : "–"),
        numCell(q.row ? `${percent(q.row.accuracy, 1)} at ${q.row.distance}${q.beyond ? " (beyond training)" : ""}` : "–"),
        numCell(m ? `${percent(m.pRight, 1)}` : "–")], { "data-cell": e.cell, "data-model": e.id });
      if (m) Object.assign(tr.dataset, { ms: String(m.ms), runs: String(m.runs), pRight: String(m.pRight) });
      return tr;
    });
    table.replaceChildren(h("table", "rnn-wm__table", [
      h("caption", "", `${L.toLocaleString("en")} tokens: time per sequence, accuracy at this distance, this sequence's prediction`),
      tableHead(["Model", "Here (median)", "PyTorch, our machine", "Accuracy, held out", "P(right \\end)"]),
      h("tbody", "", rows)]));
  }

  const runs = latest(signal);
  async function measureAt(L: number, ticket: AbortSignal): Promise<number[]> {
    const world = tasksOf(models[0].meta).brackets;
    const seq = makeBrackets(mulberry32(L), world, L - 2);
    if (L === length()) el.dataset.sequence = seq.words.join(" ");
    const times: number[] = [];
    for (const m of models) {
      const first = await scoreWords(m.url, { words: seq.words }, { signal: ticket });   // warm-up, and the prediction
      const n = runsFor(first.ms[0], BUDGET_MS / models.length);
      const timed = await scoreWords(m.url, { words: seq.words, repeat: n, outputs: [] }, { signal: ticket });
      const V = m.meta.vocabulary.length, T = first.ids.length;
      const row = first.probs!.subarray((T - 1) * V, T * V);
      const ends = world.end.map((w) => row[m.meta.vocabulary.indexOf(w)]);
      const pRight = ends[seq.env] / ends.reduce((a, b) => a + b, 0);
      const ms = timeOf(timed.ms);
      here.get(m.entry.id)!.set(L, ms);
      if (L === length()) last.set(m.entry.id, { ms, runs: n, pRight });
      times.push(ms);
    }
    return times;
  }

  async function go(lengths: number[]): Promise<void> {
    const ticket = runs.next();
    setState(el, "running");
    try {
      let times: number[] = [];
      for (const L of lengths) {
        said.textContent = `Measuring ${L.toLocaleString("en")} tokens…`;
        last.clear();
        times = await measureAt(L, ticket);
        drawChart();
      }
      if (ticket.aborted) return;
      drawTable();
      said.textContent = speedSummary(entries, lengths[lengths.length - 1], times);
      el.dataset.length = String(lengths[lengths.length - 1]);
      el.dataset.runs = String(++finished);
      setState(el, "ready");
    } catch (err) {
      if (ticket.aborted || signal.aborted) return;
      showRetry(el, describeError(err), () => { setState(el, "ready"); void go(lengths); });
    }
  }

  function showLength(): void {
    out.textContent = `${length().toLocaleString("en")} tokens`;
    last.clear();
    drawTable();
    drawChart();
  }
  slider.addEventListener("input", showLength, { signal });
  slider.addEventListener("change", () => void go([length()]), { signal });
  measure.addEventListener("click", () => void go([length()]), { signal });
  everything.addEventListener("click", () => {
    const current = length();
    void go([...LENGTHS.filter((L) => L !== current), current]);
  }, { signal });

  showLength();
  for (const c of [slider, measure, everything]) c.disabled = true;
  setState(el, "loading");
  models = await withRetry(el, signal, () => loadAll(entries, status, progress), []);
  if (signal.aborted || !models.length) return;
  for (const c of [slider, measure, everything]) c.disabled = false;
  setState(el, "ready");
  void go([length()]);
}
