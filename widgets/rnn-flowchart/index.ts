/**
 * "Should I use an RNN?" (Module 8): five questions asked one at a time as a flowchart path.
 * Each answered question stays on the path with what the answer contributed; the reader can go
 * back and change any of them. Once all five are answered, the recommendation (one of five) and
 * the rule that decided it are announced. Answers are saved in localStorage; the rules live in
 * ./logic.ts.
 *
 * Hooks for tests: steps `[data-question="<id>"]` (hidden until reached) with radio inputs
 * (value = choice id) and `[data-reason]`; the root's `data-recommendation` (an outcome id,
 * empty until complete); `[data-result]`, `[data-progress]`, `[data-save]`; a Start over button.
 */
import { esc } from "../lib/html.ts";
import { setState } from "../lib/state.ts";
import { load, remove, saveAndSay } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import { finder } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import type { MountContext } from "../main.ts";
import css from "./rnn-flowchart.css" with { type: "text" };
import { answeredPath, cleanAnswers, QUESTIONS, recommend, type Answers, type Recommendation } from "./logic.ts";

const STORAGE_KEY = "rnn-flowchart:answers";

/** The result as HTML: the recommendation, the deciding rule, and every step's contribution. */
function resultHtml(r: Recommendation): string {
  const steps = r.steps
    .map((s) => `<li><span class="rnn-fc__q">${esc(s.question.prompt)}</span> You answered “${esc(s.choice.text)}”. ${esc(s.choice.reason)}</li>`)
    .join("");
  return `<h3 class="rnn-fc__title">Recommendation: ${esc(r.outcome.title)}</h3>
    <p>${esc(r.outcome.summary)}</p>
    <p data-decision><strong>What decided it:</strong> ${esc(r.decision)}</p>
    <details class="rnn-fc__why"><summary>The reasoning, step by step</summary><ol data-steps>${steps}</ol></details>`;
}

/** Mount the flowchart in `el`. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = uniqueId("rnn-fc");
  const answers: Answers = cleanAnswers(load<unknown>(STORAGE_KEY, {}));

  el.classList.add("rnn-fc");
  el.innerHTML = `
    <p class="rnn-fc__progress" data-progress></p>
    <ol class="rnn-fc__path">
      ${QUESTIONS.map((q, k) => `<li class="rnn-fc__step" data-question="${q.id}">
        <fieldset><legend>${k + 1}. ${esc(q.prompt)}</legend>
          ${q.choices.map((c) => `<label><input type="radio" name="${uid}-${q.id}" value="${c.id}"> ${esc(c.text)}</label>`).join("")}
        </fieldset>
        <p class="rnn-fc__reason" data-reason></p></li>`).join("")}
    </ol>
    <div class="rnn-fc__result" data-result aria-live="polite"></div>
    <p class="rnn-fc__save" role="status" data-save></p>
    <button type="button" data-action="reset">Start over</button>`;

  const $ = finder(el);
  const result = $("[data-result]");
  let shown = "";

  /** The one place that writes state into the DOM. */
  function paint(): void {
    const path = answeredPath(answers);
    QUESTIONS.forEach((q, k) => {
      const step = $(`[data-question="${q.id}"]`);
      // A step is on the path once every question before it is answered.
      step.hidden = k > path.length;
      for (const input of step.querySelectorAll<HTMLInputElement>("input")) input.checked = answers[q.id] === input.value;
      step.dataset.answered = String(k < path.length);
      step.querySelector<HTMLElement>("[data-reason]")!.textContent = k < path.length ? path[k].choice.reason : "";
    });
    const n = path.length;
    $("[data-progress]").textContent = n < QUESTIONS.length
      ? `Question ${n + 1} of ${QUESTIONS.length}. What each answer contributes appears under its question; you can change any answer at any time.`
      : `All ${QUESTIONS.length} questions answered. Change any answer to see how the recommendation moves.`;
    const r = recommend(answers);
    el.dataset.recommendation = r?.outcome.id ?? "";
    const html = r ? resultHtml(r) : "";
    // Rewrite only on change, so the live region speaks once per new result.
    if (html !== shown) {
      shown = html;
      result.innerHTML = html;
    }
  }

  el.addEventListener("change", (ev) => {
    const input = ev.target as HTMLInputElement;
    const q = input.closest<HTMLElement>("[data-question]")?.dataset.question;
    if (!q || input.type !== "radio") return;
    answers[q as keyof Answers] = input.value;
    saveAndSay(STORAGE_KEY, answers, $("[data-save]"));
    paint();
  }, { signal });
  el.addEventListener("click", (ev) => {
    if (!(ev.target as Element).closest('[data-action="reset"]')) return;
    for (const k of Object.keys(answers)) delete answers[k as keyof Answers];
    remove(STORAGE_KEY);
    paint();
    el.querySelector<HTMLInputElement>("input[type=radio]")?.focus();
  }, { signal });
  paint();
  setState(el, "ready");
}
