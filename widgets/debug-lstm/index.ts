/**
 * "Debug the LSTM" challenge (Module 3): three models that fail to learn,
 * each shown through its average gate activations over 16 steps (a table
 * shaded by value, so the numbers are the chart); the reader picks the
 * fault and gets feedback that points at the evidence. Answers are kept in
 * localStorage; "Start over" clears them. Logic and answer key: ./model.ts.
 *
 * Hooks for tests: each case `[data-case="<id>"]` with `data-result`
 * right | wrong once answered; radios `input[value="<fault>"]`;
 * `[data-feedback]`, `[data-score]`; heatmap cells `td[data-value]` in rows
 * `tr[data-row="f|i|o|c|h"]`.
 */
import { load, remove, saveAndSay } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import css from "./debug-lstm.css" with { type: "text" };
import { CASES, CHOICES, T, feedback, restoreAnswers, rows, simulate, type Case, type FaultId } from "./model.ts";
import type { MountContext } from "../main.ts";
import { uniqueId } from "../lib/ids.ts";
import { finder } from "../lib/dom.ts";

const KEY = "debug-lstm:answers";

function heatmap(c: Case, label: string): string {
  const head = Array.from({ length: T }, (_, t) => `<th scope="col">${t + 1}</th>`).join("");
  const body = rows(simulate(c))
    .map((r) => `<tr data-row="${r.key}"><th scope="row">${r.label}</th>${r.values
      .map((v) => `<td data-value="${v}" style="--v:${Math.min(1, Math.max(0, v)).toFixed(3)}">${v.toFixed(2)}</td>`)
      .join("")}</tr>`)
    .join("");
  // The wide table scrolls sideways on narrow screens: a focusable region so keyboards can scroll it too.
  return `<div class="rnn-dl__heat" tabindex="0" role="region" aria-label="${label}"><table class="rnn-dl__table"><caption>Activations at each step (step 1 holds the marker)</caption>
    <thead><tr><th scope="col">step</th>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** Mount the challenge in `el`. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = uniqueId("rnn-dl");
  let answers = restoreAnswers(load<unknown>(KEY, null));
  el.classList.add("rnn-dl");
  el.innerHTML =
    CASES.map((c, k) => `
    <section class="rnn-dl__case" data-case="${c.id}" aria-labelledby="${uid}-${k}">
      <h3 id="${uid}-${k}">Model ${k + 1}</h3>
      <p>${c.symptom}</p>
      ${heatmap(c, `Activations of model ${k + 1}`)}
      <fieldset class="rnn-dl__choices"><legend>What is wrong with model ${k + 1}?</legend>
        ${Object.entries(CHOICES).map(([id, text]) => `<label><input type="radio" name="${uid}-${c.id}" value="${id}"> ${text}</label>`).join("")}
      </fieldset>
      <p class="rnn-dl__feedback" aria-live="polite" data-feedback></p>
    </section>`).join("") +
    `<p class="rnn-dl__score" aria-live="polite" data-score></p>
     <button type="button" data-restart>Start over</button>
     <p role="status" data-saved></p>`;
  const $ = finder(el);

  function paint(): void {
    let right = 0;
    for (const c of CASES) {
      const box = $<HTMLElement>(`[data-case="${c.id}"]`);
      const fb = box.querySelector<HTMLElement>("[data-feedback]")!;
      const choice = answers[c.id];
      box.querySelectorAll<HTMLInputElement>("input[type=radio]").forEach((r) => (r.checked = r.value === choice));
      if (!choice) {
        delete box.dataset.result;
        fb.textContent = "";
        delete fb.dataset.result;
        continue;
      }
      const verdict = feedback(c, choice);
      if (verdict.right) right += 1;
      box.dataset.result = fb.dataset.result = verdict.right ? "right" : "wrong";
      fb.textContent = verdict.text;
    }
    const answered = Object.keys(answers).length;
    $("[data-score]").textContent = answered ? `${right} of ${CASES.length} diagnosed correctly.` : "";
  }
  function persist(): void {
    saveAndSay(KEY, answers, $("[data-saved]"));
  }
  const onChange = (ev: Event) => {
    const t = ev.target as HTMLInputElement;
    const c = CASES.find((x) => t.name === `${uid}-${x.id}`);
    if (!c) return;
    answers[c.id] = t.value as FaultId;
    persist();
    paint();
  };
  const onRestart = () => {
    answers = {};
    remove(KEY);
    paint();
  };
  el.addEventListener("change", onChange, { signal });
  $("[data-restart]").addEventListener("click", onRestart, { signal });
  paint();
}
