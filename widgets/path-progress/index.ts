/**
 * Path progress (learning-path pages): `<div data-widget="path-progress"
 * data-path="b">` around the `<ol>` of steps the build rendered from
 * docs/paths/paths.json. Each `li[data-unit]` (with `data-labs` and
 * `data-minutes`) gets a tick that fills when the module was visited and its
 * counted labs passed, a tick per lab, and a "Mark as done" toggle; the path
 * gets a summary (announced) and Reset, which can be undone.
 *
 * Hooks for tests: `li[data-unit]` carries `data-status` (`not-started`,
 * `in-progress`, `done`); each `[data-lab]` carries `data-passed`;
 * `[data-path-summary]` holds the summary.
 */
import { setState } from "../lib/state.ts";
import { adoptCss } from "../lib/style.ts";
import {
  markDone, PROGRESS_EVENT, readProgress, resetPath, restorePath, stepView, summarize,
  type PathRecord, type SaveResult, type StepSpec, type StepView,
} from "../lib/progress.ts";
import css from "./path-progress.css" with { type: "text" };
import type { MountContext } from "../main.ts";
import { finder, h } from "../lib/dom.ts";
import { onAbort } from "../lib/abort.ts";

const STATUS_TEXT = { "not-started": "Not started", "in-progress": "In progress", done: "Done", unavailable: "Coming soon" } as const;
const STATUS_MARK = { "not-started": "○", "in-progress": "◐", done: "✓", unavailable: "" } as const;

interface Row {
  li: HTMLLIElement;
  spec: StepSpec;
  minutes: number;
  title: string;
  tick: HTMLSpanElement;
  toggle: HTMLButtonElement;
  labs: HTMLElement[];
}

/** Mount the ticks and buttons into the step list inside `el`. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const pathId = el.dataset.path ?? "";
  if (!/^[a-z]$/.test(pathId)) throw new Error(`"${pathId}" is not a learning path`);
  const rows = [...el.querySelectorAll<HTMLLIElement>("li[data-unit]")].map((li) => buildRow(li));

  const bar = h("div", "rnn-path__bar");
  bar.innerHTML = `<p class="rnn-path__summary" data-path-summary aria-live="polite"></p>
    <button type="button" data-reset>Reset progress for this path</button>
    <p class="rnn-path__notice" data-notice role="status" hidden><span data-notice-text></span>
      <button type="button" data-undo hidden>Undo reset</button></p>`;
  el.append(bar);
  const $ = finder(bar);
  const summary = $("[data-path-summary]");
  const reset = $<HTMLButtonElement>("[data-reset]");
  const notice = $("[data-notice]");
  const noticeText = $("[data-notice-text]");
  const undo = $<HTMLButtonElement>("[data-undo]");
  let beforeReset: PathRecord | null = null;

  const say = (text: string, withUndo: boolean): void => {
    noticeText.textContent = text;
    undo.hidden = !withUndo;
    notice.hidden = false;
  };
  const report = (result: SaveResult): void => {
    if (!result.ok) say(result.reason, false);
  };

  const refresh = (): void => {
    const progress = readProgress();
    const views = rows.map((r) => stepView(progress, pathId, r.spec));
    rows.forEach((r, i) => paintRow(r, views[i]));
    summary.textContent = summarize(views, rows.map((r) => r.minutes));
  };

  const onToggle = (event: Event): void => {
    const row = rows.find((r) => r.toggle === event.currentTarget);
    if (!row) return;
    const view = stepView(readProgress(), pathId, row.spec);
    report(markDone(pathId, row.spec.unit, !view.markedDone));
  };
  const onReset = (): void => {
    beforeReset = readProgress().paths[pathId] ?? { resetAt: 0, done: {} };
    report(resetPath(pathId));
    say("Progress for this path was reset. Your lab code and the other paths are untouched.", true);
  };
  const onUndo = (): void => {
    if (!beforeReset) return;
    report(restorePath(pathId, beforeReset));
    beforeReset = null;
    say("Reset undone.", false);
    reset.focus(); // the Undo button disappears under the keyboard focus
  };
  const onStorage = (event: StorageEvent): void => {
    if (event.key === null || event.key.endsWith("progress")) refresh();
  };

  for (const r of rows) r.toggle.addEventListener("click", onToggle, { signal });
  reset.addEventListener("click", onReset, { signal });
  undo.addEventListener("click", onUndo, { signal });
  window.addEventListener(PROGRESS_EVENT, refresh, { signal });
  window.addEventListener("storage", onStorage, { signal }); // another tab passed a lab
  refresh();
  setState(el, "ready");

  // The marks sit in the page's own markup, outside el: take them away with the mount.
  onAbort(signal, () => {
    for (const r of rows) {
      r.toggle.remove();
      r.tick.remove();
    }
    bar.remove();
  });
}

/** Add the tick and the toggle to one step of the list. */
function buildRow(li: HTMLLIElement): Row {
  const unit = li.dataset.unit ?? "";
  const labs = (li.dataset.labs ?? "").split(/\s+/).filter(Boolean);
  const pages = (li.dataset.pages ?? "").split(/\s+/).filter(Boolean);
  const available = li.dataset.available !== "false";
  const title = li.querySelector(".rnn-path__name")?.textContent?.replace("(coming soon)", "").trim() ?? unit;
  const tick = h("span", "rnn-path__tick");
  li.prepend(tick);
  const toggle = h("button", "rnn-path__toggle", undefined, { type: "button" });
  // Beside the step's name and time; a step whose page is not published yet cannot be done.
  const time = li.querySelector(".rnn-path__time");
  if (time) time.after(toggle);
  else li.append(toggle);
  if (li.dataset.available === "false") toggle.dataset.unavailable = "";
  return {
    li,
    spec: { unit, labs, pages, available },
    minutes: Number(li.dataset.minutes) || 0,
    title,
    tick,
    toggle,
    labs: labs.map((id) => li.querySelector<HTMLElement>(`[data-lab="${id}"]`)).filter((x): x is HTMLElement => !!x),
  };
}

/** Show one step's status. */
function paintRow(row: Row, view: StepView): void {
  row.li.dataset.status = view.status;
  row.tick.dataset.status = view.status;
  row.tick.innerHTML = `<span aria-hidden="true">${STATUS_MARK[view.status]}</span><span class="rnn-sr-only">${STATUS_TEXT[view.status]}:</span>`;
  row.tick.title = view.status === "in-progress" && view.pagesTotal
    ? `In progress: ${view.pagesVisited} of ${view.pagesTotal} pages opened`
    : STATUS_TEXT[view.status];
  row.tick.hidden = view.status === "unavailable"; // "(coming soon)" already says it; no tick beside it
  row.labs.forEach((labEl, i) => {
    const passed = view.labs[i]?.passed ?? false;
    labEl.dataset.passed = String(passed);
    let said = labEl.querySelector<HTMLElement>(":scope > .rnn-sr-only");
    if (!said) {
      said = h("span", "rnn-sr-only");
      labEl.append(said);
    }
    said.textContent = passed ? " (passed)" : " (not passed yet)";
  });
  // Auto-completed steps need no button; a hand-marked one can be unmarked.
  const auto = view.status === "done" && !view.markedDone;
  row.toggle.hidden = auto || ("unavailable" in row.toggle.dataset && !view.markedDone);
  row.toggle.textContent = view.markedDone ? "Unmark" : "Mark as done";
  row.toggle.setAttribute("aria-label", `${view.markedDone ? "Unmark" : "Mark as done"}: ${row.title}`);
  row.toggle.setAttribute("aria-pressed", String(view.markedDone));
}
