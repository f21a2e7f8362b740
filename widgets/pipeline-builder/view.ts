/**
 * Build the Pipeline's markup, and the one function that writes a task's state into its section.
 */
import { esc } from "../lib/html.ts";
import { check, MAX_PARTS, PIPELINES, type PipelineState, type Task } from "./logic.ts";

const name = (id: string) => PIPELINES.components.find((c) => c.id === id)?.name ?? id;

/** One section per task: the pipeline as an ordered list, the add buttons, Check and Clear, the feedback. */
export function skeleton(uid: string): string {
  return PIPELINES.tasks.map((t, k) => `
    <section class="rnn-pb__task" data-pipeline="${t.id}" aria-labelledby="${uid}-${t.id}">
      <h3 class="rnn-pb__title" id="${uid}-${t.id}">${k + 1}. ${esc(t.title)}</h3>
      <p class="rnn-pb__goal">${esc(t.goal)}</p>
      <p class="rnn-pb__flow" data-flow aria-hidden="true"></p>
      <ol class="rnn-pb__chain" data-chain aria-label="Your pipeline for ${esc(t.title.toLowerCase())}"></ol>
      <p class="rnn-pb__empty" data-empty>No parts yet: add the input first.</p>
      <div class="rnn-pb__add" role="group" aria-label="Add a part to the end of the ${esc(t.title.toLowerCase())} pipeline">
        <span class="rnn-pb__addlabel" aria-hidden="true">Add:</span>
        ${PIPELINES.components.map((c) => `<button type="button" data-action="add" data-component="${c.id}"
          aria-label="Add ${esc(c.name)}">${esc(c.name)}</button>`).join("")}
      </div>
      <div class="rnn-pb__bar">
        <button type="button" data-action="check">Check this pipeline</button>
        <button type="button" data-action="clear">Clear</button>
      </div>
      <p class="rnn-pb__feedback" data-feedback aria-live="polite"></p>
    </section>`).join("") + `<p class="rnn-sr-only" aria-live="polite" data-announce></p>
    <p class="rnn-pb__save" role="status" data-save></p>`;
}

function stepHtml(id: string, i: number, n: number, wrong: boolean): string {
  const label = `${name(id)} (part ${i + 1})`;
  return `<li class="rnn-pb__part${wrong ? " rnn-pb__part--wrong" : ""}" data-step="${id}">
    <span class="rnn-pb__name">${esc(name(id))}</span>
    <span class="rnn-pb__moves">
      <button type="button" data-action="up" aria-label="Move ${esc(label)} up"${i === 0 ? " disabled" : ""}><span aria-hidden="true">\u2191</span><span class="rnn-pb__word"> Up</span></button>
      <button type="button" data-action="down" aria-label="Move ${esc(label)} down"${i === n - 1 ? " disabled" : ""}><span aria-hidden="true">\u2193</span><span class="rnn-pb__word"> Down</span></button>
      <button type="button" data-action="remove" aria-label="Remove ${esc(label)}"><span aria-hidden="true">\u2715</span><span class="rnn-pb__word"> Remove</span></button>
    </span></li>`;
}

/** Write `task`'s pipeline, and its verdict when it was checked since the last edit. */
export function paintTask(section: HTMLElement, task: Task, state: PipelineState): void {
  const chain = state.chains[task.id] ?? [];
  const checked = state.checked.includes(task.id);
  const result = checked ? check(task, chain) : null;
  const wrong = result?.link ? new Set(result.link) : new Set<number>();
  section.querySelector<HTMLElement>("[data-chain]")!.innerHTML = chain.map((id, i) => stepHtml(id, i, chain.length, wrong.has(i))).join("");
  section.querySelector<HTMLElement>("[data-flow]")!.textContent = chain.map(name).join(" \u2192 ");
  section.querySelector<HTMLElement>("[data-empty]")!.hidden = chain.length > 0;
  for (const b of section.querySelectorAll<HTMLButtonElement>('[data-action="add"]')) b.disabled = chain.length >= MAX_PARTS;
  const feedback = section.querySelector<HTMLElement>("[data-feedback]")!;
  const text = result ? result.text : chain.length >= MAX_PARTS ? `A pipeline of ${MAX_PARTS} parts is as long as this exercise allows: remove a part to add another.` : "";
  if (feedback.textContent !== text) feedback.textContent = text;
  if (result) section.dataset.result = result.status;
  else delete section.dataset.result;
}
