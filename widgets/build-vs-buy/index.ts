/**
 * Build vs buy (Module 8, § 8.4): the reader answers nine questions about their project and
 * gets the four options (cloud API, pre-trained model run locally, custom RNN/LSTM, custom
 * Transformer) ranked, each with the answers that pushed it up or down and, where an answer
 * rules it out, why. Below, the course plan's rough cost comparison as a plain table, the top
 * option's row marked. Answers are saved in localStorage; the scoring lives in ./logic.ts.
 *
 * Hooks for tests: fieldsets `[data-question="<id>"]` with radio inputs (value = choice id); the
 * root's `data-top` (an option id, empty until every question is answered); `[data-ranking] >
 * li[data-option]` with `data-excluded`; `[data-costs]` (the table), `[data-progress]`,
 * `[data-save]`; a Start over button.
 */
import { esc, radioQuestions } from "../lib/html.ts";
import { setState } from "../lib/state.ts";
import { load, remove, saveAndSay } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import { finder } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import type { MountContext } from "../main.ts";
import css from "./build-vs-buy.css" with { type: "text" };
import { answeredCount, cleanAnswers, COSTS, OPTIONS, QUESTIONS, rank, signed, type Answers, type OptionId, type Ranked } from "./logic.ts";

const STORAGE_KEY = "build-vs-buy:answers";

/** One option of the ranking as a list item (the list numbers it). */
function optionHtml(r: Ranked): string {
  const o = OPTIONS[r.id];
  const status = r.excluded.length
    ? `<p class="rnn-bb__out"><strong>Ruled out:</strong> ${r.excluded.map(esc).join("; ")}.</p>`
    : `<p>Score ${esc(signed(r.score))}.</p>`;
  const pushes = r.pushes
    .map((p) => `<li><span class="rnn-bb__q">${esc(p.question.prompt)}</span> You answered “${esc(p.choice.text)}”: <strong>${esc(signed(p.points))}</strong>, ${p.points > 0 ? "towards" : "away from"} this option. ${esc(p.choice.why)}</li>`)
    .join("");
  return `<li data-option="${r.id}" data-excluded="${r.excluded.length > 0}">
    <h4 class="rnn-bb__name">${esc(o.title)}</h4><p class="rnn-bb__eg">For example ${esc(o.example)}.</p>
    ${status}
    ${pushes ? `<details><summary>What moved it</summary><ul>${pushes}</ul></details>` : "<p>None of your answers moved it.</p>"}</li>`;
}

/** The plan's cost table, the row of `top` marked. */
function costsHtml(top: OptionId | null): string {
  const rows = COSTS.map((c) => {
    const mark = c.option && c.option === top ? ' data-top="true"' : "";
    const stars = `<span aria-hidden="true">${"★".repeat(c.quality)}${"☆".repeat(5 - c.quality)}</span><span class="rnn-sr-only">${c.quality} of 5</span>`;
    return `<tr${mark}><th scope="row">${esc(c.approach)}${mark ? " (your top option)" : ""}</th><td>${esc(c.dev)}</td><td>${esc(c.infra)}</td><td>${stars}</td><td>${esc(c.deploy)}</td></tr>`;
  }).join("");
  // The wrapper scrolls on its own on a screen too narrow for the table, never the page.
  return `<div class="rnn-bb__scroll" tabindex="0" role="region" aria-label="Rough cost comparison"><table class="rnn-bb__costs" data-costs>
    <caption>Rough cost comparison: qualitative estimates from the course plan, not measurements. $ is the cheapest, $$$$$ the most expensive.</caption>
    <thead><tr><th scope="col">Approach</th><th scope="col">Dev cost</th><th scope="col">Infra cost</th><th scope="col">Quality</th><th scope="col">Time to deploy</th></tr></thead>
    <tbody>${rows}</tbody></table></div>`;
}

/** Mount the build-vs-buy helper in `el`. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = uniqueId("rnn-bb");
  const answers: Answers = cleanAnswers(load<unknown>(STORAGE_KEY, {}));

  el.classList.add("rnn-bb");
  el.innerHTML = `
    <form class="rnn-bb__form" novalidate>
      ${radioQuestions(QUESTIONS, uid)}
    </form>
    <p class="rnn-bb__progress" data-progress></p>
    <div class="rnn-bb__result" data-result aria-live="polite"></div>
    <p class="rnn-bb__save" role="status" data-save></p>
    <button type="button" data-action="reset">Start over</button>
    <div class="rnn-bb__table" data-table></div>`;

  const $ = finder(el);
  const result = $("[data-result]");
  let shown = "";

  /** The one place that writes state into the DOM. */
  function paint(): void {
    for (const input of el.querySelectorAll<HTMLInputElement>("[data-question] input")) {
      input.checked = answers[input.closest<HTMLElement>("[data-question]")!.dataset.question!] === input.value;
    }
    const n = answeredCount(answers);
    const total = QUESTIONS.length;
    $("[data-progress]").textContent = n < total ? `${n} of ${total} answered. Answer all ${total} to see the options ranked.` : `All ${total} answered.`;
    const ranked = n === total ? rank(answers) : null;
    const top = ranked && !ranked[0].excluded.length ? ranked[0].id : null;
    el.dataset.top = top ?? "";
    const html = ranked
      ? `<h3 class="rnn-bb__title">Best fit: ${esc(top ? OPTIONS[top].title : "none")}</h3>
         <p>All four options, best first. Each answer adds or takes away a few points; some rule an option out.</p>
         <ol class="rnn-bb__ranking" data-ranking>${ranked.map(optionHtml).join("")}</ol>`
      : "";
    if (html !== shown) {
      shown = html;
      result.innerHTML = html;
      $("[data-table]").innerHTML = costsHtml(top);
    }
  }

  el.addEventListener("change", (ev) => {
    const input = ev.target as HTMLInputElement;
    const q = input.closest<HTMLElement>("[data-question]")?.dataset.question;
    if (!q || input.type !== "radio") return;
    answers[q] = input.value;
    saveAndSay(STORAGE_KEY, answers, $("[data-save]"));
    paint();
  }, { signal });
  el.addEventListener("click", (ev) => {
    if (!(ev.target as Element).closest('[data-action="reset"]')) return;
    for (const k of Object.keys(answers)) delete answers[k];
    remove(STORAGE_KEY);
    paint();
    el.querySelector<HTMLInputElement>("input[type=radio]")?.focus();
  }, { signal });
  $("[data-table]").innerHTML = costsHtml(null);
  paint();
  setState(el, "ready");
}
