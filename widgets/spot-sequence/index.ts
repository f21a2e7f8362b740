/**
 * "Spot the Sequence" (Module 1): one data example at a time; the reader
 * says whether it is sequential data and gets a point for each right call,
 * with an explanation either way. The reader may pick their industry, whose
 * examples then come first in the round. Points, streaks, the industry and
 * the place in the round are saved in localStorage. Rules: ./game.ts.
 *
 * Hooks for tests: `select[data-industry]` (labelled "Your industry"; value
 * "" for no preference), `[data-industry-note]`, `[data-example]` (its `data-example` is the example id),
 * buttons "Sequential" and "Not sequential", `[data-feedback]` with
 * `data-result` right/wrong, `[data-points]`, `[data-streak]`, Next example,
 * Play again; the root's `data-phase` is asking | answered | done.
 */
import { setState } from "../lib/state.ts";
import { load, saveAndSay } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import css from "./spot-sequence.css" with { type: "text" };
import { answer, chooseIndustry, countIn, current, EXAMPLES, INDUSTRIES, next, replay, restore, type GameState } from "./game.ts";
import type { MountContext } from "../main.ts";
import { uniqueId } from "../lib/ids.ts";
import { finder } from "../lib/dom.ts";

const STORAGE_KEY = "spot-sequence:game";
/** Every reader starts from the same shuffled round; Play again moves on to the next seed. */
const FIRST_SEED = 2015;

/** Mount the game in `el`. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  let state: GameState = restore(load<unknown>(STORAGE_KEY, null), FIRST_SEED);

  el.classList.add("rnn-sp");
  const selectId = uniqueId("rnn-sp-industry");
  el.innerHTML = `
    <p class="rnn-sp__industry"><label for="${selectId}">Your industry</label>
      <select id="${selectId}" data-industry></select></p>
    <p class="rnn-sp__note" data-industry-note></p>
    <p class="rnn-sp__status"><span data-progress></span> · Points: <strong data-points></strong> ·
      Streak: <span data-streak></span> (best <span data-best></span>)</p>
    <p class="rnn-sp__example" data-example aria-live="polite"></p>
    <div class="rnn-sp__choices" role="group" aria-label="Is this sequential data?">
      <button type="button" data-choice="yes">Sequential</button>
      <button type="button" data-choice="no">Not sequential</button>
    </div>
    <p class="rnn-sp__feedback" data-feedback aria-live="polite"></p>
    <button type="button" class="rnn-primary" data-action="next">Next example</button>
    <button type="button" class="rnn-primary" data-action="again">Play again</button>
    <p class="rnn-sp__save" role="status" data-save></p>`;

  const $ = finder(el);
  const select = $<HTMLSelectElement>("[data-industry]");
  select.append(new Option("No preference: all examples mixed", ""), ...INDUSTRIES.map((i) => new Option(i.label, i.id)));

  /** The one place that writes state into the DOM. */
  function paint(): void {
    const ex = current(state);
    const phase = ex === null ? "done" : state.answer === null ? "asking" : "answered";
    el.dataset.phase = phase;
    select.value = state.industry;
    const industry = INDUSTRIES.find((i) => i.id === state.industry);
    const n = industry ? countIn(industry.id) : 0;
    $("[data-industry-note]").textContent = industry
      ? `${industry.label} first: the round opens with its ${n} examples, then the other ${EXAMPLES.length - n}.`
      : "";
    $("[data-progress]").textContent = ex
      ? `Example ${state.index + 1} of ${EXAMPLES.length}`
      : `Round complete: ${state.roundRight} of ${EXAMPLES.length} right`;
    $("[data-points]").textContent = String(state.points);
    $("[data-streak]").textContent = String(state.streak);
    $("[data-best]").textContent = String(state.best);
    const box = $<HTMLElement>("[data-example]");
    box.dataset.example = ex?.id ?? "";
    box.textContent = ex ? ex.text : "You have seen every example. Play again for a new order; your points carry over.";
    for (const b of el.querySelectorAll<HTMLButtonElement>("[data-choice]")) {
      b.hidden = phase === "done";
      b.setAttribute("aria-disabled", String(phase !== "asking"));
      b.setAttribute("aria-pressed", String(state.answer === (b.dataset.choice === "yes")));
    }
    const fb = $<HTMLElement>("[data-feedback]");
    if (ex && state.answer !== null) {
      const right = ex.sequential === state.answer;
      fb.dataset.result = right ? "right" : "wrong";
      fb.textContent = `${right ? "✓ Right, +1 point." : "✗ Not this time."} ${ex.sequential ? "Sequential" : "Not sequential"}: ${ex.why}`;
    } else {
      delete fb.dataset.result;
      fb.textContent = "";
    }
    $<HTMLElement>('[data-action="next"]').hidden = phase !== "answered";
    $<HTMLElement>('[data-action="again"]').hidden = phase !== "done";
  }

  function update(s: GameState, focus?: string): void {
    state = s;
    saveAndSay(STORAGE_KEY, state, $("[data-save]"));
    paint();
    if (focus) $<HTMLElement>(focus).focus();
  }

  const onClick = (ev: Event) => {
    const b = (ev.target as Element).closest<HTMLButtonElement>("button");
    if (!b || b.getAttribute("aria-disabled") === "true") return;
    if (b.dataset.choice) update(answer(state, b.dataset.choice === "yes"), '[data-action="next"]');
    else if (b.dataset.action === "next") {
      const s = next(state);
      update(s, current(s) ? '[data-choice="yes"]' : '[data-action="again"]');
    } else if (b.dataset.action === "again") update(replay(state), '[data-choice="yes"]');
  };
  const onChange = () => update(chooseIndustry(state, select.value));
  el.addEventListener("click", onClick, { signal });
  select.addEventListener("change", onChange, { signal });
  paint();
  setState(el, "ready");
}
