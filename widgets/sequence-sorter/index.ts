/**
 * Sequence Sorter (Module 1): drag five problem cards onto the five
 * sequence architectures, or pick the architecture from the menu on each card
 * (the keyboard route). Each placement is judged at once with a sentence of
 * why; placements are saved in localStorage. Data and judging: ./sorter.ts.
 *
 * Hooks for tests: cards `[data-problem="<id>"]` with `data-result`
 * correct/wrong (absent when unplaced) and `select[data-problem-select]`;
 * zones `[data-zone="<type id>"]` and the pool `[data-zone="pool"]`;
 * `[data-sorter-score]`; a Start over button.
 */
import { esc } from "../lib/html.ts";
import { setState } from "../lib/state.ts";
import { load, remove, save } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import css from "./sequence-sorter.css" with { type: "text" };
import { clean, judge, score, SORTER, type Placements } from "./sorter.ts";
import type { MountContext } from "../main.ts";
import { finder } from "../lib/dom.ts";
import { dragAndDrop } from "../lib/drag.ts";
import { uniqueId } from "../lib/ids.ts";

const STORAGE_KEY = "sequence-sorter:placements";

/** Mount the sorter in `el`. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = uniqueId("rnn-ss");
  const placements: Placements = clean(load<unknown>(STORAGE_KEY, {}));
  const options = SORTER.types.map((t) => `<option value="${t.id}">${esc(t.name)}</option>`).join("");

  el.classList.add("rnn-ss");
  const $ = finder(el);
  el.innerHTML = `
    <div class="rnn-ss__pool" data-zone="pool">
      <p class="rnn-ss__zone-title" id="${uid}-pool">Problems to place</p>
      <ul class="rnn-ss__cards" aria-labelledby="${uid}-pool">
        ${SORTER.problems.map((p) => `<li class="rnn-ss__card" draggable="true" data-problem="${p.id}">
          <p class="rnn-ss__text" id="${uid}-${p.id}">${esc(p.text)}</p>
          <label>Architecture <select data-problem-select aria-describedby="${uid}-${p.id}">
            <option value="">Not placed yet</option>${options}</select></label>
          <p class="rnn-ss__feedback" data-feedback></p></li>`).join("")}
      </ul>
    </div>
    <div class="rnn-ss__zones">
      ${SORTER.types.map((t) => `<section class="rnn-ss__zone" data-zone="${t.id}" aria-labelledby="${uid}-z-${t.id}">
        <p class="rnn-ss__zone-title" id="${uid}-z-${t.id}">${esc(t.name)}</p>
        <p class="rnn-ss__shape">${esc(t.shape)}</p>
        <ul class="rnn-ss__cards" aria-label="Problems placed on ${esc(t.name)}"></ul></section>`).join("")}
    </div>
    <p class="rnn-ss__score" aria-live="polite" data-sorter-score></p>
    <p class="rnn-sr-only" aria-live="polite" data-announce></p>
    <button type="button" data-action="reset">Start over</button>`;

  const cards = new Map(
    Array.from(el.querySelectorAll<HTMLElement>("[data-problem]")).map((c) => [c.dataset.problem!, c]),
  );
  const listOf = (zone: string) => el.querySelector<HTMLElement>(`[data-zone="${zone}"] .rnn-ss__cards`)!;

  /** The one place that writes state into the DOM: cards move to their zones, verdicts shown. */
  function paint(): void {
    const focused = document.activeElement;
    for (const p of SORTER.problems) {
      const card = cards.get(p.id)!;
      const zone = placements[p.id] ?? "pool";
      const list = listOf(zone);
      if (card.parentElement !== list) list.appendChild(card);
      card.querySelector<HTMLSelectElement>("select")!.value = placements[p.id] ?? "";
      const verdict = judge(p, placements[p.id]);
      if (verdict) card.dataset.result = verdict.correct ? "correct" : "wrong";
      else delete card.dataset.result;
      card.querySelector("[data-feedback]")!.textContent = verdict ? `${verdict.correct ? "✓" : "✗"} ${verdict.text}` : "";
    }
    // Moving a card drops focus; give it back to the control the reader was using.
    if (focused instanceof HTMLElement && el.contains(focused) && document.activeElement !== focused) focused.focus();
    const n = score(placements);
    const total = SORTER.problems.length;
    const placed = Object.keys(placements).length;
    $("[data-sorter-score]").textContent =
      n === total ? `All ${total} right: you can tell the five architectures apart.` : `${n} of ${total} right, ${placed} placed.`;
    $("[data-zone='pool'] .rnn-ss__zone-title").textContent =
      placed === total ? "Problems to place: all placed" : "Problems to place";
  }

  function place(problemId: string, typeId: string): void {
    if (typeId) placements[problemId] = typeId;
    else delete placements[problemId];
    const saved = save(STORAGE_KEY, placements);
    const p = SORTER.problems.find((x) => x.id === problemId)!;
    const verdict = judge(p, typeId);
    $("[data-announce]").textContent =
      (verdict ? verdict.text : "Moved back to the problems to place.") + (saved.ok ? "" : ` ${saved.reason}`);
    paint();
  }

  const onChange = (ev: Event) => {
    const select = (ev.target as Element).closest<HTMLSelectElement>("select[data-problem-select]");
    const card = select?.closest<HTMLElement>("[data-problem]");
    if (select && card) place(card.dataset.problem!, select.value);
  };
  const onClick = (ev: Event) => {
    if (!(ev.target as Element).closest('[data-action="reset"]')) return;
    for (const k of Object.keys(placements)) delete placements[k];
    remove(STORAGE_KEY);
    $("[data-announce]").textContent = "All problems are back in the pool.";
    paint();
  };
  el.addEventListener("change", onChange, { signal });
  dragAndDrop(el, {
    item: "[data-problem]", zone: "[data-zone]", idOf: (card) => card.dataset.problem!, overClass: "rnn-ss__over",
    effect: "move", signal, onDrop: (id, zone) => { if (cards.has(id)) place(id, zone.dataset.zone === "pool" ? "" : zone.dataset.zone!); },
  });
  el.addEventListener("click", onClick, { signal });
  paint();
  setState(el, "ready");
}
