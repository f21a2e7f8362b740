/**
 * Markup of the gallery, leaderboard and peer review widget: pure strings from computed state
 * (logic.ts); index.ts puts them in place and wires them.
 */
import { esc } from "../lib/html.ts";
import type { KeptSample } from "../lib/samples.ts";
import {
  MAX_NAME, MAX_NOTE, MAX_COMMENT, MAX_SUBMISSION_SAMPLES, RATINGS,
  type Aggregate, type Blind, type Board, type Entry, type Marks, type Stat, type Submission,
} from "./logic.ts";

const day = (t: number) => new Date(t).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
const two = (x: number) => x.toFixed(2);

/** One gallery sample with its like button and note. */
function entryMarkup(uid: string, e: Entry, marks: Marks, k: number): string {
  const m = marks[e.id] ?? { liked: false, note: "" };
  const who = e.mine ? `Yours, kept ${day(e.at!)}` : "Our pick";
  return `<li data-entry="${esc(e.id)}" data-mine="${e.mine}" data-liked="${m.liked}">
    <p class="rnn-cs__figures"><strong>${who}</strong> · ${esc(e.figures)}</p>
    <pre tabindex="0" aria-label="${e.mine ? "Your" : "Our"} sample ${k + 1}">${esc(e.text)}</pre>
    <p class="rnn-cs__marks"><button type="button" data-action="like" aria-pressed="${m.liked}"><span aria-hidden="true">♥</span> Like</button>
    <label for="${uid}-note-${k}">Note</label>
    <textarea id="${uid}-note-${k}" data-role="note" rows="1" maxlength="${MAX_NOTE}">${esc(m.note)}</textarea></p></li>`;
}

/** The gallery: the reader's kept samples newest first, then ours. */
export function galleryMarkup(uid: string, entries: Entry[], marks: Marks): string {
  const mine = entries.filter((e) => e.mine).length;
  const none = mine ? "" : `<p data-role="no-kept">You have kept no sample yet: press <em>Keep</em> beside a sample in the training studio.</p>`;
  return `${none}<ol class="rnn-cs__gallery">${entries.map((e, k) => entryMarkup(uid, e, marks, k)).join("")}</ol>`;
}

/** The local leaderboard, one table per category and text, then the liked samples. */
export function leaderboardMarkup(boards: Board[], liked: KeptSample[]): string {
  const tables = boards.map((b) => {
    const body = b.texts.length
      ? b.texts.map((t) => `<table data-board="${b.category}" data-text="${esc(t.text)}"><caption>${b.category}: ${esc(t.text)}</caption>
        <thead><tr><th scope="col">Rank</th><th scope="col">Model</th><th scope="col">Best validation perplexity</th><th scope="col">Trained</th><th scope="col">When</th></tr></thead>
        <tbody>${t.rows.map(({ rank, run }) => `<tr data-rank="${rank}"><td>${rank}</td><td>${run.cell.toUpperCase()} ${run.layers} × ${run.hidden}</td>
          <td data-ppl="${run.bestValPerplexity}">${two(run.bestValPerplexity)}</td><td>${Math.round(run.trainedS)} s, ${run.steps.toLocaleString("en")} iterations</td>
          <td>${day(run.at)}${run.imported ? " (imported)" : ""}</td></tr>`).join("")}</tbody></table>`).join("")
      : `<p>No ${b.category} run yet.</p>`;
    return `<div data-category="${b.category}">${body}</div>`;
  }).join("");
  const creative = liked.length
    ? `<ol data-role="creative">${liked.map((s) => `<li>${esc((s.seed + s.text).slice(0, 80))}… <small>(${esc(s.textKind)}, iteration ${s.step})</small></li>`).join("")}</ol>`
    : `<p data-role="creative">None yet: like your own kept samples in the gallery to list them here.</p>`;
  return `${tables}<p><strong>Most creative: your own picks.</strong> No page can measure creativity; these are the kept samples you liked,
    newest first. Reviews from colleagues (below) give them a Creativity rating.</p>${creative}`;
}

/** The kept samples to choose from for a submission. */
export function pickerMarkup(uid: string, kept: KeptSample[]): string {
  if (!kept.length) return "<p>Keep samples in the training studio first; they appear here.</p>";
  return `<fieldset><legend>Samples to submit (up to ${MAX_SUBMISSION_SAMPLES})</legend>
    ${[...kept].sort((a, b) => b.at - a.at).map((s, k) => `<label class="rnn-cs__pick"><input type="checkbox" data-pick="${s.at}" id="${uid}-pick-${k}">
      ${esc((s.seed + s.text).slice(0, 60).replace(/\s+/g, " "))}… (${esc(s.textKind)}, iteration ${s.step})</label>`).join("")}</fieldset>`;
}

/** One loaded submission as the reviewer sees it: a letter, its samples shuffled, no name, no figures. */
export function reviewMarkup(uid: string, letter: string, sub: Submission, blind: Blind[]): string {
  const n = `${uid}-${letter}`;
  return `<section class="rnn-cs__review" data-review="${esc(sub.id)}" aria-label="Submission ${letter}">
    <p><strong>Submission ${letter}</strong> (${blind.length} sample${blind.length === 1 ? "" : "s"}, in a shuffled order, without the author's name or figures)</p>
    ${blind.map((b, k) => `<fieldset data-sample="${b.index}"><legend>Sample ${k + 1}</legend>
      <pre tabindex="0" aria-label="Submission ${letter}, sample ${k + 1}"><span class="rnn-cs__seed">${esc(b.seed)}</span>${esc(b.text)}</pre>
      ${RATINGS.map((r) => `<fieldset class="rnn-cs__rating" data-rating="${r.id}"><legend>${r.name} <span class="rnn-cs__asks">${esc(r.asks)}</span></legend>
        ${[1, 2, 3, 4, 5].map((v) => `<label><input type="radio" name="${n}-${k}-${r.id}" value="${v}"> ${v}</label>`).join("")}</fieldset>`).join("")}
      <label for="${n}-${k}-comment">Comment (optional)</label>
      <textarea id="${n}-${k}-comment" data-role="comment" rows="2" maxlength="${MAX_COMMENT}"></textarea></fieldset>`).join("")}
    <p><button type="button" data-action="export-review">Export the review of submission ${letter}</button></p>
    <p data-role="review-export-note" aria-live="polite"></p></section>`;
}

const statCell = (s: Stat) => (s.mean === null ? "<td>none yet</td>" : `<td>${two(s.mean)} <small>(${s.count} rating${s.count === 1 ? "" : "s"})</small></td>`);

/** The aggregated reviews of one of the reader's own submissions. */
export function resultsMarkup(sub: Submission, agg: Aggregate): string {
  const head = `<tr><th scope="col">Sample</th>${RATINGS.map((r) => `<th scope="col">${r.name}</th>`).join("")}</tr>`;
  const rows = agg.samples.map((s) => `<tr data-sample="${s.index}"><th scope="row">${s.index + 1}. ${esc((sub.samples[s.index].seed + sub.samples[s.index].text).slice(0, 40).replace(/\s+/g, " "))}…</th>
    ${RATINGS.map((r) => statCell(s.ratings[r.id])).join("")}</tr>`).join("");
  const overall = `<tr data-sample="overall"><th scope="row">All samples</th>${RATINGS.map((r) => statCell(agg.overall[r.id])).join("")}</tr>`;
  const comments = agg.samples.flatMap((s) => s.comments.map((c) => `<li>Sample ${s.index + 1}: ${esc(c)}</li>`));
  return `<div data-results="${esc(sub.id)}"><table><caption>Submission “${esc(sub.name)}” of ${day(Date.parse(sub.created))} (${sub.id}): ${agg.reviews} review${agg.reviews === 1 ? "" : "s"} loaded; mean rating from 1 to 5</caption>
    <thead>${head}</thead><tbody>${rows}${overall}</tbody></table>
    ${comments.length ? `<p>Comments:</p><ul>${comments.join("")}</ul>` : ""}</div>`;
}

/** The skeleton: parts filled by index.ts. */
export function skeleton(uid: string): string {
  return `<p class="rnn-cs__heading"><strong>Gallery, leaderboard and peer review</strong> (kept in this browser only; nothing is sent anywhere)</p>
    <p class="rnn-cs__note" data-role="save-note" role="status"></p>
    <details open><summary>Sample gallery</summary>
      <p><label><input type="checkbox" data-role="liked-only"> Show liked samples only</label></p>
      <div data-role="gallery"></div></details>
    <details open><summary>Your leaderboard</summary><div data-role="leaderboard"></div></details>
    <details open><summary>Make a submission file</summary>
      <div data-role="picker"></div>
      <p><label for="${uid}-name">Your display name (at most ${MAX_NAME} characters)</label>
      <input type="text" id="${uid}-name" data-role="name" autocomplete="nickname"></p>
      <p><button type="button" data-action="export-submission">Export the submission</button></p>
      <p data-role="export-note" aria-live="polite"></p></details>
    <details open><summary>Review colleagues' submissions</summary>
      <p><label for="${uid}-subs">Load submission files</label> <input type="file" id="${uid}-subs" multiple accept=".json,application/json" data-role="submission-files"></p>
      <p data-role="review-note" aria-live="polite"></p>
      <div data-role="reviewing"></div></details>
    <details open><summary>Reviews of your submissions</summary>
      <p><label for="${uid}-reviews">Load review files</label> <input type="file" id="${uid}-reviews" multiple accept=".json,application/json" data-role="review-files"></p>
      <p data-role="results-note" aria-live="polite"></p>
      <div data-role="results"></div></details>`;
}
