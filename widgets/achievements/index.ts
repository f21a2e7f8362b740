/**
 * Achievements (Module 10): the five milestones as a checklist with a bar, the badges, time per
 * phase and our reference runs, all computed from what this browser saw (lib/achievements.ts),
 * and an Export / Import of progress as a file the reader keeps.
 *
 * Hooks for tests: `li[data-milestone]` and `li[data-badge]` with `data-done` and `data-imported`;
 * `[data-role=count]`; `[data-role=save-note]`; `[data-role=import-note]`; the root's `data-imported`
 * ("ok" or "refused") after an import.
 */
import {
  evaluate, exportFile, merge, readProgressFile, readSources, saveSources, timePerPhase, LOG_KEY, type Course,
} from "../lib/achievements.ts";
import { finder } from "../lib/dom.ts";
import { downloadText } from "../lib/download.ts";
import { PROGRESS_EVENT } from "../lib/progress.ts";
import { siteRoot } from "../lib/site.ts";
import { setState } from "../lib/state.ts";
import { saveAndSay } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import type { MountContext } from "../main.ts";
import { BADGE_AT } from "../neuron-detective/logic.ts";
import css from "./achievements.css" with { type: "text" };
import raw from "./course.json" with { type: "json" };
import { badgesMarkup, milestonesMarkup, referencesMarkup, skeleton, timeMarkup } from "./view.ts";

const course = raw as Course;
let counter = 0;

export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = `rnn-ach-${++counter}`;
  el.classList.add("rnn-ach");
  el.innerHTML = skeleton(uid);
  const $ = finder(el);
  const href = (where: string) => new URL(where, siteRoot()).href;

  function draw(): void {
    const s = readSources();
    const { milestones, badges } = evaluate(s, course, BADGE_AT);
    $("[data-role='milestones']").innerHTML = milestonesMarkup(uid, milestones, href);
    $("[data-role='badges']").innerHTML = badgesMarkup(badges, href);
    $("[data-role='time']").innerHTML = timeMarkup(timePerPhase(s, milestones));
  }

  $("[data-role='references']").innerHTML = referencesMarkup(course);
  // Writing the log back as it is tells the reader at once when this browser keeps nothing.
  saveAndSay(LOG_KEY, readSources().log, $("[data-role='save-note']"));
  draw();
  window.addEventListener(PROGRESS_EVENT, draw, { signal });
  window.addEventListener("storage", draw, { signal });

  $("[data-action='export']").addEventListener("click", () => {
    const text = JSON.stringify(exportFile(readSources()), null, 1);
    downloadText(el, `rnn-course-progress-${new Date().toISOString().slice(0, 10)}.json`, text, "application/json");
  }, { signal });

  const input = $<HTMLInputElement>("[data-role='file']");
  const note = $("[data-role='import-note']");
  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    // Refused by size before reading, so a huge file is never loaded.
    const read = readProgressFile(file.size > 1024 * 1024 ? "" : await file.text(), file.size);
    if (!read.ok) {
      note.textContent = read.reason;
      el.dataset.imported = "refused";
      return;
    }
    const before = readSources();
    const r = saveSources(merge(before, read.stores), before);
    note.textContent = r.ok
      ? `Imported ${file.name}: its progress is merged with this browser's. What came from the file is marked as imported: this page did not see it happen.`
      : `Not imported: ${r.reason}`;
    el.dataset.imported = r.ok ? "ok" : "refused";
    draw();
  }, { signal });
  setState(el, "ready");
}
