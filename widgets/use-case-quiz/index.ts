/**
 * "Find your use case" (Module 0): five questions, a recommended learning
 * path, its modules, and the reasoning (which answer pointed where). Answers
 * are saved in localStorage and restored; scoring lives in ./scoring.ts.
 *
 * Hooks for tests: fieldsets `[data-question="<id>"]` with radio inputs
 * (value = choice id); the root's `data-path` (A–D, empty until complete);
 * `[data-result]`, `[data-reasons] li`, `[data-progress]`; a Start over button.
 */
import { esc, radioQuestions } from "../lib/html.ts";
import { setState } from "../lib/state.ts";
import { load, remove, saveAndSay } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import css from "./use-case-quiz.css" with { type: "text" };
import { siteRoot } from "../lib/site.ts";
import { answeredCount, describePoints, moduleUrl, QUIZ, recommend, type Answers, type Recommendation } from "./scoring.ts";
import type { MountContext } from "../main.ts";
import { uniqueId } from "../lib/ids.ts";
import { finder } from "../lib/dom.ts";

const STORAGE_KEY = "use-case-quiz:answers";

/** "a", "a and b", "a, b and c". */
const listText = (xs: string[]) => (xs.length < 2 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);

/** "Module 3: The vanishing gradient problem and LSTMs (concepts only)". */
function moduleLabel(n: number, note?: string): string {
  return `Module ${n}: ${QUIZ.modules[String(n)]?.title ?? ""}${note ? ` (${note})` : ""}`;
}

/** A list item for module `n`: a link to its page, or plain text marked "coming soon". */
function moduleItem(n: number, root: URL, note?: string): string {
  const url = moduleUrl(n, root);
  const label = esc(moduleLabel(n, note));
  return url
    ? `<li data-module="${n}"><a href="${esc(url)}">${label}</a></li>`
    : `<li data-module="${n}">${label} <span class="rnn-uq__soon">(coming soon)</span></li>`;
}

/** The recommendation as HTML: the path, its modules, the reasoning, and the totals. */
function resultHtml(r: Recommendation, root: URL): string {
  const path = QUIZ.paths[r.path];
  const modules = path.modules.map((m) => moduleItem(m, root, path.notes[String(m)])).join("");
  const reasons = r.reasons
    .map((x) => `<li><span class="rnn-uq__q">${esc(x.question.prompt)}</span> You chose “${esc(x.choice.text)}”:
      <strong>${describePoints(x.points)}</strong>${x.choice.modules?.length ? `; points you to Module${x.choice.modules.length > 1 ? "s" : ""} ${listText(x.choice.modules.map(String))}` : ""}.</li>`)
    .join("");
  const totals = (["A", "B", "C", "D"] as const).map((p) => `Path ${p}: ${r.totals[p]}`).join(" · ");
  const extra = r.highlights.filter((m) => !path.modules.includes(m));
  const inPath = r.highlights.filter((m) => path.modules.includes(m));
  const focus = [
    inPath.length ? `<p>Within this path, give extra attention to ${listText(inPath.map((m) => esc(moduleLabel(m))))}: ${inPath.length > 1 ? "they are" : "it is"} closest to your data.</p>` : "",
    extra.length ? `<p>Outside this path, ${listText(extra.map((m) => esc(moduleLabel(m))))} ${extra.length > 1 ? "are" : "is"} worth adding for your kind of data.</p>` : "",
  ].join("");
  return `<h3 class="rnn-uq__title">Recommended: ${esc(path.name)}</h3>
    <p>For ${esc(path.for)}. Its goal: ${esc(path.goal)}.</p>
    <p><a class="rnn-uq__go" href="${esc(path.href)}">Open ${esc(path.name.split(":")[0])}</a></p>
    <p>Its modules, in order:</p><ol class="rnn-uq__modules">${modules}</ol>
    ${focus}
    <details class="rnn-uq__why" open><summary>Why this path</summary>
      <ul data-reasons>${reasons}</ul>
      <p data-totals>Totals: ${totals}. ${tieNote(r)}</p></details>`;
}

/** Say so when the goal question had to break a tie. */
function tieNote(r: Recommendation): string {
  const best = r.totals[r.path];
  const tied = (["A", "B", "C", "D"] as const).filter((p) => r.totals[p] === best);
  return tied.length > 1 ? `Paths ${tied.join(" and ")} tied; your goal decided.` : "";
}

/** Mount the quiz in `el`. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = uniqueId("rnn-uq");
  const answers: Answers = { ...load<Answers>(STORAGE_KEY, {}) };
  const root = siteRoot();

  el.classList.add("rnn-uq");
  el.innerHTML = `
    <form class="rnn-uq__form" novalidate>
      ${radioQuestions(QUIZ.questions, uid)}
    </form>
    <p class="rnn-uq__progress" data-progress></p>
    <div class="rnn-uq__result" data-result aria-live="polite"></div>
    <p class="rnn-uq__save" role="status" data-save></p>
    <button type="button" data-action="reset">Start over</button>`;

  const $ = finder(el);
  const result = $("[data-result]");
  let shown = "";

  /** The one place that writes state into the DOM. */
  function paint(): void {
    for (const q of QUIZ.questions) {
      for (const input of el.querySelectorAll<HTMLInputElement>(`[data-question="${q.id}"] input`)) {
        input.checked = answers[q.id] === input.value;
      }
    }
    const n = answeredCount(answers);
    const total = QUIZ.questions.length;
    $("[data-progress]").textContent =
      n < total ? `${n} of ${total} answered. Answer all ${total} to see your recommended path.` : `All ${total} answered.`;
    const r = recommend(answers);
    el.dataset.path = r?.path ?? "";
    const html = r ? resultHtml(r, root) : "";
    // Rewrite only on change, so the live region speaks once per new result.
    if (shown !== html) {
      shown = html;
      result.innerHTML = html;
    }
  }

  const onChange = (ev: Event) => {
    const input = ev.target as HTMLInputElement;
    const q = input.closest<HTMLElement>("[data-question]")?.dataset.question;
    if (!q || input.type !== "radio") return;
    answers[q] = input.value;
    saveAndSay(STORAGE_KEY, answers, $("[data-save]"));
    paint();
  };
  const onClick = (ev: Event) => {
    if (!(ev.target as Element).closest('[data-action="reset"]')) return;
    for (const k of Object.keys(answers)) delete answers[k];
    remove(STORAGE_KEY);
    paint();
    el.querySelector<HTMLInputElement>("input[type=radio]")?.focus();
  };
  el.addEventListener("change", onChange, { signal });
  el.addEventListener("click", onClick, { signal });
  paint();
  setState(el, "ready");
}
