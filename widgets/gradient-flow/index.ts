/**
 * Gradient Flow Simulator (Module 3): the size of the gradient that reaches
 * step 0 from a loss at step T, for T = 5 … 100, in a vanilla RNN and an
 * LSTM with seeded random weights. NumPy computes it live in the tab's
 * Pyodide worker (flow.py, the file the tests run in CPython). Knobs: the
 * RNN's recurrent weight scale and the LSTM's forget-gate bias; a toggle
 * shows either network or both. Settings are kept in localStorage.
 *
 * Hooks for tests: the root's `data-computed` is the Python call of the run
 * on screen; `[data-values] tbody tr[data-length]` cells carry `data-value`
 * (full precision) for `data-net="rnn|lstm"`; `[data-progress]` carries the
 * latest progress report of the running computation as `data-step` and
 * `data-total`; a stopped job (the reader left, the time limit) sets `data-stop-path`.
 */
import { setState, describeError } from "../lib/state.ts";
import { load, save } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import css from "./gradient-flow.css" with { type: "text" };
import { logPlot, sci, type Series } from "./plot.ts";
import { watchWidth } from "../lib/fit.ts";
import type { MountContext } from "../main.ts";
import { FlowStopped, flowCall, showBoot } from "./python.ts";
import { DEFAULTS, FORGET, SCALE, flowCallFor, restoreSettings, summary, type Flow, type Settings, type View } from "./model.ts";

const KEY = "gradient-flow:settings";
let counter = 0;

/** Mount the simulator in `el`; `signal` (the reader left) removes the listeners and stops the Python job. */
export function render(el: HTMLElement, { signal }: MountContext): () => void {
  adoptCss(css);
  const uid = `rnn-gf-${++counter}`;
  const s: Settings = restoreSettings(load<unknown>(KEY, DEFAULTS));
  const views: Record<View, string> = { both: "Both", rnn: "Vanilla RNN only", lstm: "LSTM only" };
  const radio = (v: View) =>
    `<label class="rnn-gf__choice"><input type="radio" name="${uid}-view" value="${v}"${v === s.view ? " checked" : ""}> ${views[v]}</label>`;
  const knob = (key: string, label: string, r: typeof SCALE, value: number) =>
    `<label class="rnn-gf__knob" for="${uid}-${key}">${label}
      <input id="${uid}-${key}" type="range" min="${r.min}" max="${r.max}" step="${r.step}" value="${value}" data-knob="${key}">
      <output for="${uid}-${key}" data-out="${key}">${value.toFixed(1)}</output></label>`;

  el.classList.add("rnn-gf");
  el.innerHTML = `
    <form class="rnn-gf__controls" data-controls>
      <fieldset><legend>Show</legend>${(["both", "rnn", "lstm"] as View[]).map(radio).join("")}</fieldset>
      <fieldset><legend>Knobs</legend>
        ${knob("scale", "RNN recurrent weight scale", SCALE, s.scale)}
        ${knob("forget", "LSTM forget-gate bias", FORGET, s.forgetBias)}
        <button type="button" data-reset>Reset knobs</button>
      </fieldset>
    </form>
    <p class="rnn-gf__status" data-status></p>
    <p class="rnn-gf__status" data-progress hidden></p>
    <div data-plot></div>
    <p class="rnn-gf__summary" aria-live="polite" data-summary></p>
    <p class="rnn-gf__status" role="status" data-saved></p>
    <details class="rnn-gf__table"><summary>Table of the plotted values</summary>
      <table data-values><caption>Gradient size at step 0 for a gradient of size 1 at step T</caption>
        <thead><tr><th scope="col">T</th><th scope="col">vanilla RNN</th><th scope="col">LSTM</th></tr></thead>
        <tbody></tbody></table></details>`;

  const $ = <T extends Element>(sel: string) => el.querySelector<T>(sel)!;
  const form = $<HTMLFormElement>("[data-controls]");
  const stopBoot = showBoot($("[data-status]"));
  const progress = $<HTMLElement>("[data-progress]");
  let busy = false;
  let pending = false;
  /** The run on screen: switching the view redraws it without asking Python again. */
  let last: Flow | null = null;
  // The chart is drawn as wide as it is shown, so its 12 px labels stay 12 px on a phone.
  const fit = watchWidth($<HTMLElement>("[data-plot]"), () => last && drawPlot(last));

  /** The chart alone (a new width redraws it without touching the live summary). */
  function drawPlot(f: Flow): string {
    const series: Series[] = [];
    if (s.view !== "lstm") series.push({ key: "rnn", label: "vanilla RNN", values: f.rnn });
    if (s.view !== "rnn") series.push({ key: "lstm", label: "LSTM", values: f.lstm });
    const text = summary(f, s.view);
    $("[data-plot]").innerHTML = logPlot(f.lengths, series, "sequence length T", "gradient size (log scale)",
      "Gradient size reaching step 0, by sequence length", text, uid, fit.width());
    return text;
  }

  function paint(f: Flow): void {
    const text = drawPlot(f);
    $("[data-summary]").textContent = text;
    $("[data-values] tbody").innerHTML = f.lengths
      .map((T, k) => `<tr data-length="${T}"><th scope="row">${T}</th>` +
        `<td data-net="rnn" data-value="${f.rnn[k]}">${sci(f.rnn[k])}</td><td data-net="lstm" data-value="${f.lstm[k]}">${sci(f.lstm[k])}</td></tr>`)
      .join("");
  }

  /** Compute the current settings; a change made meanwhile is computed right after. */
  async function compute(): Promise<void> {
    if (busy) {
      pending = true;
      return;
    }
    busy = true;
    setState(el, "running");
    try {
      do {
        pending = false;
        const call = flowCallFor(s);
        const f = await flowCall<Flow>(call, {
          signal,
          onProgress: ({ step, total }) => {
            progress.hidden = false;
            progress.dataset.step = String(step);
            progress.dataset.total = String(total);
            progress.textContent = total ? `Computing the gradients: step ${step} of ${total}…` : "Computing the gradients…";
          },
        });
        if (signal.aborted) return;
        el.dataset.computed = call;
        last = f;
        paint(f);
      } while (pending && !signal.aborted);
      setState(el, "ready");
    } catch (err) {
      // Published even after the reader left: tests read it from the detached element.
      if (err instanceof FlowStopped) el.dataset.stopPath = err.via;
      if (!signal.aborted) setState(el, "error", `The simulator could not compute (${describeError(err)}). Reload the page to try again.`);
    } finally {
      progress.hidden = true;
      busy = false;
    }
  }

  function persist(): void {
    const r = save(KEY, s);
    $("[data-saved]").textContent = r.ok ? "" : r.reason;
  }

  function changed(): void {
    $("[data-out='scale']").textContent = s.scale.toFixed(1);
    $("[data-out='forget']").textContent = s.forgetBias.toFixed(1);
    persist();
    void compute();
  }
  const onInput = (ev: Event) => {
    const t = ev.target as HTMLInputElement;
    if (t.name === `${uid}-view`) {
      s.view = t.value as View;
      persist();
      if (last) paint(last);
      return;
    }
    if (t.dataset.knob === "scale") s.scale = Number(t.value);
    else if (t.dataset.knob === "forget") s.forgetBias = Number(t.value);
    changed();
  };
  const onReset = () => {
    s.scale = DEFAULTS.scale;
    s.forgetBias = DEFAULTS.forgetBias;
    $<HTMLInputElement>("[data-knob='scale']").value = String(s.scale);
    $<HTMLInputElement>("[data-knob='forget']").value = String(s.forgetBias);
    changed();
  };
  const onSubmit = (ev: Event) => ev.preventDefault();
  form.addEventListener("input", onInput, { signal });
  form.addEventListener("submit", onSubmit, { signal });
  $("[data-reset]").addEventListener("click", onReset, { signal });
  void compute();

  // The signal has removed the listeners and stopped a computation; these hold on beyond the element.
  return () => {
    fit.stop();
    stopBoot();
  };
}
