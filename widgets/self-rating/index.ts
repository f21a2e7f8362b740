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
import { load, remove, save } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import css from "./self-rating.css" with { type: "text" };
import { dueNow, dueText, questionKey, RATINGS, restoreRatings, tally, type Rating, type Ratings } from "./schedule.ts";

/** The review questions this widget rates: the `details.question` blocks before it in the same article. */
function questionsBefore(el: HTMLElement): HTMLDetailsElement[] {
  const scope = el.closest("article") ?? document.body;
  return [...scope.querySelectorAll<HTMLDetailsElement>("details.question")].filter(
    (d) => d.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING,
  );
}

/** Mount the ratings; the cleanup removes the buttons it added to the questions. */
export function render(el: HTMLElement): () => void {
  adoptCss(css);
  const key = `self-rating:${location.pathname}`;
  let ratings: Ratings = restoreRatings(load<unknown>(key, {}));
  const questions = questionsBefore(el).map((d) => ({
    d,
    key: questionKey(d.querySelector("summary")?.textContent ?? ""),
    title: (d.querySelector("summary")?.textContent ?? "").trim(),
  }));
  if (!questions.length) throw new Error("This self-rating box found no review questions above it.");

  const added: HTMLElement[] = [];
  const rows = questions.map((q, i) => {
    const group = h("div", { className: "rnn-rate" });
    group.dataset.selfRating = "";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", `How well did you recall question ${i + 1}?`);
    const note = h("span", { className: "rnn-rate__due" });
    const buttons = RATINGS.map(({ rating, label }) => {
      const b = h("button", { type: "button", textContent: label });
      b.dataset.rate = rating;
      b.addEventListener("click", () => rate(q.key, rating));
      return b;
    });
    group.append(h("span", { className: "rnn-rate__ask", textContent: "Your recall: " }), ...buttons, note);
    q.d.append(group);
    added.push(group);
    return { ...q, group, buttons, note };
  });

  const summary = h("p", { className: "rnn-rate__summary" });
  summary.dataset.ratingSummary = "";
  summary.setAttribute("aria-live", "polite");
  const due = h("div");
  due.dataset.ratingDue = "";
  const saveNote = h("p", { className: "rnn-rate__note" });
  saveNote.setAttribute("role", "status");
  const clear = h("button", { type: "button", textContent: "Clear my ratings" });

  function rate(k: string, rating: Rating) {
    ratings = { ...ratings, [k]: { rating, at: Date.now() } };
    const r = save(key, ratings);
    saveNote.textContent = r.ok ? "" : r.reason;
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
        const go = h("button", { type: "button", textContent: row.title, className: "rnn-rate__go" });
        go.addEventListener("click", () => {
          row.d.open = true;
          row.d.querySelector("summary")?.focus();
          row.d.scrollIntoView({ block: "center" });
        });
        ul.append(h("li", {}, go));
      }
      due.append(h("p", { textContent: "Due for review now:" }), ul);
    }
    clear.hidden = t.unrated === keys.length;
  }

  clear.addEventListener("click", () => {
    ratings = {};
    remove(key);
    paint();
  });

  el.querySelector(".rnn-widget__fallback")?.remove();
  el.append(summary, due, clear, saveNote);
  paint();
  setState(el, "ready");
  return () => {
    for (const g of added) g.remove();
  };
}
