/**
 * Hand Calculate (Module 2, difficulty ⭐): one RNN step with 2×2 weights,
 * worked out by the reader box by box. The numbers, the checks and the
 * worked solution come from ./problem.ts; this file only draws them.
 *
 * Root: `[data-widget="hand-calc"]`, optional `data-seed` (first problem
 * number). Hooks for tests: `[data-matrix]` tables, `input[data-field="wx-0"]`
 * …, `[data-feedback]`, `[data-status="right|wrong"]` on each box.
 */
import { parseNumber, type Mat, type Vec } from "../lib/rnn.ts";
import { short } from "../lib/numbers.ts";
import { adoptCss } from "../lib/style.ts";
import css from "./hand-calc.css" with { type: "text" };
import {
  checkField,
  makeProblem,
  QUANTITIES,
  TOLERANCE,
  workedSolution,
  type Entries,
  type Problem,
  type Quantity,
  type Verdict,
} from "./problem.ts";
import type { MountContext } from "../main.ts";
import { uniqueId } from "../lib/ids.ts";
import { finder } from "../lib/dom.ts";

/** Tries before "Show solution" opens: one honest retry after the first feedback. */
const TRIES_BEFORE_SOLUTION = 2;

/** Everything the widget shows, apart from what is typed in the boxes. */
interface State {
  n: number;
  problem: Problem;
  tries: number;
  /** Per box, [quantity][entry]: null until the box is checked (on leaving it, or by Check). */
  verdicts: (Verdict | null)[][];
  solutionShown: boolean;
}

const LABELS: Record<Quantity, string> = {
  wx: "W<sub>xh</sub>&thinsp;x",
  wh: "W<sub>hh</sub>&thinsp;h<sub>prev</sub>",
  pre: "a = W<sub>xh</sub>&thinsp;x + W<sub>hh</sub>&thinsp;h<sub>prev</sub> + b",
  h: "h = tanh(a)",
};
const NAMES: Record<Quantity, string> = { wx: "Wxh x", wh: "Whh hprev", pre: "sum a", h: "h" };

/** A matrix or column vector as a small bracketed table. */
function matrixHtml(key: string, label: string, rows: Mat): string {
  const body = rows.map((r) => `<tr>${r.map((v) => `<td>${short(v)}</td>`).join("")}</tr>`).join("");
  const shape = `${rows.length} by ${rows[0].length}`;
  return `<figure class="rnn-hc__given-item"><figcaption>${label}</figcaption>
    <table class="rnn-hc__mat" data-matrix="${key}" aria-label="${key}, ${shape}">${body}</table></figure>`;
}

const column = (v: Vec): Mat => v.map((e) => [e]);

function givenHtml(p: Problem): string {
  return [
    matrixHtml("Wxh", "W<sub>xh</sub>", p.Wxh),
    matrixHtml("x", "x", column(p.x)),
    matrixHtml("Whh", "W<sub>hh</sub>", p.Whh),
    matrixHtml("hprev", "h<sub>prev</sub>", column(p.hPrev)),
    matrixHtml("b", "b", column(p.b)),
  ].join("");
}

function stepsHtml(uid: string): string {
  return QUANTITIES.map((q, k) => {
    const boxes = [0, 1]
      .map((i) => {
        const id = `${uid}-${q}-${i}`;
        return `<div class="rnn-hc__box" data-box="${q}-${i}">
          <label for="${id}"><span class="rnn-sr-only">${NAMES[q]}, </span>entry ${i + 1}</label>
          <input id="${id}" data-field="${q}-${i}" type="text" inputmode="decimal" autocomplete="off"
            spellcheck="false" size="7" aria-describedby="${id}-fb">
          <span class="rnn-hc__fb" id="${id}-fb" data-feedback="${q}-${i}"></span></div>`;
      })
      .join("");
    return `<fieldset class="rnn-hc__step"><legend>${k + 1}. ${LABELS[q]}</legend>${boxes}</fieldset>`;
  }).join("");
}


/** Mount the exercise in `el`. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = uniqueId("rnn-hc");
  const first = Math.max(1, Math.floor(Number(el.dataset.seed ?? "1")) || 1);
  const unchecked = () => QUANTITIES.map(() => [null, null]);
  const state: State = { n: first, problem: makeProblem(first), tries: 0, verdicts: unchecked(), solutionShown: false };

  el.classList.add("rnn-hc");
  el.innerHTML = `
    <p>Work out one RNN step by hand:
      <strong>h = tanh(W<sub>xh</sub>&thinsp;x + W<sub>hh</sub>&thinsp;h<sub>prev</sub> + b)</strong>.
      Fill the boxes in order. Each box is checked when you leave it, all of them when you press Check;
      answers within ±${TOLERANCE} count as right, so two decimals are enough.</p>
    <p class="rnn-hc__title"><strong data-problem-number></strong></p>
    <div class="rnn-hc__given" data-given></div>
    <form class="rnn-hc__form" novalidate>
      ${stepsHtml(uid)}
      <div class="rnn-hc__actions">
        <button type="submit" class="rnn-primary">Check</button>
        <button type="button" data-action="solution" aria-describedby="${uid}-sol-note">Show solution</button>
        <button type="button" data-action="new">New numbers</button>
        <span class="rnn-hc__note" id="${uid}-sol-note" data-solution-note></span>
      </div>
    </form>
    <p class="rnn-hc__summary" data-summary aria-live="polite"></p>
    <div class="rnn-hc__solution" data-solution hidden>
      <p class="rnn-hc__solution-title"><strong>Worked solution</strong></p><ol></ol>
    </div>`;

  const $ = finder(el);
  const form = $<HTMLFormElement>("form");
  const inputs = Array.from(el.querySelectorAll<HTMLInputElement>("input[data-field]"));
  const solutionButton = $<HTMLButtonElement>('[data-action="solution"]');
  const summary = $<HTMLElement>("[data-summary]");

  const entries = (): Entries => {
    const out = {} as Entries;
    for (const q of QUANTITIES) out[q] = [0, 1].map((i) => parseNumber(inputFor(q, i).value));
    return out;
  };
  const inputFor = (q: Quantity, i: number) => inputs.find((x) => x.dataset.field === `${q}-${i}`)!;

  /** The one place that writes state into the DOM. */
  function paint(): void {
    $("[data-problem-number]").textContent = `Problem ${state.n}`;
    $("[data-given]").innerHTML = givenHtml(state.problem);
    for (const q of QUANTITIES) {
      for (const i of [0, 1]) {
        const v = state.verdicts[QUANTITIES.indexOf(q)][i];
        const box = $<HTMLElement>(`[data-box="${q}-${i}"]`);
        if (v) box.dataset.status = v.ok ? "right" : "wrong";
        else delete box.dataset.status;
        inputFor(q, i).setAttribute("aria-invalid", String(v ? !v.ok : false));
        $(`[data-feedback="${q}-${i}"]`).textContent = v ? `${v.ok ? "✓" : "✗"} ${v.message}` : "";
      }
    }
    const open = state.tries >= TRIES_BEFORE_SOLUTION;
    solutionButton.disabled = !open || state.solutionShown;
    $("[data-solution-note]").textContent = open
      ? ""
      : `Show solution opens after ${TRIES_BEFORE_SOLUTION} checks (${state.tries} so far).`;
    const sol = $<HTMLElement>("[data-solution]");
    sol.hidden = !state.solutionShown;
    sol.querySelector("ol")!.innerHTML = state.solutionShown
      ? workedSolution(state.problem).map((line) => `<li>${line}</li>`).join("")
      : "";
  }

  function check(): void {
    const typed = entries();
    state.verdicts = QUANTITIES.map((q) => [0, 1].map((i) => checkField(state.problem, { q, i }, typed)));
    state.tries += 1;
    const right = state.verdicts.flat().filter((v) => v?.ok).length;
    const total = state.verdicts.flat().length;
    let text =
      right === total
        ? `All ${total} right. Well done! Try New numbers for another problem.`
        : `${right} of ${total} right; the boxes marked ✗ say what to look at.`;
    if (right < total && state.tries === TRIES_BEFORE_SOLUTION && !state.solutionShown) {
      text += " Show solution is now available.";
    }
    summary.textContent = text;
    paint();
  }

  const onSubmit = (ev: Event) => {
    ev.preventDefault(); // Enter in any box checks, without leaving the page
    check();
  };
  // Each box is judged as the reader leaves it; only Check counts as a try.
  const onChange = (ev: Event) => {
    const field = (ev.target as HTMLElement).dataset.field;
    if (!field) return;
    const [q, i] = [field.split("-")[0] as Quantity, Number(field.split("-")[1])];
    const blank = inputFor(q, i).value.trim() === ""; // emptied again: back to unchecked
    state.verdicts[QUANTITIES.indexOf(q)][i] = blank ? null : checkField(state.problem, { q, i }, entries());
    paint();
  };
  const onClick = (ev: Event) => {
    const action = (ev.target as HTMLElement).closest<HTMLElement>("[data-action]")?.dataset.action;
    if (action === "solution") {
      state.solutionShown = true;
      summary.textContent = "The worked solution is below the boxes.";
      paint();
      $<HTMLElement>(".rnn-hc__solution-title").focus();
    } else if (action === "new") {
      state.n += 1;
      Object.assign(state, { problem: makeProblem(state.n), tries: 0, verdicts: unchecked(), solutionShown: false });
      for (const input of inputs) input.value = "";
      summary.textContent = `Problem ${state.n}: new numbers are above.`;
      paint();
    }
  };
  form.addEventListener("submit", onSubmit, { signal });
  form.addEventListener("change", onChange, { signal });
  el.addEventListener("click", onClick, { signal });
  $<HTMLElement>(".rnn-hc__solution-title").tabIndex = -1; // focus target after "Show solution"
  paint();

}
