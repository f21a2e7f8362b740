/**
 * Build the Pipeline (Module 6): for image captioning, video description and speech to text,
 * the reader builds a pipeline from inputs, CNN, encoder RNN, attention, decoder RNN and text,
 * with buttons only (add to the end, move up and down, remove), so the keyboard, a mouse and touch
 * work alike. "Check this pipeline" says whether it is the best, works, is unfinished, or where
 * its first wrong link is and why. Pipelines are saved in localStorage.
 *
 * Hooks for tests: sections `[data-pipeline="<task id>"]` with `data-result` (empty / best / works
 * / incomplete / wrong, once checked); `[data-chain] > li[data-step="<component id>"]`;
 * `[data-feedback]`; buttons `[data-action]` add (with `data-component`) / up / down / remove /
 * check / clear.
 */
import { setState } from "../lib/state.ts";
import { load, remove, saveAndSay } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import { finder } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import type { MountContext } from "../main.ts";
import css from "./pipeline-builder.css" with { type: "text" };
import { cleanState, MAX_PARTS, moved, PIPELINES, type PipelineState } from "./logic.ts";
import { paintTask, skeleton } from "./view.ts";

const STORAGE_KEY = "pipeline-builder:state";

/** Mount the exercise in `el`. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = uniqueId("rnn-pb");
  const state: PipelineState = cleanState(load<unknown>(STORAGE_KEY, null));

  el.classList.add("rnn-pb");
  el.innerHTML = skeleton(uid);
  const $ = finder(el);
  const say = (text: string) => { $("[data-announce]").textContent = text; };
  const nameOf = (id: string) => PIPELINES.components.find((c) => c.id === id)?.name ?? id;
  const sectionOf = (id: string) => $(`[data-pipeline="${id}"]`);

  function commit(taskId: string): void {
    if (!Object.keys(state.chains).length) remove(STORAGE_KEY);
    else saveAndSay(STORAGE_KEY, state, $("[data-save]"));
    paintTask(sectionOf(taskId), PIPELINES.tasks.find((t) => t.id === taskId)!, state);
  }

  /** Put the chain `next` in place for `taskId`; an edit withdraws the task's verdict. */
  function edit(taskId: string, next: string[]): void {
    if (next.length) state.chains[taskId] = next;
    else delete state.chains[taskId];
    state.checked = state.checked.filter((id) => id !== taskId);
    commit(taskId);
  }

  /** After a list is redrawn, focus the same kind of button on the part at `index` (or the nearest one left). */
  function refocus(section: HTMLElement, index: number, action: string): void {
    const items = section.querySelectorAll<HTMLElement>("[data-chain] > li");
    const item = items[Math.min(index, items.length - 1)];
    const button = item?.querySelector<HTMLButtonElement>(`[data-action="${action}"]:not(:disabled)`)
      ?? item?.querySelector<HTMLButtonElement>('[data-action="remove"]')
      ?? section.querySelector<HTMLButtonElement>('[data-action="add"]');
    button?.focus();
  }

  el.addEventListener("click", (ev) => {
    const button = (ev.target as Element).closest<HTMLButtonElement>("button[data-action]");
    const section = button?.closest<HTMLElement>("[data-pipeline]");
    if (!button || !section) return;
    const taskId = section.dataset.pipeline!;
    const chain = state.chains[taskId] ?? [];
    const item = button.closest<HTMLElement>("[data-chain] > li");
    const index = item ? Array.from(item.parentElement!.children).indexOf(item) : -1;
    switch (button.dataset.action) {
      case "add": {
        if (chain.length >= MAX_PARTS) return;
        const id = button.dataset.component!;
        edit(taskId, [...chain, id]);
        say(`${nameOf(id)} added as part ${chain.length + 1}.`);
        if (button.disabled) refocus(section, chain.length, "remove");
        return;
      }
      case "up":
      case "down": {
        const by = button.dataset.action === "up" ? -1 : 1;
        const next = moved(chain, index, by);
        edit(taskId, next);
        const at = Math.max(0, Math.min(chain.length - 1, index + by));
        say(`${nameOf(chain[index])} is now part ${at + 1}.`);
        refocus(section, at, button.dataset.action);
        return;
      }
      case "remove":
        edit(taskId, chain.filter((_, i) => i !== index));
        say(`${nameOf(chain[index])} removed.`);
        refocus(section, index, "remove");
        return;
      case "check":
        if (!state.checked.includes(taskId)) state.checked.push(taskId);
        commit(taskId);
        return;
      case "clear":
        edit(taskId, []);
        say("This pipeline is empty again.");
        return;
    }
  }, { signal });

  for (const t of PIPELINES.tasks) paintTask(sectionOf(t.id), t, state);
  setState(el, "ready");
}
