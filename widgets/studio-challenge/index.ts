/**
 * Training challenges (Module 4): four levels, each the training studio on one fixed text with
 * a target. Levels 1 and 2 are met by a check of the run (a perplexity below the target); level
 * 3 by the reader's judgement of 100 generated words, with each word the level's text lacks
 * marked; the Boss level by a score on a hidden text, kept on a local leaderboard that can be
 * exported and imported as a JSON file. Targets, texts and what we measured come from
 * docs/data/studio/challenges.json (python -m coursekit.studio_challenges).
 *
 * One studio at a time: the page's Python worker holds one training session, so switching level
 * mounts the next level's studio in place of the last (each level keeps its own saved run).
 *
 * Hooks for tests: the root's `data-level` (the level shown), `data-done` (levels done, space
 * separated), `data-best` (the best value of the level shown), `data-judged` (level 3's words
 * judged real), `data-scored` (the last Boss score). A test may raise a level's target
 * (`globalThis.RNN_CHALLENGE_TARGET`) so that a run of seconds meets it.
 */
import { h } from "../lib/dom.ts";
import { downloadText } from "../lib/download.ts";
import { siteRoot } from "../lib/site.ts";
import { describeError, setState } from "../lib/state.ts";
import { hookedNumber } from "../lib/test-hooks.ts";
import { load, save } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import type { MountContext } from "../main.ts";
import { mountStudio, type StudioCheck, type StudioHandle } from "../training-studio/index.ts";
import { restoreSettings } from "../training-studio/logic.ts";
import {
  boardFile, checkValue, cleanName, knownWords, meets, merge, readBoardFile, restoreBoard, sampleWords,
  MAX_BOARD_BYTES, type Challenges, type Entry, type Level, type Word,
} from "./logic.ts";
import css from "./studio-challenge.css" with { type: "text" };
import { boardMarkup, cardMarkup, judgeMarkup, pickerMarkup, progressText, textName, type Done } from "./view.ts";

const DONE_KEY = "studio-challenge:done";
const LEVEL_KEY = "studio-challenge:level";
const BOARD_KEY = "studio-challenge:board";
/** Level 3's sample: enough characters for 100 words at temperature 0.8. */
const JUDGE_CHARS = 1000;
const JUDGE_TEMPERATURE = 0.8;

let counter = 0;

export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(css);
  const uid = `rnn-sc-${++counter}`;
  el.classList.add("rnn-sc");
  el.innerHTML = `<p class="rnn-sc__heading">Training challenges</p><p data-role="load">Loading the levels…</p>`;
  let challenges: Challenges;
  try {
    const r = await fetch(new URL("data/studio/challenges.json", siteRoot()), { signal });
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    challenges = (await r.json()) as Challenges;
  } catch (err) {
    if (signal.aborted) return;
    setState(el, "error", `The challenges could not be loaded (${describeError(err)}). Reload the page to try again.`);
    return;
  }
  const levels = challenges.levels;
  const done = load<Record<string, Done>>(DONE_KEY, {});
  let current = levels.find((l) => l.id === load<string>(LEVEL_KEY, ""))?.id ?? levels[0].id;

  el.innerHTML = `
    <p class="rnn-sc__heading">Training challenges</p>
    <div data-role="picker">${pickerMarkup(uid, levels, current, done)}</div>
    <section class="rnn-sc__card" data-role="card" aria-live="polite"></section>
    <p class="rnn-sc__progress" role="status" data-role="progress"></p>
    <p class="rnn-sc__problem" role="alert" data-role="problem"></p>
    <div data-role="studio"></div>
    <section class="rnn-sc__extra" data-role="extra"></section>`;
  const part = (role: string) => el.querySelector<HTMLElement>(`[data-role='${role}']`)!;

  // The level's texts are slices of one file, fetched once when a level first needs it.
  let fullText: Promise<string> | null = null;
  const textOf = (span: { file: string; start: number; end: number }, s: AbortSignal): Promise<string> => {
    fullText ??= fetch(new URL(`data/studio/${span.file}`, siteRoot()), { signal: s }).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.text();
    });
    fullText.catch(() => (fullText = null));
    return fullText.then((t) => t.slice(span.start, span.end));
  };

  let studio: { ctl: AbortController; handle: StudioHandle | null } | null = null;
  let best: { value: number; step: number } | null = null;
  let levelSignal = new AbortController();

  const levelOf = (id: string): Level => levels.find((l) => l.id === id)!;
  const say = (text: string) => (part("problem").textContent = text);

  function markDone(level: Level, d: Done): void {
    // A level is done once; the Boss level keeps its best score.
    const kept = done[level.id];
    if (kept && (level.metric !== "hidden_ppl" || kept.value <= d.value)) return;
    done[level.id] = d;
    const r = save(DONE_KEY, done);
    if (!r.ok) say(r.reason);
    part("picker").innerHTML = pickerMarkup(uid, levels, current, done);
    el.dataset.done = Object.keys(done).join(" ");
    showProgress(level);
  }

  function showProgress(level: Level): void {
    part("progress").textContent = progressText(level, done[level.id], best);
    if (best) el.dataset.best = String(best.value);
  }

  function onCheck(level: Level, c: StudioCheck): void {
    const value = checkValue(level, c);
    if (value === null) return;
    if (!best || value < best.value) best = { value, step: c.step };
    showProgress(level);
    if (meets(level, value) && !done[level.id]) {
      markDone(level, { value, step: c.step, minutes: c.trainedS / 60, date: new Date().toISOString() });
      part("progress").textContent += " Level reached.";
    }
  }

  async function showLevel(id: string): Promise<void> {
    const listed = levelOf(id);
    const level = listed.target === undefined ? listed : { ...listed, target: hookedNumber("RNN_CHALLENGE_TARGET", listed.target) };
    current = id;
    save(LEVEL_KEY, id);
    el.dataset.level = id;
    best = null;
    say("");
    levelSignal.abort();
    levelSignal = new AbortController();
    part("card").innerHTML = cardMarkup(level, challenges.browser_chars_per_s);
    showProgress(level);
    studio?.ctl.abort();
    const host = h("div", "");
    host.dataset.slot = `challenge-${id}`;
    const levelName = level.metric === "hidden_ppl" ? "the Boss level" : `level ${level.stars}`;
    host.dataset.heading = level.metric === "hidden_ppl" ? level.title : `Level ${level.stars}: ${level.title}`;
    part("studio").replaceChildren(host);
    const ctl = new AbortController();
    signal.addEventListener("abort", () => ctl.abort(), { once: true, signal: ctl.signal });
    studio = { ctl, handle: null };
    const mine = studio;
    const st = level.settings;
    extras(level, () => mine.handle);
    mine.handle = await mountStudio(host, { signal: ctl.signal }, {
      fixedText: {
        name: `${levelName}'s text (${textName(level)})`,
        note: `This level trains on ${textName(level)}.`,
        load: (s) => textOf(level.text, s),
      },
      defaults: restoreSettings({ cell: st.cell, size: "medium", seqLen: st.seq_len, batch: st.batch, lr: st.lr, autoStop: st.auto_stop, minutes: level.minutes }),
      trainChars: level.metric === "train_ppl" ? challenges.train_chars : 0,
      onCheck: (c) => onCheck(level, c),
      onMode: () => refreshExtras(),
    });
    refreshExtras();
  }

  // ---- What comes after training: level 3's judging, the Boss level's score and leaderboard.

  let refreshExtras = () => {};

  function extras(level: Level, handle: () => StudioHandle | null): void {
    const box = part("extra");
    box.replaceChildren();
    refreshExtras = () => {};
    if (level.metric === "real_words") judgePanel(level, box, handle);
    else if (level.metric === "hidden_ppl") bossPanel(level, box, handle);
  }

  function judgePanel(level: Level, box: HTMLElement, handle: () => StudioHandle | null): void {
    box.innerHTML = `<h3>Judge 100 words</h3>
      <p>When the model has trained (or while it is paused), draw a sample and judge its first 100 words. A pressed word
      counts as real and in a plausible place; the page has already un-pressed the words that never occur in this level's text
      (underlined). Press a word to change its verdict.</p>
      <p><button type="button" class="rnn-primary" data-action="draw" disabled>Draw 100 words</button></p>
      <div data-role="judge"></div>
      <p role="status" data-role="judge-count"></p>
      <p><button type="button" data-action="claim" disabled>Claim level ${level.stars}</button></p>`;
    const draw = box.querySelector<HTMLButtonElement>("[data-action='draw']")!;
    const claim = box.querySelector<HTMLButtonElement>("[data-action='claim']")!;
    const count = box.querySelector<HTMLElement>("[data-role='judge-count']")!;
    let words: Word[] = [];
    let judged: boolean[] = [];
    let known: Set<string> | null = null;
    let drawnAt = 0;
    const target = level.target ?? 100;
    const recount = () => {
      const good = judged.filter(Boolean).length;
      count.textContent = words.length
        ? `${good} of ${words.length < 100 ? `${words.length} words (the sample had only ${words.length}; the missing ones count as not real)` : "100 words"} judged real; the target is ${target}.`
        : "";
      claim.disabled = good < target;
      el.dataset.judged = String(good);
    };
    refreshExtras = () => {
      draw.disabled = !handle()?.state().usable;
    };
    draw.addEventListener("click", async () => {
      const hd = handle();
      if (!hd) return;
      draw.disabled = true;
      try {
        known ??= knownWords(await textOf(level.text, levelSignal.signal));
        const sample = await hd.sample("\n", JUDGE_CHARS, JUDGE_TEMPERATURE, Date.now() % 100_000);
        words = sampleWords(sample, known);
        judged = words.map((w) => w.known);
        drawnAt = hd.state().step;
        box.querySelector("[data-role='judge']")!.innerHTML = judgeMarkup(sample, words, judged);
        recount();
      } catch (err) {
        if (!levelSignal.signal.aborted) count.textContent = `The sample could not be drawn (${describeError(err)}).`;
      } finally {
        refreshExtras();
      }
    }, { signal: levelSignal.signal });
    box.addEventListener("click", (e) => {
      const b = (e.target as HTMLElement).closest<HTMLButtonElement>("[data-word]");
      if (!b) return;
      const i = Number(b.dataset.word);
      judged[i] = !judged[i];
      b.setAttribute("aria-pressed", String(judged[i]));
      recount();
    }, { signal: levelSignal.signal });
    claim.addEventListener("click", () => {
      const good = judged.filter(Boolean).length;
      if (good < target) return;
      const st = handle()?.state();
      markDone(level, { value: good, step: drawnAt, minutes: (st?.trainedS ?? 0) / 60, date: new Date().toISOString() });
    }, { signal: levelSignal.signal });
  }

  function bossPanel(level: Level, box: HTMLElement, handle: () => StudioHandle | null): void {
    const hidden = level.hidden!;
    const ref = level.reference!;
    const reference: Entry = {
      id: "reference", name: `the studio's defaults, ${ref.minutes} minutes`, perplexity: ref.perplexity, nats: ref.nats,
      cell: level.settings.cell, layers: level.settings.layers, hidden: level.settings.hidden, iterations: ref.step, minutes: ref.minutes,
      date: "2026-12-05T00:00:00.000Z", source: "reference",
    };
    let board = restoreBoard(load<unknown>(BOARD_KEY, []));
    box.innerHTML = `<h3>Score on the hidden text</h3>
      <p>Your scores stay in this browser. Export the leaderboard as a file to compare with a friend, and import theirs:
      this page cannot check a score it did not compute, so imported rows are marked as such.</p>
      <p><button type="button" class="rnn-primary" data-action="score" disabled>Score the model on the hidden text</button></p>
      <p role="status" data-role="score"></p>
      <p class="rnn-sc__row"><label>Your name on the board <input type="text" data-role="name" maxlength="200" autocomplete="nickname"></label>
        <button type="button" data-action="add" disabled>Add this score</button></p>
      <div data-role="board"></div>
      <p class="rnn-sc__row"><button type="button" data-action="export">Export the leaderboard (JSON)</button>
        <label>Import a leaderboard file <input type="file" accept=".json,application/json" data-role="import"></label>
        <button type="button" data-action="clear-imported">Remove imported rows</button></p>
      <p role="status" data-role="board-status"></p>`;
    const q = <T extends HTMLElement>(s: string) => box.querySelector<T>(s)!;
    const scoreBtn = q<HTMLButtonElement>("[data-action='score']");
    const addBtn = q<HTMLButtonElement>("[data-action='add']");
    const boardStatus = q("[data-role='board-status']");
    let scored: Entry | null = null;
    const drawBoard = () => {
      q("[data-role='board']").innerHTML = boardMarkup(board, reference);
    };
    const keep = (): boolean => {
      const r = save(BOARD_KEY, board);
      if (!r.ok) boardStatus.textContent = r.reason;
      return r.ok;
    };
    drawBoard();
    refreshExtras = () => {
      scoreBtn.disabled = !handle()?.state().usable;
    };
    scoreBtn.addEventListener("click", async () => {
      const hd = handle();
      if (!hd) return;
      scoreBtn.disabled = true;
      addBtn.disabled = true;
      q("[data-role='score']").textContent = "Scoring: reading the hidden text with your model…";
      try {
        const text = await textOf(hidden, levelSignal.signal);
        const r = await hd.score(text);
        const st = hd.state();
        const ppl = Math.exp(r.nats);
        scored = {
          id: `s-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`, name: "", perplexity: ppl, nats: r.nats,
          ...r.model, iterations: r.step, minutes: st.trainedS / 60, date: new Date().toISOString(), source: "mine",
        };
        el.dataset.scored = ppl.toFixed(3);
        const beat = ppl < reference.perplexity;
        q("[data-role='score']").textContent = `Perplexity ${ppl.toFixed(3)} on the hidden text (${r.nats.toFixed(4)} nats per character over ${r.chars.toLocaleString("en")} characters), ` +
          (beat ? `below the reference's ${reference.perplexity.toFixed(3)}: the Boss is beaten.` : `not yet below the reference's ${reference.perplexity.toFixed(3)}. Train longer, or try a larger model.`);
        addBtn.disabled = false;
        if (beat) markDone(level, { value: ppl, step: r.step, minutes: st.trainedS / 60, date: scored.date });
      } catch (err) {
        if (!levelSignal.signal.aborted) q("[data-role='score']").textContent = `The model could not be scored (${describeError(err)}).`;
      } finally {
        refreshExtras();
      }
    }, { signal: levelSignal.signal });
    addBtn.addEventListener("click", () => {
      if (!scored) return;
      scored.name = cleanName(q<HTMLInputElement>("[data-role='name']").value);
      board = merge(board, [scored]).entries;
      scored = null;
      addBtn.disabled = true;
      if (keep()) boardStatus.textContent = "Added to your leaderboard.";
      drawBoard();
    }, { signal: levelSignal.signal });
    q("[data-action='export']").addEventListener("click", () => {
      const file = boardFile(board, hidden.sha256, new Date());
      downloadText(el, "boss-leaderboard.json", JSON.stringify(file, null, 1), "application/json");
      boardStatus.textContent = `Exported ${file.entries.length} ${file.entries.length === 1 ? "row" : "rows"} (the reference is the course's own and stays out).`;
    }, { signal: levelSignal.signal });
    q("[data-role='import']").addEventListener("change", async (e) => {
      const input = e.target as HTMLInputElement;
      const file = input.files?.[0];
      input.value = "";
      if (!file) return;
      if (file.size > MAX_BOARD_BYTES) {
        boardStatus.textContent = `${file.name} is ${(file.size / 1048576).toFixed(1)} MB; a leaderboard file is at most 1 MB. Nothing was imported.`;
        return;
      }
      const r = readBoardFile(await file.text(), file.name, hidden.sha256);
      if (!r.ok) {
        boardStatus.textContent = r.reason;
        return;
      }
      const m = merge(board, r.entries);
      board = m.entries;
      if (keep()) boardStatus.textContent = `Imported ${m.added} ${m.added === 1 ? "row" : "rows"} from ${file.name}${r.entries.length > m.added ? ` (${r.entries.length - m.added} already on the board)` : ""}.`;
      drawBoard();
    }, { signal: levelSignal.signal });
    q("[data-action='clear-imported']").addEventListener("click", () => {
      board = board.filter((e) => e.source !== "imported");
      if (keep()) boardStatus.textContent = "Imported rows removed.";
      drawBoard();
    }, { signal: levelSignal.signal });
  }

  el.addEventListener("change", (e) => {
    const input = e.target as HTMLInputElement;
    if (!input.matches("[data-level]") || input.value === current) return;
    const mode = studio?.handle?.state().mode;
    if (mode === "training" || mode === "stopping") {
      say("Pause or stop this level's run before you switch: the page trains one model at a time.");
      el.querySelector<HTMLInputElement>(`input[data-level][value='${current}']`)!.checked = true;
      return;
    }
    void showLevel(input.value);
  }, { signal });

  el.dataset.done = Object.keys(done).join(" ");
  setState(el, "ready");
  await showLevel(current);
}
