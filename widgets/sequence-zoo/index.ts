/**
 * The sequence zoo (Module 1, section 1.2): data flowing through the five
 * architectures, one step at a time. Pick an architecture, then Play/Pause,
 * Previous, Next or Restart; the current step is lit, finished steps stay
 * drawn, future ones are faint. A sentence under the drawing (aria-live)
 * describes each step. Transitions stand still under prefers-reduced-motion.
 * The chosen architecture is saved in localStorage.
 *
 * Hooks for tests: the root's `data-arch` and `data-frame` (0-based; the
 * last frame is the summary), `select[data-arch-select]`, `[data-description]`,
 * the buttons by name.
 */
import { player } from "../lib/player.ts";
import { setState } from "../lib/state.ts";
import { load, saveAndSay } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import css from "./sequence-zoo.css" with { type: "text" };
import { ARCHITECTURES, byId, frames, FRAME_MS } from "./architectures.ts";
import { diagramSvg } from "./diagram.ts";
import type { MountContext } from "../main.ts";
import { uniqueId } from "../lib/ids.ts";
import { finder } from "../lib/dom.ts";

const STORAGE_KEY = "sequence-zoo:arch";

/** Mount the diagram in `el`; leaving the page stops Play's timer. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = uniqueId("rnn-sz");
  const state = { arch: byId(load<string>(STORAGE_KEY, "one-to-one")), frame: 0 };
  const play = player({
    get: () => state.frame,
    set: (i) => (state.frame = i),
    last: () => frames(state.arch).length - 1,
    ms: FRAME_MS,
    paint,
    signal,
  });

  el.classList.add("rnn-sz");
  el.innerHTML = `
    <div class="rnn-sz__controls">
      <label for="${uid}-arch">Architecture</label>
      <select id="${uid}-arch" data-arch-select>
        ${ARCHITECTURES.map((a) => `<option value="${a.id}">${a.name} (${a.example})</option>`).join("")}
      </select>
    </div>
    <div class="rnn-sz__controls" role="group" aria-label="Animation">
      <button type="button" class="rnn-primary" data-action="play">Play</button>
      <button type="button" data-action="prev">Previous step</button>
      <button type="button" data-action="next">Next step</button>
      <button type="button" data-action="restart">Restart</button>
      <span class="rnn-sz__progress" data-progress></span>
    </div>
    <div class="rnn-sz__figure" data-figure></div>
    <p class="rnn-sz__description" aria-live="polite" data-description></p>
    <p class="rnn-sz__legend">Red circles: inputs x. Blue boxes: the memory h, passed to the right. Magenta circles: outputs y.
      Dashed line: an output fed back in as the next input.</p>
    <p class="rnn-sz__save" role="status" data-save></p>`;

  const $ = finder(el);
  const select = $<HTMLSelectElement>("[data-arch-select]");
  const button = (action: string) => $<HTMLButtonElement>(`[data-action="${action}"]`);
  let drawn = "";

  /** The one place that writes state into the DOM; CSS animates from the attributes. */
  function paint(): void {
    const fs = frames(state.arch);
    const f = fs[state.frame];
    el.dataset.arch = state.arch.id;
    el.dataset.frame = String(state.frame);
    select.value = state.arch.id;
    if (drawn !== state.arch.id) {
      drawn = state.arch.id;
      $("[data-figure]").innerHTML = diagramSvg(state.arch, `${uid}-svg`, fs.map((x) => x.text).join(" "));
    }
    for (const part of el.querySelectorAll<SVGElement>("[data-step]")) {
      const s = Number(part.dataset.step);
      part.dataset.phase = s < f.step ? "past" : s === f.step ? "current" : "future";
    }
    $("[data-progress]").textContent =
      state.frame < fs.length - 1 ? `Step ${state.frame + 1} of ${fs.length - 1}` : "Summary";
    $("[data-description]").textContent = f.text;
    // aria-disabled, not disabled: a disabled button drops keyboard focus to the page.
    button("prev").setAttribute("aria-disabled", String(state.frame === 0));
    button("next").setAttribute("aria-disabled", String(state.frame === fs.length - 1));
    button("play").textContent = play.playing ? "Pause" : "Play";
  }

  const onClick = (ev: Event) => {
    const b = (ev.target as Element).closest<HTMLButtonElement>("button[data-action]");
    if (!b || b.getAttribute("aria-disabled") === "true") return;
    const action = b.dataset.action;
    if (action === "play") play.toggle();
    else if (action === "prev") play.go(-1);
    else if (action === "next") play.go(1);
    else if (action === "restart") {
      play.stop();
      state.frame = 0;
      paint();
    }
  };
  const onChange = () => {
    play.stop();
    state.arch = byId(select.value);
    state.frame = 0;
    saveAndSay(STORAGE_KEY, state.arch.id, $("[data-save]"));
    paint();
  };
  el.addEventListener("click", onClick, { signal });
  select.addEventListener("change", onChange, { signal });
  paint();
  setState(el, "ready");
}
