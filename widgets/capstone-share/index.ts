/**
 * Module 10's Sample Gallery, local leaderboard and serverless peer review. The gallery shows the
 * samples kept in the training studio (lib/samples.ts) and our own models' samples (picks.json,
 * python -m coursekit.capstone_share), with likes and notes; the leaderboard ranks the reader's
 * finished studio runs (lib/achievements.ts's log); a submission file (`rnn-course/submission` v1)
 * carries up to five kept samples to colleagues, who review them blinded and send back review
 * files (`rnn-course/review` v1) that the author loads and sees aggregated. Every file is checked
 * whole and refused with the reason; nothing leaves the browser but the files the reader downloads.
 *
 * Hooks for tests: `li[data-entry]` with `data-mine` and `data-liked`; `table[data-board]` rows
 * `tr[data-rank]`; `[data-review]` sections with `fieldset[data-sample]` and `fieldset[data-rating]`;
 * `[data-results]` with `tr[data-sample]`; the root's `data-loaded` and `data-reviews` ("ok" or
 * "refused") after a file is read; `[data-role=save-note]`, `export-note`, `review-note`, `results-note`.
 */
import { readSources, LOG_KEY } from "../lib/achievements.ts";
import { finder } from "../lib/dom.ts";
import { downloadText } from "../lib/download.ts";
import { PROGRESS_EVENT } from "../lib/progress.ts";
import { readKept, SAMPLES_KEY } from "../lib/samples.ts";
import { setState } from "../lib/state.ts";
import { load, saveAndSay } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import type { MountContext } from "../main.ts";
import css from "./capstone-share.css" with { type: "text" };
import {
  aggregate, blinded, galleryEntries, keptId, leaderboard, makeReview, makeSubmission, normalizeMarks, randomId, readReview,
  readSubmission, setMark, MAX_FILE_BYTES, MAX_SUBMISSION_SAMPLES, RATINGS, type OurPick, type Rating, type Review, type Submission,
} from "./logic.ts";
import raw from "./picks.json" with { type: "json" };
import { galleryMarkup, leaderboardMarkup, pickerMarkup, resultsMarkup, reviewMarkup, skeleton } from "./view.ts";

const picks = (raw as { picks: OurPick[] }).picks;
const MARKS_KEY = "capstone:marks";
const MINE_KEY = "capstone:submissions";
const REVIEWS_KEY = "capstone:reviews";
/** The reader's own submissions kept to match reviews against (the latest this many). */
const MAX_MINE = 20;
let counter = 0;

/** The reader's own submissions in storage, each checked as a loaded file would be. */
function readMine(): Submission[] {
  const r = load<unknown>(MINE_KEY, []);
  if (!Array.isArray(r)) return [];
  return r.flatMap((s) => {
    const x = readSubmission(JSON.stringify(s), 0);
    return x.ok ? [x.file] : [];
  });
}

function readReviews(mine: Submission[]): Review[] {
  const r = load<unknown>(REVIEWS_KEY, []);
  if (!Array.isArray(r)) return [];
  return r.flatMap((v) => {
    const x = readReview(JSON.stringify(v), 0, mine);
    return x.ok ? [x.file] : [];
  });
}

/** The texts of the files chosen in `input` (a file over the limit is read as ""), then the input is emptied. */
async function chosenFiles(input: HTMLInputElement): Promise<{ name: string; text: string; size: number }[]> {
  const files = [...(input.files ?? [])];
  input.value = "";
  // Refused by size before reading, so a huge file is never loaded.
  return Promise.all(files.map(async (f) => ({ name: f.name, size: f.size, text: f.size > MAX_FILE_BYTES ? "" : await f.text() })));
}

export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const uid = `rnn-cs-${++counter}`;
  el.classList.add("rnn-cs");
  el.innerHTML = skeleton(uid);
  const $ = finder(el);
  const saveNote = $("[data-role='save-note']");
  let marks = normalizeMarks(load<unknown>(MARKS_KEY, {}));
  let mine = readMine();
  let reviews = readReviews(mine);
  const reviewing: Submission[] = [];

  const likedKept = () => readKept().filter((s) => marks[keptId(s)]?.liked).sort((a, b) => b.at - a.at);
  const drawLeaderboard = () => {
    $("[data-role='leaderboard']").innerHTML = leaderboardMarkup(leaderboard(readSources().log.runs), likedKept());
  };
  const applyFilter = () => {
    const only = $<HTMLInputElement>("[data-role='liked-only']").checked;
    for (const li of el.querySelectorAll<HTMLElement>("li[data-entry]")) li.hidden = only && li.dataset.liked !== "true";
  };
  function drawAll(): void {
    const kept = readKept();
    $("[data-role='gallery']").innerHTML = galleryMarkup(uid, galleryEntries(kept, picks), marks);
    $("[data-role='picker']").innerHTML = pickerMarkup(uid, kept);
    applyFilter();
    drawLeaderboard();
    drawResults();
  }
  function drawResults(): void {
    $("[data-role='results']").innerHTML = mine.length
      ? mine.map((s) => resultsMarkup(s, aggregate(s, reviews))).join("")
      : "<p>You have exported no submission from this browser yet.</p>";
  }

  // ---- gallery: likes and notes, saved as they change
  const gallery = $("[data-role='gallery']");
  gallery.addEventListener("click", (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>("[data-action='like']");
    const li = button?.closest<HTMLElement>("li[data-entry]");
    if (!button || !li) return;
    const liked = button.getAttribute("aria-pressed") !== "true";
    marks = setMark(marks, li.dataset.entry!, { liked });
    button.setAttribute("aria-pressed", String(liked));
    li.dataset.liked = String(liked);
    saveAndSay(MARKS_KEY, marks, saveNote);
    applyFilter();
    drawLeaderboard();
  }, { signal });
  gallery.addEventListener("input", (e) => {
    const area = e.target as HTMLTextAreaElement;
    const li = area.closest<HTMLElement>("li[data-entry]");
    if (!area.matches("[data-role='note']") || !li) return;
    marks = setMark(marks, li.dataset.entry!, { note: area.value });
    saveAndSay(MARKS_KEY, marks, saveNote);
  }, { signal });
  $("[data-role='liked-only']").addEventListener("change", applyFilter, { signal });

  // ---- submission file
  $("[data-action='export-submission']").addEventListener("click", () => {
    const note = $("[data-role='export-note']");
    const chosen = new Set([...el.querySelectorAll<HTMLInputElement>("input[data-pick]:checked")].map((i) => Number(i.dataset.pick)));
    const kept = readKept().filter((s) => chosen.has(s.at)).sort((a, b) => b.at - a.at);
    if (!kept.length || kept.length > MAX_SUBMISSION_SAMPLES) {
      note.textContent = kept.length ? `Choose at most ${MAX_SUBMISSION_SAMPLES} samples (${kept.length} are ticked).` : "Tick at least one sample first.";
      return;
    }
    const { file, note: nameNote } = makeSubmission(kept, $<HTMLInputElement>("[data-role='name']").value, randomId());
    mine = [...mine, file].slice(-MAX_MINE);
    const kept_ = saveAndSay(MINE_KEY, mine, saveNote);
    downloadText(el, `rnn-course-submission-${file.id}.json`, JSON.stringify(file, null, 1), "application/json");
    note.textContent = `${nameNote} Exported submission ${file.id} as “${file.name}” with ${file.samples.length} sample${file.samples.length === 1 ? "" : "s"}. `
      + (kept_ ? "Send the file to colleagues; load their reviews below." : "This browser does not keep it: reviews of it can be loaded only until you close this tab.");
    drawResults();
  }, { signal });

  // ---- reviewing colleagues' submissions: blinded, three ratings each
  $<HTMLInputElement>("[data-role='submission-files']").addEventListener("change", async (e) => {
    const note = $("[data-role='review-note']");
    const said: string[] = [];
    let refused = false;
    for (const f of await chosenFiles(e.target as HTMLInputElement)) {
      const r = readSubmission(f.text, f.size);
      if (!r.ok) {
        refused = true;
        said.push(`${f.name}: ${r.reason}`);
      } else if (reviewing.some((s) => s.id === r.file.id)) {
        said.push(`${f.name}: this submission is already loaded.`);
      } else {
        reviewing.push(r.file);
        const letter = String.fromCharCode(64 + reviewing.length);
        $("[data-role='reviewing']").insertAdjacentHTML("beforeend", reviewMarkup(uid, letter, r.file, blinded(r.file)));
        said.push(`${f.name}: loaded as submission ${letter}.`);
      }
    }
    note.textContent = said.join(" ");
    el.dataset.loaded = refused ? "refused" : "ok";
  }, { signal });
  $("[data-role='reviewing']").addEventListener("click", (e) => {
    const section = (e.target as Element).closest<HTMLElement>("[data-action='export-review']")?.closest<HTMLElement>("[data-review]");
    if (!section) return;
    const note = section.querySelector<HTMLElement>("[data-role='review-export-note']")!;
    const ratings: Rating[] = [];
    let missing = 0;
    for (const fs of section.querySelectorAll<HTMLElement>(":scope > fieldset[data-sample]")) {
      const value = (id: string) => Number(fs.querySelector<HTMLInputElement>(`fieldset[data-rating='${id}'] input:checked`)?.value ?? 0);
      const [coherence, creativity, style] = RATINGS.map((r) => value(r.id));
      missing += [coherence, creativity, style].filter((v) => !v).length;
      const comment = fs.querySelector<HTMLTextAreaElement>("[data-role='comment']")!.value;
      ratings.push({ sample: Number(fs.dataset.sample), coherence, creativity, style, comment });
    }
    if (missing) {
      note.textContent = `Rate every sample on all three first (${missing} rating${missing === 1 ? "" : "s"} missing).`;
      return;
    }
    const review = makeReview(section.dataset.review!, ratings.sort((a, b) => a.sample - b.sample), randomId());
    downloadText(el, `rnn-course-review-${review.submission}-${review.id}.json`, JSON.stringify(review, null, 1), "application/json");
    note.textContent = "Exported. Send the file back to the author: it holds your ratings and comments, not your name.";
  }, { signal });

  // ---- reviews of the reader's own submissions, aggregated
  $<HTMLInputElement>("[data-role='review-files']").addEventListener("change", async (e) => {
    const said: string[] = [];
    let refused = false;
    for (const f of await chosenFiles(e.target as HTMLInputElement)) {
      const r = readReview(f.text, f.size, mine);
      if (!r.ok) {
        refused = true;
        said.push(`${f.name}: ${r.reason}`);
      } else if (reviews.some((x) => x.id === r.file.id)) {
        said.push(`${f.name}: this review is already loaded.`);
      } else {
        reviews = [...reviews, r.file];
        said.push(`${f.name}: loaded.`);
      }
    }
    saveAndSay(REVIEWS_KEY, reviews, saveNote);
    $("[data-role='results-note']").textContent = said.join(" ");
    el.dataset.reviews = refused ? "refused" : "ok";
    drawResults();
  }, { signal });

  drawAll();
  // Writing the kept samples back as they are tells the reader at once when this browser keeps nothing.
  saveAndSay(SAMPLES_KEY, readKept(), saveNote);
  window.addEventListener(PROGRESS_EVENT, drawLeaderboard, { signal });
  window.addEventListener("storage", (e) => {
    if (e.key?.endsWith(SAMPLES_KEY) || e.key?.endsWith(LOG_KEY)) drawAll();
  }, { signal });
  setState(el, "ready");
}
