/**
 * AI Timeline Explorer (Module 0): milestones from the 1980s to today as a
 * list of disclosure buttons. Each opens to its paper (authors, year, title,
 * venue), the idea in a sentence, the module of the course that teaches it,
 * and, where one exists, the page of the course where a live demo of it runs.
 * Arrow keys, Home and End move between milestones; an era filter narrows
 * the list. Open milestones and the filter are saved in localStorage.
 *
 * `focus: <line>` in the fence (`data-focus`, e.g. `sequence-models`, Module 8)
 * keeps only that line's milestones (milestones.json's `focus`), saved apart
 * from the full timeline's state.
 *
 * Hooks for tests: `[data-milestone="<id>"]` items with `data-open`
 * true/false, their button `[data-toggle]`, the panel `[data-panel]`, the
 * `select[data-filter]`, `[data-count]`, and `a[data-demo]` in a panel.
 */
import { esc } from "../lib/html.ts";
import { setState } from "../lib/state.ts";
import { load, save } from "../lib/storage.ts";
import { siteRoot } from "../lib/site.ts";
import { adoptCss } from "../lib/style.ts";
import { finder } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import type { MountContext } from "../main.ts";
import css from "./ai-timeline.css" with { type: "text" };
import { demoUrl, inFocus, moduleName, moduleUrl, moveFocus, TIMELINE, visible, type Filter } from "./timeline.ts";


interface Saved {
  open: string[];
  filter: Filter;
}

/** Mount the timeline in `el`. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = uniqueId("rnn-tl");
  const focus = el.dataset.focus ?? "";
  const milestones = inFocus(focus); // throws, naming the lines there are, for an unknown focus
  const STORAGE_KEY = focus ? `ai-timeline:${focus}:state` : "ai-timeline:state";
  const saved = load<Saved>(STORAGE_KEY, { open: [], filter: "all" });
  const state = {
    open: new Set(Array.isArray(saved.open) ? saved.open : []),
    filter: saved.filter in TIMELINE.eras ? saved.filter : "all",
  };
  const root = siteRoot();

  el.classList.add("rnn-tl");
  el.innerHTML = `
    <div class="rnn-tl__bar">
      <label for="${uid}-filter">Show</label>
      <select id="${uid}-filter" data-filter>
        <option value="all">All eras</option>
        ${Object.entries(TIMELINE.eras).map(([id, name]) => `<option value="${id}">${esc(name)}</option>`).join("")}
      </select>
      <button type="button" data-action="expand">Open all</button>
      <button type="button" data-action="collapse">Close all</button>
      <span class="rnn-tl__count" role="status" data-count></span>
    </div>
    <ol class="rnn-tl__list" aria-label="${focus ? `${esc(TIMELINE.focus[focus].label)}: milestones, oldest first` : "Milestones of sequence modelling, oldest first"}">
      ${milestones.map((m) => {
        const url = moduleUrl(m, root);
        const module = url ? `<a href="${url}">${esc(moduleName(m))}</a>` : `${esc(moduleName(m))} (in preparation)`;
        const demo = demoUrl(m, root);
        return `<li class="rnn-tl__item" data-milestone="${m.id}" data-era="${m.era}">
          <button type="button" class="rnn-tl__toggle" data-toggle aria-expanded="false" aria-controls="${uid}-${m.id}">
            <span class="rnn-tl__year">${m.year}</span> <span class="rnn-tl__headline">${esc(m.headline)}</span></button>
          <div class="rnn-tl__panel" id="${uid}-${m.id}" data-panel hidden>
            <p class="rnn-tl__paper">${esc(m.authors)} (${m.year}). <cite>${esc(m.title)}</cite>. ${esc(m.venue)}.</p>
            <p><strong>The idea:</strong> ${esc(m.idea)}</p>
            <p><strong>Taught in:</strong> ${module}</p>
            ${demo && m.demo ? `<p><strong>Try it live:</strong> <a href="${esc(demo)}" data-demo>${esc(m.demo.label)}</a></p>` : ""}
          </div></li>`;
      }).join("")}
    </ol>`;

  const $ = finder(el);
  const items = Array.from(el.querySelectorAll<HTMLElement>("[data-milestone]"));
  const select = $<HTMLSelectElement>("[data-filter]");

  function persist(): void {
    const result = save(STORAGE_KEY, { open: [...state.open], filter: state.filter } satisfies Saved);
    $("[data-count]").textContent = result.ok ? countText() : result.reason;
  }

  function countText(): string {
    const shown = visible(state.filter, TIMELINE, focus);
    const open = shown.filter((m) => state.open.has(m.id)).length;
    return `${shown.length} milestones shown, ${open} open.`;
  }

  /** The one place that writes state into the DOM. */
  function paint(): void {
    select.value = state.filter;
    const shown = new Set(visible(state.filter, TIMELINE, focus).map((m) => m.id));
    for (const item of items) {
      const id = item.dataset.milestone!;
      const open = state.open.has(id);
      item.hidden = !shown.has(id);
      item.dataset.open = String(open);
      item.querySelector("[data-toggle]")!.setAttribute("aria-expanded", String(open));
      item.querySelector<HTMLElement>("[data-panel]")!.hidden = !open;
    }
    $("[data-count]").textContent = countText();
  }

  const shownToggles = () => items.filter((i) => !i.hidden).map((i) => i.querySelector<HTMLButtonElement>("[data-toggle]")!);

  const onClick = (ev: Event) => {
    const target = ev.target as Element;
    const toggle = target.closest<HTMLElement>("[data-toggle]");
    const action = target.closest<HTMLElement>("[data-action]")?.dataset.action;
    if (toggle) {
      const id = toggle.closest<HTMLElement>("[data-milestone]")!.dataset.milestone!;
      if (state.open.has(id)) state.open.delete(id);
      else state.open.add(id);
    } else if (action === "expand") {
      for (const m of visible(state.filter, TIMELINE, focus)) state.open.add(m.id);
    } else if (action === "collapse") {
      for (const m of visible(state.filter, TIMELINE, focus)) state.open.delete(m.id);
    } else return;
    paint();
    persist();
  };
  const onKey = (ev: KeyboardEvent) => {
    const toggle = (ev.target as Element).closest<HTMLButtonElement>("[data-toggle]");
    if (!toggle || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const toggles = shownToggles();
    const next = moveFocus(toggles.indexOf(toggle), toggles.length, ev.key);
    if (next === null) return;
    ev.preventDefault();
    toggles[next].focus();
  };
  const onChange = () => {
    state.filter = select.value;
    paint();
    persist();
  };
  el.addEventListener("click", onClick, { signal });
  el.addEventListener("keydown", onKey, { signal });
  select.addEventListener("change", onChange, { signal });
  paint();
  setState(el, "ready");
}
