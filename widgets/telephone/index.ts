/**
 * Telephone Game (Module 3): the reader's message is the input at step 1;
 * 49 steps of seeded random chatter follow. How much of the message is left
 * in the hidden state at each step, for a vanilla RNN and an LSTM, is
 * computed by NumPy in Pyodide (../gradient-flow/flow.py, `telephone`).
 * The last message sent is kept in localStorage.
 *
 * Hooks for tests: the root's `data-computed` is the Python call on screen;
 * `[data-values] tbody tr[data-step]` cells carry `data-value` for
 * `data-net="rnn|lstm"`; `[data-verdict]` is the sentence about step 50.
 */
import { setState, describeError } from "../lib/state.ts";
import { load, saveAndSay } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import css from "../gradient-flow/gradient-flow.css" with { type: "text" };
import { logPlot } from "../gradient-flow/plot.ts";
import { watchWidth } from "../lib/fit.ts";
import { flowCall, showBoot } from "../gradient-flow/python.ts";
import { cleanMessage, MAX_LENGTH, share, telephoneCallFor, verdict, type Relay } from "./model.ts";
import type { MountContext } from "../main.ts";
import { onAbort } from "../lib/abort.ts";
import { latest } from "../lib/latest.ts";
import { esc } from "../lib/html.ts";
import { uniqueId } from "../lib/ids.ts";
import { finder } from "../lib/dom.ts";

const KEY = "telephone:message";

/** Mount the game in `el`. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = uniqueId("rnn-tg");
  let message = cleanMessage(load<unknown>(KEY, null));
  el.classList.add("rnn-gf");
  el.innerHTML = `
    <form class="rnn-gf__message" data-form>
      <label for="${uid}-msg">Message whispered at step 1</label>
      <input id="${uid}-msg" type="text" maxlength="${MAX_LENGTH}" value="${esc(message)}" data-message>
      <button type="submit" class="rnn-primary">Pass it on</button>
    </form>
    <p class="rnn-gf__status" data-status></p>
    <p class="rnn-gf__summary" aria-live="polite" data-verdict></p>
    <div data-plot></div>
    <p class="rnn-gf__status" role="status" data-saved></p>
    <details class="rnn-gf__table"><summary>Table of the plotted values</summary>
      <table data-values><caption>Size of the trace of the message in the hidden state at each step, relative to step 1</caption>
        <thead><tr><th scope="col">step</th><th scope="col">vanilla RNN</th><th scope="col">LSTM</th></tr></thead>
        <tbody></tbody></table></details>`;
  const $ = finder(el);
  const form = $<HTMLFormElement>("[data-form]");
  const input = $<HTMLInputElement>("[data-message]");
  onAbort(signal, showBoot($("[data-status]")));
  // A newer message stops the relay still being computed in Python, and so does leaving the page.
  const plays = latest(signal);
  /** The relay on screen, redrawn at a new width. */
  let shown: Relay | null = null;
  // The chart is drawn as wide as it is shown, so its 12 px labels stay 12 px on a phone.
  const fit = watchWidth($<HTMLElement>("[data-plot]"), () => shown && drawPlot(shown), { signal });

  /** The chart alone (a new width redraws it without touching the verdict). */
  function drawPlot(r: Relay): void {
    shown = r;
    $("[data-plot]").innerHTML = logPlot(r.steps,
      [{ key: "rnn", label: "vanilla RNN", values: r.rnn }, { key: "lstm", label: "LSTM", values: r.lstm }],
      "time step", "trace of the message (log scale)", "How much of the step-1 message is left at each step", verdict(r), uid, fit.width());
  }

  function paint(r: Relay): void {
    const text = verdict(r);
    $("[data-verdict]").textContent = text;
    drawPlot(r);
    $("[data-values] tbody").innerHTML = r.steps
      .map((t, k) => `<tr data-step="${t}"><th scope="row">${t}</th><td data-net="rnn" data-value="${r.rnn[k]}">${share(r.rnn[k])}</td>` +
        `<td data-net="lstm" data-value="${r.lstm[k]}">${share(r.lstm[k])}</td></tr>`)
      .join("");
  }

  async function play(): Promise<void> {
    const s = plays.next();
    const call = telephoneCallFor(message);
    setState(el, "running");
    try {
      const r = await flowCall<Relay>(call, { signal: s });
      if (s.aborted) return;
      el.dataset.computed = call;
      paint(r);
      setState(el, "ready");
    } catch (err) {
      if (!s.aborted) setState(el, "error", `The game could not be computed (${describeError(err)}). Reload the page to try again.`);
    }
  }

  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    message = cleanMessage(input.value);
    input.value = message;
    saveAndSay(KEY, message, $("[data-saved]"));
    void play();
  };
  form.addEventListener("submit", onSubmit, { signal });
  void play();
}
