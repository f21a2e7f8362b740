/**
 * NTM simulator (Module 7 § 7.4): the reader makes a sequence of 8-bit vectors (Random, a click or
 * Space/Enter on a bit, or typed as text), a Neural Turing Machine trained by build_models/memory
 * copies it in the page, and the reader steps through or plays the copy: the memory as a heatmap,
 * the write and read heads' weightings moving over its slots, the input and the copy against it
 * with wrong bits marked. A memory-size switch changes the model; the measured accuracy by length
 * and the learning curves of every size (from their meta.json) are drawn with their tables.
 *
 * The fence names the models: `models: ntm-copy-8 ntm-copy-16 ntm-copy-32` (folders of pretrained/).
 * Their meta.json files (small) load with the widget; a model file when its size is picked.
 *
 * Hooks for tests: `select[data-role="slots"]`, `input[data-role="length"]`, `[data-action="random"]`,
 * `input[data-role="bits-text"]`, bit buttons `[data-role="bit"]` (`data-t`, `data-j`, aria-pressed),
 * `input[data-role="step"]`, `[data-action="play"]`, `[data-action="prev"]`, `[data-action="next"]`;
 * memory rows `[data-slot]` with `data-w-read`, `data-w-write` (at the shown step); copy rows
 * `tr[data-vector]` (`data-wrong`); `[data-role="problem"]`, `[data-role="verdict"]`; the root's
 * `data-model`, `data-runs` (copies finished), `data-step`, `data-bits` (the sequence copied),
 * `data-wrong-bits`.
 */
import { rememberSequence, loadMemoryModel, type RememberResult } from "../runtime/onnx/client.ts";
import { h } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import { describeError, setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import { watchWidth } from "../lib/fit.ts";
import { latest } from "../lib/latest.ts";
import { player } from "../lib/player.ts";
import { hookedNumber } from "../lib/test-hooks.ts";
import { LINEPLOT_CSS } from "../lib/lineplot.ts";
import { fetchJson, formatBytes, pretrainedUrl } from "../model-kit/models.ts";
import { showRetry, withRetry } from "../model-kit/ui.ts";
import {
  bitsText, compare, describeStep, lengthProblem, MAX_LENGTH, modelIds, modelInfo, parseBits, randomBits, resized,
  START_LENGTH, toggled, verdict, WIDTH, type Bits, type MemoryModelInfo,
} from "./logic.ts";
import { accuracyChart, accuracyTable, copyTable, curveChart, curveTable, memoryView, seriesKey } from "./view.ts";
import { bitGrid } from "./grid.ts";
import css from "./ntm-simulator.css" with { type: "text" };
import type { MountContext } from "../main.ts";

const metaUrl = (id: string) => pretrainedUrl(`${id}/meta.json`);
/** Play's pace: slow enough to follow one head move at a time. */
const STEP_MS = 450;

export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(LINEPLOT_CSS);
  adoptCss(css);
  el.classList.add("rnn-ntm");
  const ids = modelIds(el.dataset.models);
  if (!ids.length) {
    setState(el, "error", "This simulator names no memory model (the page's `models` line is empty).");
    return;
  }
  const infos: MemoryModelInfo[] = await withRetry(el, signal, () => Promise.all(ids.map(async (id) =>
    modelInfo(await fetchJson<unknown>(metaUrl(id), `the description of ${id}`)))), []);
  if (signal.aborted || !infos.length) return;
  infos.sort((a, b) => a.slots - b.slots);
  const id = uniqueId("rnn-ntm");

  const slots = h("select", "", undefined, { id: `${id}-n`, "data-role": "slots" });
  for (const m of infos) slots.append(h("option", "", `${m.slots} slots (${formatBytes(m.bytes)})`, { value: m.id }));
  slots.value = infos[Math.min(1, infos.length - 1)].id;
  const length = h("input", "", undefined, { type: "number", id: `${id}-l`, min: "1", max: String(MAX_LENGTH), step: "1", value: String(START_LENGTH), "data-role": "length", inputmode: "numeric" });
  const random = h("button", "", "Random", { type: "button", "data-action": "random" });
  const text = h("input", "rnn-ntm__text", undefined, { type: "text", id: `${id}-t`, spellcheck: "false", autocomplete: "off", "data-role": "bits-text" });
  const problem = h("p", "rnn-ntm__problem", "", { "data-role": "problem", role: "alert" });
  problem.hidden = true;
  const status = h("span", "rnn-ntm__note", "", { "data-role": "load-status", "aria-live": "polite" });
  const progress = h("progress", "rnn-progress", undefined, { max: "1", value: "0", "aria-label": "Model download" });
  progress.hidden = true;
  const gridBox = h("div", "rnn-ntm__scroll", undefined, { role: "region", "aria-label": "The sequence, one row per vector: arrow keys move, Space or Enter flips a bit", tabindex: "-1" });
  const play = h("button", "", "Play", { type: "button", "data-action": "play" });
  const prev = h("button", "", "Previous step", { type: "button", "data-action": "prev" });
  const next = h("button", "", "Next step", { type: "button", "data-action": "next" });
  const step = h("input", "", undefined, { type: "range", id: `${id}-s`, min: "0", max: "0", step: "1", value: "0", "data-role": "step" });
  const stepOut = h("output", "", "", { for: step.id });
  const said = h("p", "rnn-ntm__said", "", { "aria-live": "polite", "data-role": "step-said" });
  const memBox = h("div", "rnn-ntm__membox");
  const copyBox = h("div", "rnn-ntm__copybox");
  const result = h("p", "rnn-ntm__said", "", { "aria-live": "polite", "data-role": "verdict" });
  const keyBox = h("div");
  const accFig = h("figure", "rnn-ntm__chart");
  const curveFig = h("figure", "rnn-ntm__chart");
  const accTable = h("details", "", [h("summary", "", "The numbers: accuracy by length"), h("div", "rnn-ntm__scroll", [accuracyTable(infos)], { role: "region", tabindex: "0", "aria-label": "Accuracy by length (scrolls sideways on a narrow screen)" })]);
  const curveTbl = h("details", "", [h("summary", "", "The numbers: learning curves"), h("div", "rnn-ntm__scroll", [curveTable(infos)], { role: "region", tabindex: "0", "aria-label": "Learning curves (scrolls sideways on a narrow screen)" })]);
  el.replaceChildren(
    h("div", "rnn-ntm__controls", [h("label", "", "Memory", { for: slots.id }), slots, status, progress]),
    h("div", "rnn-ntm__controls", [h("label", "", "Vectors", { for: length.id }), length, random]),
    h("div", "rnn-ntm__controls", [h("label", "", "Or type the bits (8 digits per vector)", { for: text.id }), text]),
    problem, gridBox,
    h("div", "rnn-ntm__controls", [play, prev, next, h("label", "", "Step", { for: step.id }), step, stepOut]),
    said,
    h("div", "rnn-ntm__panels", [memBox, copyBox]),
    h("p", "rnn-ntm__key", [h("span", "rnn-ntm__swatch rnn-ntm__swatch--write", undefined, { "aria-hidden": "true" }), " write head weight  ",
      h("span", "rnn-ntm__swatch rnn-ntm__swatch--read", undefined, { "aria-hidden": "true" }), " read head weight; memory numbers from blue (−1) through white (0) to red (+1)."]),
    result,
    h("p", "rnn-ntm__note", `Measured when the models were built (${infos[0].byLength[0]?.n ?? 0} held-out sequences per length; trained on lengths 1–${infos[0].trainMaxLen}):`),
    keyBox, accFig, accTable, curveFig, curveTbl,
  );

  let bits: Bits = randomBits(START_LENGTH, 1);
  let randomPresses = 1;
  let trace: RememberResult | null = null;
  let traced: Bits = bits;
  let runs = 0;
  let t = 0;
  const current = () => infos.find((m) => m.id === slots.value) ?? infos[0];

  const fit = watchWidth(accFig, () => drawCharts(), { signal });
  function drawCharts(): void {
    const w = fit.width(), now = current().id;
    keyBox.replaceChildren(seriesKey(infos, now));
    accFig.innerHTML = accuracyChart(infos, w, `${id}-acc`, now);
    curveFig.innerHTML = curveChart(infos, w, `${id}-curve`, now);
  }

  const grid = bitGrid(gridBox, { signal, onToggle: (ti, j) => setBits(toggled(bits, ti, j)) });

  function say(message: string | null): void {
    problem.textContent = message ?? "";
    problem.hidden = !message;
  }

  function paint(): void {
    el.dataset.step = String(t);
    step.value = String(t);
    play.textContent = pl.playing ? "Pause" : "Play";
    if (!trace) {
      memBox.replaceChildren();
      copyBox.replaceChildren();
      return;
    }
    const L = traced.length;
    stepOut.textContent = `${t + 1} of ${2 * L + 1}`;
    said.textContent = describeStep(t, L);
    const c = compare(trace.y, traced);
    memBox.replaceChildren(memoryView(trace, t));
    copyBox.replaceChildren(copyTable(traced, c.out, c.wrong, t));
    grid.highlight(t < L ? t : t > L ? t - L - 1 : -1);
  }
  const pl = player({ get: () => t, set: (i) => { t = i; }, last: () => (trace ? trace.steps - 1 : 0), ms: hookedNumber("RNN_NTM_STEP_MS", STEP_MS), paint, signal });

  const jobs = latest(signal);
  async function copy(): Promise<void> {
    const ticket = jobs.next();
    const m = current();
    pl.stop();
    setState(el, "running");
    try {
      progress.hidden = false;
      status.textContent = `Loading the ${m.slots}-slot model (${formatBytes(m.bytes)})…`;
      await loadMemoryModel(metaUrl(m.id), { onProgress: (p) => { progress.value = p.total ? p.loaded / p.total : 0; } });
      if (ticket.aborted) return;
      progress.hidden = true;
      status.textContent = `${m.slots} slots, ${m.parameters.toLocaleString("en")} parameters, trained in ${m.minutes.toFixed(1)} minutes.`;
      const seq = bits;
      const r = await rememberSequence(metaUrl(m.id), { bits: seq }, { signal: ticket });
      if (ticket.aborted) return;
      trace = r;
      traced = seq;
      t = r.steps - 1;
      step.max = String(r.steps - 1);
      const c = compare(r.y, seq);
      result.textContent = verdict(c.wrongBits, seq.length, m);
      el.dataset.model = m.id;
      el.dataset.bits = bitsText(seq);
      el.dataset.wrongBits = String(c.wrongBits);
      el.dataset.runs = String(++runs);
      setState(el, "ready");
      paint();
    } catch (err) {
      progress.hidden = true;
      if (ticket.aborted || signal.aborted) return;
      showRetry(el, describeError(err), () => { setState(el, "ready"); void copy(); });
    }
  }

  function setBits(next: Bits, fromText = false): void {
    bits = next;
    length.value = String(bits.length);
    if (!fromText) text.value = bitsText(bits);
    grid.draw(bits);
    say(null);
    void copy();
  }

  random.addEventListener("click", () => {
    const n = Number(length.value);
    const problemText = lengthProblem(n);
    setBits(randomBits(problemText ? bits.length : n, ++randomPresses));
  }, { signal });
  length.addEventListener("change", () => {
    const n = Number(length.value);
    const problemText = lengthProblem(n);
    if (problemText) {
      say(problemText);
      return;
    }
    setBits(resized(bits, n, ++randomPresses));
  }, { signal });
  text.addEventListener("change", () => {
    const parsed = parseBits(text.value);
    if ("problem" in parsed) {
      say(parsed.problem);
      return;
    }
    setBits(parsed.bits, true);
  }, { signal });
  slots.addEventListener("change", () => { drawCharts(); void copy(); }, { signal });
  play.addEventListener("click", () => pl.toggle(), { signal });
  prev.addEventListener("click", () => pl.go(-1), { signal });
  next.addEventListener("click", () => pl.go(1), { signal });
  step.addEventListener("input", () => { pl.stop(); t = Number(step.value); paint(); }, { signal });

  text.value = bitsText(bits);
  grid.draw(bits);
  drawCharts();
  el.dataset.width = String(WIDTH);
  await copy();
}
