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
 * "Play the story" opens the shown milestones one after another, alone, every
 * PLAY_STEP_MS, saying each in a live region; Pause (or any other control)
 * stops it.
 *
 * Hooks for tests: `[data-milestone="<id>"]` items with `data-open`
 * true/false, their button `[data-toggle]`, the panel `[data-panel]`, the
 * `select[data-filter]`, `[data-count]`, and `a[data-demo]` in a panel;
 * `[data-action="play"]` (`aria-pressed`), `[data-now]`, the root's
 * `data-playing`, `data-play-step` (the milestone shown) and `data-play-ms`
 * (read: the time per step, for tests).
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
import { demoUrl, inFocus, moduleName, moduleUrl, moveFocus, nextInStory, PLAY_STEP_MS, TIMELINE, visible, type Filter } from "./timeline.ts";


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
      <button type="button" data-action="play" aria-pressed="false">Play the story</button>
      <span class="rnn-tl__count" role="status" data-count></span>
    </div>
    <p class="rnn-tl__now" aria-live="polite" data-now></p>
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
  // "Play the story": one milestone after another, each opened alone for a few seconds (the
  // plan's "watch the evolution"). Pause stops where it is; any other control stops it too.
  let timer: number | undefined;
  const playButton = $<HTMLButtonElement>('[data-action="play"]');
  const stepMs = () => Number(el.dataset.playMs) || PLAY_STEP_MS;
  function stopPlaying(): void {
    clearTimeout(timer);
    timer = undefined;
    playButton.setAttribute("aria-pressed", "false");
    playButton.textContent = "Play the story";
    el.dataset.playing = "false";
  }
  function showStep(id: string): void {
    const shown = visible(state.filter, TIMELINE, focus);
    for (const m of shown) state.open.delete(m.id);
    state.open.add(id);
    paint();
    persist();
    const m = shown.find((x) => x.id === id)!;
    $("[data-now]").textContent = `${m.year}: ${m.headline}`;
    const item = items.find((i) => i.dataset.milestone === id)!;
    const still = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
    item.scrollIntoView({ block: "nearest", behavior: still ? "auto" : "smooth" });
    el.dataset.playing = "true";
    el.dataset.playStep = id;
    const next = nextInStory(shown.map((x) => x.id), id);
    if (next === null) {
      stopPlaying();
      playButton.textContent = "Play the story again";
      return;
    }
    timer = window.setTimeout(() => showStep(next), stepMs());
  }
  const onPlay = (ev: Event) => {
    if (!(ev.target as Element).closest('[data-action="play"]')) {
      if (timer !== undefined && (ev.target as Element).closest("button, select")) stopPlaying();
      return;
    }
    ev.stopPropagation();
    if (timer !== undefined) {
      stopPlaying();
      return;
    }
    const ids = visible(state.filter, TIMELINE, focus).map((m) => m.id);
    if (!ids.length) return;
    playButton.setAttribute("aria-pressed", "true");
    playButton.textContent = "Pause";
    showStep(ids[0]);
  };
  el.addEventListener("click", onPlay, { signal, capture: true });
  signal.addEventListener("abort", () => clearTimeout(timer));
  el.addEventListener("click", onClick, { signal });
  el.addEventListener("keydown", onKey, { signal });
  select.addEventListener("change", onChange, { signal });
  paint();
  setState(el, "ready");
}
