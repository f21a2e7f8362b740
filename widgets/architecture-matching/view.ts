/**
 * Architecture Matching's markup and the one function that writes its state into the DOM.
 */
import { esc } from "../lib/html.ts";
import { judge, MATCHING, optionById, summary, type MatchingState } from "./logic.ts";

/** The widget's markup: the architectures (draggable buttons), the tasks (drop zones with a menu each), the bar. */
export function skeleton(uid: string): string {
  const menu = MATCHING.options.map((o) => `<option value="${o.id}">${esc(o.name)}</option>`).join("");
  return `
    <p class="rnn-am__help" id="${uid}-help">Drag an architecture onto a task. Without a mouse, choose from
      the task's menu, or press an architecture to pick it up and then <em>Place it here</em> on a task.</p>
    <ul class="rnn-am__options" aria-label="Architectures">
      ${MATCHING.options.map((o) => `<li class="rnn-am__option">
        <button type="button" class="rnn-am__chip" draggable="true" data-option="${o.id}" aria-pressed="false"
          aria-describedby="${uid}-${o.id}">${esc(o.name)}</button>
        <span class="rnn-am__shape" id="${uid}-${o.id}">${esc(o.shape)}</span></li>`).join("")}
    </ul>
    <ol class="rnn-am__tasks">
      ${MATCHING.tasks.map((t) => `<li class="rnn-am__task" data-task="${t.id}" data-zone>
        <p class="rnn-am__prompt" id="${uid}-t-${t.id}">\u201c${esc(t.prompt)}\u201d <span class="rnn-am__io">(${esc(t.io)})</span></p>
        <p class="rnn-am__slot" data-slot></p>
        <div class="rnn-am__controls">
          <label>Architecture for \u201c${esc(t.prompt)}\u201d <select data-task-select>
            <option value="">None yet</option>${menu}</select></label>
          <button type="button" data-action="place" hidden></button>
        </div>
        <p class="rnn-am__feedback" data-feedback></p></li>`).join("")}
    </ol>
    <div class="rnn-am__bar">
      <button type="button" data-action="check">Check</button>
      <button type="button" data-action="again">Try again</button>
      <button type="button" data-action="reset">Start over</button>
    </div>
    <p class="rnn-am__score" aria-live="polite" data-score></p>
    <p class="rnn-sr-only" aria-live="polite" data-announce></p>
    <p class="rnn-am__save" role="status" data-save></p>`;
}

/** Write `state` (and the architecture picked up for placing, if any) into the widget. */
export function paint(el: HTMLElement, state: MatchingState, picked: string | null): void {
  const pickedOption = picked ? optionById(picked) : undefined;
  for (const chip of el.querySelectorAll<HTMLButtonElement>("[data-option]")) {
    chip.setAttribute("aria-pressed", String(chip.dataset.option === picked));
  }
  for (const t of MATCHING.tasks) {
    const box = el.querySelector<HTMLElement>(`[data-task="${t.id}"]`)!;
    const placed = state.placements[t.id];
    box.querySelector<HTMLSelectElement>("select")!.value = placed ?? "";
    const slot = box.querySelector<HTMLElement>("[data-slot]")!;
    slot.textContent = placed ? optionById(placed)!.name : "Drop an architecture here";
    slot.classList.toggle("rnn-am__slot--empty", !placed);
    const place = box.querySelector<HTMLButtonElement>('[data-action="place"]')!;
    place.hidden = !pickedOption;
    place.textContent = pickedOption ? `Place ${pickedOption.name} here` : "";
    if (pickedOption) place.setAttribute("aria-label", `Place ${pickedOption.name} on \u201c${t.prompt}\u201d`);
    const verdict = state.checked ? judge(t, placed) : null;
    const feedback = box.querySelector<HTMLElement>("[data-feedback]")!;
    const text = verdict ? verdict.text : state.checked ? "Not placed yet." : "";
    if (feedback.textContent !== text) feedback.textContent = text;
    if (verdict) box.dataset.verdict = verdict.verdict;
    else delete box.dataset.verdict;
  }
  const line = summary(state);
  const score = el.querySelector<HTMLElement>("[data-score]")!;
  if (score.textContent !== line) score.textContent = line;
  el.querySelector<HTMLButtonElement>('[data-action="again"]')!.disabled = !state.checked;
}
