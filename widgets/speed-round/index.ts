/**
 * Speed Round (Module 2, timed): five steps of a scalar RNN in under two
 * minutes. All five right in time earns the "RNN Ninja" badge, kept in
 * localStorage with the best time. Rules and checks live in ./round.ts.
 *
 * Hooks for tests: `[data-param="whh|wxh|b"]` and `[data-x]` cells (each
 * with `data-value`, the number before the sign is folded into "+"/"−"), inputs
 * `[data-step="1…5"] input`, `[data-clock]`, `[data-announce]`,
 * `[data-summary]`, `[data-badge]`; the root's `data-phase` is
 * idle | running | won | timeout.
 */
import { setState } from "../lib/state.ts";
import { load, save } from "../lib/storage.ts";
import { parseNumber } from "../lib/rnn.ts";
import { short } from "../lib/numbers.ts";
import {
  announcementText,
  asBadge,
  dueAnnouncement,
  formatClock,
  formatElapsed,
  isRight,
  LIMIT_MS,
  makeRound,
  STEPS,
  TOLERANCE,
  trueStates,
  updateBadge,
  type Badge,
  type Round,
} from "./round.ts";
import { adoptCss } from "../lib/style.ts";
import css from "./speed-round.css" with { type: "text" };
import type { MountContext } from "../main.ts";
import { interval } from "../lib/abort.ts";
import { uniqueId } from "../lib/ids.ts";
import { finder } from "../lib/dom.ts";

const STORAGE_KEY = "speed-round:badge";
/** Often enough that the clock never shows a stale second; cheap (one subtraction). */
const TICK_MS = 200;

type Phase = "idle" | "running" | "won" | "timeout";

interface State {
  phase: Phase;
  round: Round | null;
  startedAt: number;
  said: Set<number>;
  values: (number | null)[];
  right: boolean[];
  /** Boxes whose verdict is shown: right ones at once, wrong ones after leaving the box or pressing Enter. */
  shown: boolean[];
  badge: Badge | null;
}


const sub = (name: string) => name.replace(/_(\{[^}]*\}|\w+)/g, (_, s: string) => `<sub>${s.replace(/[{}]/g, "")}</sub>`);

/** "h_t = tanh(0.5·h_{t−1} − 0.8·x_t + 0.1)": signs folded into the operators; `data-value` keeps each number. */
function equationHtml(r: Round): string {
  const term = (key: string, v: number, first: boolean) => {
    const op = first ? (v < 0 ? "\u2212" : "") : v < 0 ? " \u2212 " : " + ";
    return `${op}<span data-param="${key}" data-value="${v}">${short(Math.abs(v), 1)}</span>`;
  };
  return `${sub("h_t")} = tanh(${term("whh", r.whh, true)}·${sub("h_{t−1}")}${term("wxh", r.wxh, false)}·${sub("x_t")}${term("b", r.b, false)})`;
}

/** Mount the speed round in `el`; leaving the page stops the clock. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = uniqueId("rnn-sr");
  const state: State = {
    phase: "idle",
    round: null,
    startedAt: 0,
    said: new Set(),
    values: [],
    right: [],
    shown: [],
    badge: asBadge(load<unknown>(STORAGE_KEY, null)),
  };
  let stopClock = (): void => undefined;

  el.classList.add("rnn-sr");
  el.innerHTML = `
    <p>Compute five steps of a one-unit RNN, ${sub("h_t = tanh(w_hh·h_{t−1} + w_xh·x_t + b)")}, from
      h<sub>0</sub> = 0, in under ${LIMIT_MS / 60_000} minutes. Answers within ±${TOLERANCE} count; use your
      previous answer for the next step. A calculator is welcome.</p>
    <p class="rnn-sr__badge" data-badge></p>
    <div class="rnn-sr__bar">
      <button type="button" class="rnn-primary" data-action="start">Start</button>
      <span class="rnn-sr__clock" role="timer" aria-label="Time left" data-clock>${formatClock(LIMIT_MS)}</span>
    </div>
    <p class="rnn-sr-only" aria-live="polite" data-announce></p>
    <div class="rnn-sr__round" data-round hidden>
      <p class="rnn-sr__equation" data-equation></p>
      <table class="rnn-sr__inputs" aria-label="Inputs x_1 to x_5">
        <tr><th scope="row">t</th>${Array.from({ length: STEPS }, (_, t) => `<td>${t + 1}</td>`).join("")}</tr>
        <tr><th scope="row">${sub("x_t")}</th>${Array.from({ length: STEPS }, (_, t) => `<td data-x="${t + 1}"></td>`).join("")}</tr>
      </table>
      <form class="rnn-sr__answers" novalidate>
        ${Array.from({ length: STEPS }, (_, t) => `<div class="rnn-sr__answer" data-step="${t + 1}">
          <label for="${uid}-h${t + 1}">${sub(`h_${t + 1}`)}</label>
          <input id="${uid}-h${t + 1}" type="text" inputmode="decimal" autocomplete="off" spellcheck="false" size="8"
            aria-describedby="${uid}-fb${t + 1}">
          <span class="rnn-sr__fb" id="${uid}-fb${t + 1}"></span></div>`).join("")}
        <button type="submit">Check answers</button>
      </form>
    </div>
    <p class="rnn-sr__summary" aria-live="polite" data-summary></p>`;

  const $ = finder(el);
  const inputs = Array.from(el.querySelectorAll<HTMLInputElement>("[data-step] input"));
  const form = $<HTMLFormElement>("form");
  const startButton = $<HTMLButtonElement>('[data-action="start"]');

  /** The one place that writes state into the DOM (the clock has its own, per tick). */
  function paint(): void {
    el.dataset.phase = state.phase;
    const b = state.badge;
    $("[data-badge]").innerHTML = b
      ? `<span class="rnn-sr__medal" aria-hidden="true">★</span> <strong>RNN Ninja</strong> badge earned · best time ${formatElapsed(b.bestMs)}`
      : `No badge yet: get all ${STEPS} right within ${formatClock(LIMIT_MS)} to earn <strong>RNN Ninja</strong>.`;
    startButton.hidden = state.phase === "running";
    startButton.textContent = state.phase === "idle" ? "Start" : "Start a new round";
    const r = state.round;
    $<HTMLElement>("[data-round]").hidden = r === null;
    if (!r) return;
    $("[data-equation]").innerHTML = equationHtml(r);
    r.xs.forEach((x, t) => {
      const td = $<HTMLElement>(`[data-x="${t + 1}"]`);
      td.textContent = short(x);
      td.dataset.value = String(x);
    });
    const truth = trueStates(r);
    const over = state.phase !== "running";
    inputs.forEach((input, t) => {
      const box = input.closest<HTMLElement>("[data-step]")!;
      const status = state.right[t] ? "right" : state.shown[t] || over ? "wrong" : "";
      box.dataset.status = status;
      input.readOnly = over; // read-only, not disabled: focus stays where the reader was
      input.setAttribute("aria-invalid", String(status === "wrong"));
      // After the round, a wrong box shows the true value: the reader learns where the slip was.
      const wrong = over ? `✗ h${t + 1} = ${short(truth[t], 4)}` : `✗ not within ±${TOLERANCE}`;
      box.querySelector(".rnn-sr__fb")!.textContent = status === "right" ? "✓ right" : status === "wrong" ? wrong : "";
    });
  }

  function tick(): void {
    const left = state.startedAt + LIMIT_MS - Date.now();
    $("[data-clock]").textContent = formatClock(left);
    const s = dueAnnouncement(left, state.said);
    if (s !== null) $("[data-announce]").textContent = announcementText(s);
    if (left <= 0) finish("timeout");
  }

  function finish(phase: "won" | "timeout"): void {
    stopClock();
    state.phase = phase;
    const got = state.right.filter(Boolean).length;
    let text: string;
    if (phase === "won") {
      const elapsed = Date.now() - state.startedAt;
      const before = state.badge;
      state.badge = updateBadge(before, elapsed, new Date());
      text = `All ${STEPS} right in ${formatElapsed(elapsed)}: you earned the RNN Ninja badge!`;
      if (before && state.badge === before) text += ` Your best time is still ${formatElapsed(before.bestMs)}.`;
      else if (before) text += " That is a new best time.";
      const saved = save(STORAGE_KEY, state.badge);
      if (!saved.ok) text += " Your browser did not let this site save it, so the badge will be gone after a reload.";
    } else {
      text = `Time's up: ${got} of ${STEPS} right. The right values are next to the boxes; try a new round.`;
      $("[data-announce]").textContent = "";
    }
    $("[data-summary]").textContent = text;
    setState(el, "ready");
    paint();
  }

  function start(): void {
    const now = Date.now();
    Object.assign(state, {
      phase: "running",
      round: makeRound(now), // a fresh round each time; the clock reading is as good a seed as any
      startedAt: now,
      said: new Set<number>(),
      values: Array(STEPS).fill(null),
      right: Array(STEPS).fill(false),
      shown: Array(STEPS).fill(false),
    });
    for (const input of inputs) input.value = "";
    $("[data-summary]").textContent = "";
    $("[data-announce]").textContent = "The clock is running: two minutes.";
    $("[data-clock]").textContent = formatClock(LIMIT_MS);
    setState(el, "running");
    paint();
    stopClock();
    stopClock = interval(tick, TICK_MS, signal);
    inputs[0].focus();
  }

  /** Re-check every box: whether box t is right can depend on the reader's box t-1. */
  function recheck(): void {
    const r = state.round!;
    state.values = inputs.map((i) => parseNumber(i.value));
    state.right = state.values.map((v, t) => isRight(r, t, v, t > 0 && state.right[t - 1] ? state.values[t - 1] : null));
    if (state.right.every(Boolean) && Date.now() - state.startedAt <= LIMIT_MS) finish("won");
    else paint();
  }

  const onInput = () => state.phase === "running" && recheck();
  const onChange = (ev: Event) => {
    if (state.phase !== "running") return;
    const t = inputs.indexOf(ev.target as HTMLInputElement);
    if (t >= 0 && (ev.target as HTMLInputElement).value.trim() !== "") state.shown[t] = true;
    recheck();
  };
  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    if (state.phase !== "running") return;
    state.shown = inputs.map((i) => i.value.trim() !== "");
    recheck();
    if (state.phase === "running") {
      $("[data-summary]").textContent = `${state.right.filter(Boolean).length} of ${STEPS} right so far.`;
    }
  };
  form.addEventListener("input", onInput, { signal });
  form.addEventListener("change", onChange, { signal });
  form.addEventListener("submit", onSubmit, { signal });
  startButton.addEventListener("click", start, { signal });
  paint();
}
