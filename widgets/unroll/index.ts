/**
 * The unrolling diagram (Module 2, section 2.3): an RNN as a loop, the same
 * network unrolled over five steps with its shared W_hh, then gradients
 * flowing back from a loss at y_5. Previous / Next / Play move through the
 * stages (CSS transitions animate, and stand still under
 * prefers-reduced-motion); "Trace x_1 → y_5" lights the path that answers
 * the lesson's pause-point question.
 *
 * Hooks for tests: the root's `data-stage` (1…3) and `data-stage-id`,
 * `[data-caption]`, and the buttons by name.
 */
import { diagramSvg } from "./diagram.ts";
import { player } from "../lib/player.ts";
import { PLAY_STAGE_MS, STAGES, TRACE_CAPTION } from "./stages.ts";
import { adoptCss } from "../lib/style.ts";
import css from "./unroll.css" with { type: "text" };
import type { MountContext } from "../main.ts";
import { uniqueId } from "../lib/ids.ts";
import { finder } from "../lib/dom.ts";


/** "h_{t−1}" → h<sub>t−1</sub>: captions are written in plain text, shown with subscripts. */
const withSubscripts = (text: string) =>
  text.replace(/_(\{[^}]*\}|[a-z0-9]+)/g, (_, s: string) => `<sub>${s.replace(/[{}]/g, "")}</sub>`);

interface State {
  stage: number;
  trace: boolean;
}

/** Mount the diagram in `el`; leaving the page stops Play's timer. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = uniqueId("rnn-ur");
  const state: State = { stage: 0, trace: false };
  const play = player({
    get: () => state.stage,
    set: (i) => (state.stage = i),
    last: () => STAGES.length - 1, // the story ends on the gradient stage
    ms: PLAY_STAGE_MS,
    paint,
    signal,
  });

  el.classList.add("rnn-ur");
  el.innerHTML = `
    <div class="rnn-ur__controls" role="group" aria-label="Diagram stages">
      <button type="button" data-action="prev">Previous</button>
      <button type="button" data-action="next" class="rnn-primary">Next</button>
      <button type="button" data-action="play">Play</button>
      <button type="button" data-action="trace" aria-pressed="false">Trace x<sub>1</sub> → y<sub>5</sub></button>
      <span class="rnn-ur__progress" data-progress></span>
    </div>
    <div class="rnn-ur__figure">${diagramSvg(uid)}</div>
    <p class="rnn-ur__caption" aria-live="polite" data-caption></p>
    <p class="rnn-ur__trace-caption" aria-live="polite" data-trace-caption></p>`;

  const $ = finder(el);
  const button = (action: string) => $<HTMLButtonElement>(`[data-action="${action}"]`);

  /** The one place that writes state into the DOM; CSS animates from the attributes. */
  function paint(): void {
    const s = STAGES[state.stage];
    el.dataset.stage = String(state.stage + 1);
    el.dataset.stageId = s.id;
    el.dataset.trace = String(state.trace);
    $("[data-progress]").textContent = `Stage ${state.stage + 1} of ${STAGES.length}`;
    const caption = $<HTMLElement>("[data-caption]");
    if (caption.dataset.stage !== String(state.stage)) {
      // Rewritten only on a real change, so the live region speaks once per stage.
      caption.dataset.stage = String(state.stage);
      caption.innerHTML =
        `<span class="rnn-sr-only">Stage ${state.stage + 1} of ${STAGES.length}: </span>` +
        `<strong>${s.title}.</strong> ${withSubscripts(s.caption)}`;
    }
    $("[data-trace-caption]").innerHTML = state.trace ? withSubscripts(TRACE_CAPTION) : "";
    // aria-disabled, not disabled: a disabled button drops keyboard focus to the page.
    button("prev").setAttribute("aria-disabled", String(state.stage === 0));
    button("next").setAttribute("aria-disabled", String(state.stage === STAGES.length - 1));
    button("play").textContent = play.playing ? "Pause" : "Play";
    button("trace").setAttribute("aria-pressed", String(state.trace));
  }

  function toggleTrace(): void {
    state.trace = !state.trace;
    // The path only exists in the unrolled drawing: switch to it from the loop.
    if (state.trace && STAGES[state.stage].id === "loop") {
      play.stop();
      state.stage = 1;
    }
    paint();
  }

  const onClick = (ev: Event) => {
    const b = (ev.target as Element).closest<HTMLButtonElement>("button[data-action]");
    if (!b || b.getAttribute("aria-disabled") === "true") return;
    const action = b.dataset.action;
    if (action === "prev") play.go(-1);
    else if (action === "next") play.go(1);
    else if (action === "play") play.toggle();
    else if (action === "trace") toggleTrace();
  };
  // Arrow keys step through the stages while focus is on the widget's controls.
  const onKey = (ev: KeyboardEvent) => {
    if (ev.altKey || ev.ctrlKey || ev.metaKey || !(ev.target as Element).closest(".rnn-ur__controls")) return;
    if (ev.key === "ArrowRight" || ev.key === "ArrowLeft") {
      ev.preventDefault();
      play.go(ev.key === "ArrowRight" ? 1 : -1);
    }
  };
  el.addEventListener("click", onClick, { signal });
  el.addEventListener("keydown", onKey, { signal });
  paint();

}
