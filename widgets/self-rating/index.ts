/**
 * Self-rating for a spaced-repetition review. Placed after a review's
 * `??? question` admonitions, it adds Got it / Partly / Missed buttons inside
 * each answer, saves the ratings per page, and keeps a summary: how many of
 * each, and which questions are due again (./schedule.ts).
 *
 * Hooks for tests: each rated `details` gets `[data-self-rating]` with
 * `data-rating`; buttons carry `data-rate` and `aria-pressed`;
 * `[data-rating-summary]` and `[data-rating-due]` in the widget.
 */
import { h } from "../lib/dom.ts";
import { setState } from "../lib/state.ts";
import { load, remove, saveAndSay } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import css from "./self-rating.css" with { type: "text" };
import { dueNow, dueText, questionKey, RATINGS, restoreRatings, tally, type Rating, type Ratings } from "./schedule.ts";
import type { MountContext } from "../main.ts";
import { onAbort } from "../lib/abort.ts";

/** The review questions this widget rates: the `details.question` blocks before it in the same article. */
function questionsBefore(el: HTMLElement): HTMLDetailsElement[] {
  const scope = el.closest("article") ?? document.body;
  return [...scope.querySelectorAll<HTMLDetailsElement>("details.question")].filter(
    (d) => d.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING,
  );
}

/** Mount the ratings; leaving the page removes the buttons it added to the questions. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const key = `self-rating:${location.pathname}`;
  let ratings: Ratings = restoreRatings(load<unknown>(key, {}));
  const questions = questionsBefore(el).map((d) => ({
    d,
    key: questionKey(d.querySelector("summary")?.textContent ?? ""),
    title: (d.querySelector("summary")?.textContent ?? "").trim(),
  }));
  if (!questions.length) throw new Error("This self-rating box found no review questions above it.");

  const rows = questions.map((q, i) => {
    const group = h("div", "rnn-rate", "", { "data-self-rating": "", role: "group", "aria-label": `How well did you recall question ${i + 1}?` });
    const note = h("span", "rnn-rate__due");
    const buttons = RATINGS.map(({ rating, label }) => {
      const b = h("button", "", label, { type: "button", "data-rate": rating });
      b.addEventListener("click", () => rate(q.key, rating), { signal });
      return b;
    });
    group.append(h("span", "rnn-rate__ask", "Your recall: "), ...buttons, note);
    q.d.append(group);
    onAbort(signal, () => group.remove());
    return { ...q, group, buttons, note };
  });

  const summary = h("p", "rnn-rate__summary", "", { "data-rating-summary": "", "aria-live": "polite" });
  const due = h("div", "", "", { "data-rating-due": "" });
  const saveNote = h("p", "rnn-rate__note", "", { role: "status" });
  const clear = h("button", "", "Clear my ratings", { type: "button" });

  function rate(k: string, rating: Rating) {
    ratings = { ...ratings, [k]: { rating, at: Date.now() } };
    saveAndSay(key, ratings, saveNote);
    paint();
  }

  function paint() {
    const now = Date.now();
    for (const r of rows) {
      const e = ratings[r.key];
      r.group.dataset.rating = e?.rating ?? "";
      for (const b of r.buttons) b.setAttribute("aria-pressed", String(e?.rating === b.dataset.rate));
      r.note.textContent = e ? ` (${dueText(e, now)})` : "";
    }
    const keys = rows.map((r) => r.key);
    const t = tally(keys, ratings);
    summary.textContent = t.unrated === keys.length
      ? `Open each question, answer it from memory, then rate your recall. Ratings are kept in this browser.`
      : `${keys.length - t.unrated} of ${keys.length} rated: ${t.got} got it, ${t.partly} partly, ${t.missed} missed.`;
    const dueKeys = dueNow(keys, ratings, now);
    due.replaceChildren();
    if (dueKeys.length) {
      const ul = h("ul");
      for (const k of dueKeys) {
        const row = rows.find((r) => r.key === k)!;
        const go = h("button", "rnn-rate__go", row.title, { type: "button" });
        go.addEventListener("click", () => {
          row.d.open = true;
          row.d.querySelector("summary")?.focus();
          row.d.scrollIntoView({ block: "center" });
        }, { signal });
        ul.append(h("li", "", [go]));
      }
      due.append(h("p", "", "Due for review now:"), ul);
    }
    clear.hidden = t.unrated === keys.length;
  }

  clear.addEventListener("click", () => {
    ratings = {};
    remove(key);
    paint();
  }, { signal });

  el.querySelector(".rnn-widget__fallback")?.remove();
  el.append(summary, due, clear, saveNote);
  paint();
  setState(el, "ready");
}
