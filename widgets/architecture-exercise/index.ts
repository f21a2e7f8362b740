/**
 * Architecture selection exercise (Module 8): five scenarios; for each the reader picks one of
 * the four options of build vs buy and writes a justification, then reveals our answer with its
 * reasoning and main trade-off, and whether their pick matches. Everything is saved in
 * localStorage on every edit (text debounced) and restored on reload. "Download my answers"
 * writes a Markdown file (the way to share them with a colleague: there is no server); Clear
 * empties everything, with Undo.
 *
 * Hooks for tests: `[data-scenario="<id>"]` sections with radio inputs (value = option id),
 * `textarea[data-note]`, a `[data-action="reveal"]` button and `[data-answer]` (with
 * `data-verdict` match / differs / no-pick once revealed); `[data-save]`; buttons
 * `[data-action="download"]`, `[data-action="clear"]`, `[data-action="undo"]`.
 */
import { esc } from "../lib/html.ts";
import { setState } from "../lib/state.ts";
import { load, remove, saveAndSay } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import { finder } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import { onAbort, timeout } from "../lib/abort.ts";
import { downloadText } from "../lib/download.ts";
import type { MountContext } from "../main.ts";
import css from "./architecture-exercise.css" with { type: "text" };
import {
  acceptedText, cleanState, emptyState, isEmpty, OPTION_IDS, OPTIONS, SCENARIOS, toMarkdown, verdict, verdictText,
  type ExerciseState, type OptionId, type Scenario,
} from "./logic.ts";

const STORAGE_KEY = "architecture-exercise:answers";
/** How long typing may pause before the text is saved. */
const SAVE_DELAY_MS = 400;

function scenarioHtml(s: Scenario, k: number, uid: string): string {
  const id = `${uid}-${s.id}`;
  return `<section class="rnn-ax__case" data-scenario="${s.id}" aria-labelledby="${id}-title">
    <h3 class="rnn-ax__title" id="${id}-title">${k + 1}. ${esc(s.title)} <span class="rnn-ax__industry">(${esc(s.industry)})</span></h3>
    <p>${esc(s.situation)}</p>
    <fieldset><legend>Your choice for scenario ${k + 1}</legend>
      ${OPTION_IDS.map((o) => `<label><input type="radio" name="${id}-pick" value="${o}"> ${esc(OPTIONS[o].title)}</label>`).join("")}
    </fieldset>
    <label class="rnn-ax__notelabel" for="${id}-note">Your justification for scenario ${k + 1}</label>
    <textarea id="${id}-note" data-note rows="4" spellcheck="true"></textarea>
    <button type="button" data-action="reveal" aria-expanded="false" aria-controls="${id}-answer">Reveal model answer</button>
    <div class="rnn-ax__answer" id="${id}-answer" data-answer aria-live="polite"></div>
  </section>`;
}

function answerHtml(s: Scenario, pick: OptionId | undefined): string {
  return `<p class="rnn-ax__verdict"><strong>${esc(verdictText(s, pick))}</strong></p>
    <p><strong>Our answer: ${esc(acceptedText(s))}.</strong> ${esc(s.answer)}</p>
    <p><strong>The main trade-off:</strong> ${esc(s.tradeoff)}</p>`;
}

/** Mount the exercise in `el`. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = uniqueId("rnn-ax");
  let state: ExerciseState = cleanState(load<unknown>(STORAGE_KEY, null));
  let undo: ExerciseState | null = null;

  el.classList.add("rnn-ax");
  el.innerHTML = `${SCENARIOS.map((s, k) => scenarioHtml(s, k, uid)).join("")}
    <div class="rnn-ax__bar">
      <button type="button" data-action="download">Download my answers</button>
      <button type="button" data-action="clear">Clear</button>
      <button type="button" data-action="undo" hidden>Undo clear</button>
    </div>
    <p class="rnn-ax__status" role="status" data-status></p>
    <p class="rnn-ax__save" role="status" data-save></p>`;

  const $ = finder(el);
  let stopPending: (() => void) | null = null;
  // What each answer region shows, so a region is rewritten (and spoken) only when it changes.
  const shown = new Map<string, string>();

  function persist(): void {
    stopPending?.();
    stopPending = null;
    if (isEmpty(state)) remove(STORAGE_KEY);
    else saveAndSay(STORAGE_KEY, state, $("[data-save]"));
  }
  /** Save after typing pauses; a pending save is flushed when the reader leaves the page. */
  function persistSoon(): void {
    stopPending?.();
    stopPending = timeout(persist, SAVE_DELAY_MS, signal);
  }
  onAbort(signal, () => { if (stopPending) persist(); });

  /** The one place that writes state into the DOM (the text boxes only when `notes` is set, so
   * typing is never overwritten). */
  function paint(notes: boolean): void {
    for (const s of SCENARIOS) {
      const box = $(`[data-scenario="${s.id}"]`);
      const pick = state.picks[s.id];
      for (const input of box.querySelectorAll<HTMLInputElement>("input[type=radio]")) input.checked = input.value === pick;
      if (notes) box.querySelector<HTMLTextAreaElement>("[data-note]")!.value = state.notes[s.id] ?? "";
      const open = state.revealed.includes(s.id);
      const button = box.querySelector<HTMLButtonElement>('[data-action="reveal"]')!;
      button.setAttribute("aria-expanded", String(open));
      button.textContent = open ? "Hide model answer" : "Reveal model answer";
      const answer = box.querySelector<HTMLElement>("[data-answer]")!;
      const html = open ? answerHtml(s, pick) : "";
      if (shown.get(s.id) !== html) {
        shown.set(s.id, html);
        answer.innerHTML = html;
      }
      if (open) answer.dataset.verdict = verdict(s, pick);
      else delete answer.dataset.verdict;
    }
    $('[data-action="undo"]').hidden = undo === null;
  }

  el.addEventListener("change", (ev) => {
    const input = ev.target as HTMLInputElement;
    const id = input.closest<HTMLElement>("[data-scenario]")?.dataset.scenario;
    if (!id || input.type !== "radio") return;
    state.picks[id] = input.value as OptionId;
    persist();
    paint(false);
  }, { signal });
  el.addEventListener("input", (ev) => {
    const area = ev.target as HTMLTextAreaElement;
    const id = area.closest<HTMLElement>("[data-scenario]")?.dataset.scenario;
    if (!id || !area.matches("[data-note]")) return;
    state.notes[id] = area.value;
    persistSoon();
  }, { signal });
  el.addEventListener("click", (ev) => {
    const button = (ev.target as Element).closest<HTMLElement>("[data-action]");
    const status = $("[data-status]");
    switch (button?.dataset.action) {
      case "reveal": {
        const id = button.closest<HTMLElement>("[data-scenario]")!.dataset.scenario!;
        state.revealed = state.revealed.includes(id) ? state.revealed.filter((x) => x !== id) : [...state.revealed, id];
        persist();
        paint(false);
        return;
      }
      case "download":
        persist();
        downloadText(el, "architecture-selection-answers.md", toMarkdown(state, new Date().toISOString().slice(0, 10)), "text/markdown");
        status.textContent = "Downloaded architecture-selection-answers.md. Send it to a colleague for review: nothing is uploaded from this page.";
        return;
      case "clear":
        if (isEmpty(state)) { status.textContent = "There is nothing to clear."; return; }
        undo = state;
        state = emptyState();
        persist();
        paint(true);
        status.textContent = "All your answers were cleared. Undo clear brings them back.";
        $<HTMLButtonElement>('[data-action="undo"]').focus();
        return;
      case "undo":
        if (!undo) return;
        state = undo;
        undo = null;
        persist();
        paint(true);
        status.textContent = "Your answers are back.";
        $<HTMLButtonElement>('[data-action="clear"]').focus();
        return;
    }
  }, { signal });
  paint(true);
  setState(el, "ready");
}
