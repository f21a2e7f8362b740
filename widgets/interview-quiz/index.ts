/**
 * Interview self-quiz (Appendix E): a switch between "self-quiz" (every
 * model answer of the page closed, each opened on demand and counted) and
 * "reading" (all open). The answers are the page's `??? question` blocks
 * (<details class="question">); the mode and the opened answers are saved.
 *
 * Hooks for tests: `[data-action="quiz"|"read"|"reset"]`, `[data-progress]`;
 * the root's `data-mode` is quiz | read.
 */
import { setState } from "../lib/state.ts";
import { load, saveAndSay } from "../lib/storage.ts";
import { asSaved, progress, type Mode, type Saved } from "./logic.ts";
import type { MountContext } from "../main.ts";
import { finder } from "../lib/dom.ts";

const STORAGE_KEY = "interview-quiz:v1";

/** Mount the switch in `el`; it drives the answers of the page's article. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  const answers = [...document.querySelectorAll<HTMLDetailsElement>("article details.question")];
  const saved: Saved = asSaved(load<unknown>(STORAGE_KEY, null), answers.length);
  el.innerHTML = `
    <div class="rnn-iq__bar" role="group" aria-label="How to show the model answers">
      <button type="button" data-action="quiz">Self-quiz: hide all answers</button>
      <button type="button" data-action="read">Reading: show all answers</button>
      <button type="button" data-action="reset">Start the quiz again</button>
    </div>
    <p aria-live="polite" data-progress></p>
    <p role="status" data-warning></p>`;
  const $ = finder(el);

  function persist(): void {
    saveAndSay(STORAGE_KEY, saved, $("[data-warning]"));
  }

  function paint(): void {
    // Setting `open` fires toggle events later; they agree with `saved`, so onToggle keeps it unchanged.
    el.dataset.mode = saved.mode;
    answers.forEach((d, i) => (d.open = saved.mode === "read" || saved.revealed.includes(i)));
    for (const b of el.querySelectorAll<HTMLElement>("[data-action=quiz], [data-action=read]")) {
      b.setAttribute("aria-pressed", String(b.dataset.action === saved.mode));
    }
    $("[data-action=reset]").hidden = saved.mode !== "quiz";
    $("[data-progress]").textContent = progress(saved, answers.length);
  }

  function setMode(mode: Mode, reset = false): void {
    saved.mode = mode;
    if (reset) saved.revealed = [];
    persist();
    paint();
  }

  const onClick = (ev: Event) => {
    const action = (ev.target as HTMLElement).closest<HTMLElement>("[data-action]")?.dataset.action;
    if (action === "quiz" || action === "read") setMode(action);
    else if (action === "reset") setMode("quiz", true);
  };
  const onToggle = (ev: Event) => {
    const i = answers.indexOf(ev.target as HTMLDetailsElement);
    if (i < 0 || saved.mode !== "quiz") return;
    const set = new Set(saved.revealed);
    if (answers[i].open) set.add(i);
    else set.delete(i);
    saved.revealed = [...set].sort((a, b) => a - b);
    persist();
    $("[data-progress]").textContent = progress(saved, answers.length);
  };
  el.addEventListener("click", onClick, { signal });
  // toggle does not bubble: listen in the capture phase on the document.
  document.addEventListener("toggle", onToggle, { capture: true, signal });
  paint();
  setState(el, "ready");
}
