/**
 * Markup of the achievements widget: the milestone checklist with its bar, the badges, time per
 * phase, our reference runs and the export/import controls. Pure strings from evaluated state.
 */
import { esc } from "../lib/html.ts";
import type { Course, Earned, timePerPhase } from "../lib/achievements.ts";

/** "5 Dec 2026", or "" where the event has no time. */
const day = (t: number | null): string =>
  t === null ? "" : new Date(t).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });

/** "1 h 05 min", "12 min", "40 s". */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

function itemMarkup(e: Earned, kind: "milestone" | "badge", href: (where: string) => string): string {
  const state = e.done ? (e.imported ? "imported from a file (this page did not see it happen)" : "done") : "not yet";
  const when = e.done && e.at !== null ? `, ${day(e.at)}` : "";
  const plan = e.plan.length > 1 || e.plan[0] !== e.name ? ` <span class="rnn-ach__plan">(the plan's ${e.plan.map((p) => `“${esc(p)}”`).join(" and ")})</span>` : "";
  const link = e.where ? ` <a href="${esc(href(e.where))}">Where to do it</a>` : "";
  return `<li data-${kind}="${e.id}" data-done="${e.done}" data-imported="${e.imported}" class="rnn-ach__item${e.done ? " rnn-ach__item--done" : ""}">
    <span aria-hidden="true">${e.done ? "✔" : "○"}</span> <strong>${esc(e.name)}</strong>${plan}:
    <span data-role="state">${state}${when}</span>. ${esc(e.verifies)}${link}</li>`;
}

/** The five milestones with the bar across them. */
export function milestonesMarkup(uid: string, ms: Earned[], href: (w: string) => string): string {
  const n = ms.filter((m) => m.done).length;
  return `<p id="${uid}-bar"><strong>Milestones:</strong> <span data-role="count">${n} of ${ms.length}</span> reached, bronze to champion.</p>
    <progress max="${ms.length}" value="${n}" aria-labelledby="${uid}-bar">${n} of ${ms.length}</progress>
    <ol class="rnn-ach__list">${ms.map((m) => itemMarkup(m, "milestone", href)).join("")}</ol>`;
}

/** The badges, earned first. */
export function badgesMarkup(bs: Earned[], href: (w: string) => string): string {
  const earned = bs.filter((b) => b.done);
  const left = bs.filter((b) => !b.done);
  return `<p><strong>Badges:</strong> <span data-role="badge-count">${earned.length} of ${bs.length}</span> earned.</p>
    <ul class="rnn-ach__list">${[...earned, ...left].map((b) => itemMarkup(b, "badge", href)).join("")}</ul>`;
}

/** Time per phase, as measured in this browser. */
export function timeMarkup(t: ReturnType<typeof timePerPhase>): string {
  const training = t.training.length
    ? `<ul>${t.training.map((x) => `<li>${esc(x.text)}: ${duration(x.seconds)} of training over ${x.runs} finished run${x.runs === 1 ? "" : "s"}</li>`).join("")}</ul>`
    : "<p>No finished studio run yet.</p>";
  const between = t.between.length
    ? `<ul>${t.between.map((b) => `<li>${b.from} to ${b.to}: ${duration(b.ms / 1000)}</li>`).join("")}</ul>`
    : "<p>No two consecutive milestones with dates yet.</p>";
  return `<p><strong>Training time</strong>, counted by the studio, per text:</p>${training}
    <p><strong>From one milestone to the next</strong> (calendar time between the recorded events):</p>${between}`;
}

/** Our reference runs, where a class average would be. */
export function referencesMarkup(c: Course): string {
  return `<table><caption>Our reference runs (there is no class average: nothing leaves your browser)</caption>
    <thead><tr><th scope="col">What</th><th scope="col">Minutes</th><th scope="col">Reached</th></tr></thead>
    <tbody>${c.references.map((r) => `<tr><td>${esc(r.what)}</td><td>${r.minutes}</td><td>${esc(r.value)}</td></tr>`).join("")}</tbody></table>`;
}

/** The skeleton: parts filled by index.ts. */
export function skeleton(uid: string): string {
  return `<p class="rnn-ach__heading"><strong>Your milestones and badges</strong> (kept in this browser only)</p>
    <p class="rnn-ach__note" data-role="save-note" aria-live="polite"></p>
    <div data-role="milestones"></div>
    <div data-role="badges"></div>
    <details><summary>Time per phase</summary><div data-role="time"></div></details>
    <div data-role="references"></div>
    <div class="rnn-ach__files">
      <button type="button" data-action="export">Export progress</button>
      <label for="${uid}-file">Import a progress file</label> <input type="file" id="${uid}-file" accept=".json,application/json" data-role="file">
      <p data-role="import-note" aria-live="polite"></p>
    </div>`;
}
