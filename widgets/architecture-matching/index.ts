/**
 * Architecture Matching (Module 6): four tasks and four architectures. The reader drags an
 * architecture onto a task, or (keyboard, touch) picks one from the task's menu, or presses an
 * architecture to pick it up and then "Place it here" on a task. Check explains every placement
 * (best, defensible, or wrong, and why); Try again keeps the best matches and clears the rest;
 * Start over clears all. Placements and the checked state are saved in localStorage.
 *
 * Hooks for tests: tasks `[data-task="<id>"]` (drop zones) with `data-verdict` best / partly /
 * wrong once checked, `select[data-task-select]`, `[data-feedback]`, `[data-slot]`; architecture
 * buttons `[data-option="<id>"]` (draggable, `aria-pressed` while picked up); `[data-score]`,
 * `[data-announce]`; buttons `[data-action]` place / check / again / reset.
 */
import { setState } from "../lib/state.ts";
import { load, remove, saveAndSay } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import { finder } from "../lib/dom.ts";
import { dragAndDrop } from "../lib/drag.ts";
import { uniqueId } from "../lib/ids.ts";
import type { MountContext } from "../main.ts";
import css from "./architecture-matching.css" with { type: "text" };
import { cleanState, keepBest, MATCHING, optionById, type MatchingState } from "./logic.ts";
import { paint, skeleton } from "./view.ts";

const STORAGE_KEY = "architecture-matching:state";

/** Mount the exercise in `el`. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = uniqueId("rnn-am");
  let state: MatchingState = cleanState(load<unknown>(STORAGE_KEY, null));
  /** The architecture picked up by a press, waiting for "Place it here" (touch and keyboard route). */
  let picked: string | null = null;

  el.classList.add("rnn-am");
  el.innerHTML = skeleton(uid);
  const $ = finder(el);
  const say = (text: string) => { $("[data-announce]").textContent = text; };

  function commit(): void {
    if (!Object.keys(state.placements).length && !state.checked) remove(STORAGE_KEY);
    else saveAndSay(STORAGE_KEY, state, $("[data-save]"));
    paint(el, state, picked);
  }

  function place(taskId: string, optionId: string): void {
    const task = MATCHING.tasks.find((t) => t.id === taskId);
    if (!task) return;
    if (optionId && optionById(optionId)) state.placements[taskId] = optionId;
    else delete state.placements[taskId];
    picked = null;
    const name = optionId ? optionById(optionId)?.name : undefined;
    say(name ? `${name} placed on \u201c${task.prompt}\u201d.` : `\u201c${task.prompt}\u201d has no architecture now.`);
    commit();
  }

  el.addEventListener("change", (ev) => {
    const select = (ev.target as Element).closest<HTMLSelectElement>("select[data-task-select]");
    const task = select?.closest<HTMLElement>("[data-task]");
    if (select && task) place(task.dataset.task!, select.value);
  }, { signal });

  el.addEventListener("click", (ev) => {
    const target = ev.target as Element;
    const chip = target.closest<HTMLElement>("[data-option]");
    if (chip) {
      picked = picked === chip.dataset.option ? null : chip.dataset.option!;
      say(picked ? `${optionById(picked)!.name} picked up: press Place it here on a task, or Escape to put it back.` : "Put back.");
      paint(el, state, picked);
      return;
    }
    const action = target.closest<HTMLElement>("[data-action]")?.dataset.action;
    if (action === "place" && picked) {
      const task = target.closest<HTMLElement>("[data-task]")!;
      const option = picked;
      place(task.dataset.task!, option);
      task.querySelector<HTMLSelectElement>("select")!.focus(); // the place button hides itself
    } else if (action === "check") {
      state.checked = true;
      say("Checked: each task now says whether its architecture fits, and why.");
      commit();
    } else if (action === "again") {
      state = { placements: keepBest(state.placements), checked: false };
      say("The best matches stay; the other tasks are empty again.");
      commit();
    } else if (action === "reset") {
      state = { placements: {}, checked: false };
      picked = null;
      say("All tasks are empty again.");
      commit();
    }
  }, { signal });

  el.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && picked) {
      const chip = el.querySelector<HTMLElement>(`[data-option="${picked}"]`);
      picked = null;
      say("Put back.");
      paint(el, state, picked);
      chip?.focus();
    }
  }, { signal });

  // Mouse: drag an architecture onto a task; it stays among the architectures, to be used again.
  dragAndDrop(el, {
    item: "[data-option]", zone: "[data-zone]", idOf: (chip) => chip.dataset.option!, overClass: "rnn-am__over",
    effect: "copy", signal, onDrop: (id, zone) => { if (optionById(id)) place(zone.dataset.task!, id); },
  });

  paint(el, state, picked);
  setState(el, "ready");
}
