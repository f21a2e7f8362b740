/**
 * Next-character guessing game: "What Comes Next?" (Module 2) and "Guess the
 * Next Character" (Module 4) are this widget with different prompts
 * (`data-prompts`, "_" marks the blank, "|" separates prompts) and its own
 * score (`data-game`, the localStorage key). The reader guesses the next
 * character; the model's top three with their probabilities are revealed;
 * 3 / 2 / 1 points for its first / second / third choice.
 *
 * Hooks for tests: `input[data-role="context"]`, `input[data-role="guess"]`,
 * buttons `[data-action="reveal|next|reset-score"]`, `[data-role="verdict"]`
 * (`data-rank`, `data-points`), `[data-role="top3"] tr[data-char]` (`data-p0`),
 * `[data-role="score"]` (`data-points`, `data-rounds`).
 */
import type { ModelMeta } from "../runtime/onnx/client.ts";
import { softmax } from "../runtime/onnx/sampling.ts";
import { describeError } from "../lib/state.ts";
import { load as loadStored, saveAndSay } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import type { ModelEntry } from "../model-kit/models.ts";
import { mountModelSlot } from "../model-kit/loader.ts";
import { nextLogits, probabilityView, unknownNote } from "../model-kit/ui.ts";
import { h } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import { checkVocab, defaultSeed, parseCharGuess, speakChar } from "../model-kit/vocab.ts";
import { addVerdict, asScore, EMPTY_SCORE, judge, parsePrompts, scoreText, topChoices, type Score } from "./logic.ts";
import css from "./next-char-game.css" with { type: "text" };
import type { MountContext } from "../main.ts";
import { latest } from "../lib/latest.ts";

const FALLBACK_PROMPTS = ["The cat sat on the _", "The quick brown fo_", "To be, or not to b_"];

/** Mount the game in `el`. */
export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(css);
  const id = uniqueId("rnn-ncg");
  const key = `next-char-game:${el.dataset.game ?? "default"}`;
  const prompts = parsePrompts(el.dataset.prompts, FALLBACK_PROMPTS);
  let promptIndex = 0;
  let score: Score = asScore(loadStored<unknown>(key, EMPTY_SCORE));
  el.classList.add("rnn-ncg");

  const form = h("form", "rnn-ncg__form");
  form.noValidate = true;
  const ctxLabel = h("label", "", "Context (the text so far; edit it or take the next one)");
  const context = h("textarea", "rnn-ncg__context");
  context.rows = 2;
  context.id = ctxLabel.htmlFor = `${id}-ctx`;
  context.dataset.role = "context";
  context.spellcheck = false;
  context.value = prompts[0];
  const shown = h("p", "rnn-ncg__shown", undefined, { "aria-hidden": "true" });
  const guessLabel = h("label", "", "Your guess for the next character (type space for a space)");
  const guess = h("input", "rnn-ncg__guess");
  guess.id = guessLabel.htmlFor = `${id}-guess`;
  guess.dataset.role = "guess";
  guess.autocomplete = "off";
  guess.maxLength = 8;
  guess.size = 6;
  const reveal = h("button", "rnn-primary", "Reveal", { type: "submit" });
  reveal.dataset.action = "reveal";
  const next = h("button", "", "Next context", { type: "button" });
  next.dataset.action = "next";
  const reset = h("button", "", "Reset score", { type: "button" });
  reset.dataset.action = "reset-score";
  const line1 = h("div", "rnn-ncg__row");
  line1.append(ctxLabel, context);
  const line2 = h("div", "rnn-ncg__row");
  line2.append(guessLabel, guess, reveal, next);
  form.append(line1, shown, line2);
  const note = unknownNote();
  const verdict = h("p", "rnn-ncg__verdict", undefined, { "data-role": "verdict", "aria-live": "polite" });
  const top3 = probabilityView("The model's three likeliest next characters", ["Probability"]);
  top3.element.dataset.role = "top3";
  top3.element.hidden = true;
  const scoreLine = h("p", "rnn-ncg__score", undefined, { "data-role": "score" });
  const saveNote = h("p", "rnn-ncg__save");
  const scoreRow = h("div", "rnn-ncg__row");
  scoreRow.append(scoreLine, reset);
  el.replaceChildren(form, note.element, verdict, top3.element, scoreRow, saveNote);

  let model: { entry: ModelEntry; meta: ModelMeta } | null = null;
  // A second Reveal before the first answers supersedes it.
  const reveals = latest(signal);

  function paintScore(): void {
    scoreLine.textContent = scoreText(score);
    scoreLine.dataset.points = String(score.points);
    scoreLine.dataset.rounds = String(score.rounds);
  }
  function keep(s: Score): void {
    score = s;
    saveAndSay(key, s, saveNote);
    paintScore();
  }
  function showContext(): void {
    if (!model) return;
    const check = checkVocab(context.value, model.meta.vocab);
    note.show(check);
    shown.textContent = `${check.shown.replace(/ /g, "␣")}▁`;
  }
  function clearReveal(): void {
    top3.element.hidden = true;
    verdict.textContent = "";
    delete verdict.dataset.rank;
    delete verdict.dataset.points;
  }

  async function onReveal(): Promise<void> {
    if (!model) return;
    const g = parseCharGuess(guess.value);
    if (g === null) {
      verdict.textContent = guess.value === "" ? "Type one character first." : "Type exactly one character (or the word space).";
      guess.focus();
      return;
    }
    const { meta, entry } = model;
    const check = checkVocab(context.value, meta.vocab);
    const fed = check.fed === "" ? defaultSeed(meta.vocab) : check.fed;
    const s = reveals.next();
    try {
      const last = await nextLogits(entry, meta, fed, s);
      if (s.aborted) return;
      const top = topChoices(last, meta.vocab, 3);
      const v = judge(g, top, softmax(last, 1), meta.vocab);
      top3.show(top.map((c) => ({ char: c.char, values: [c.p] })));
      top3.element.hidden = false;
      verdict.textContent =
        (check.fed === "" ? `With an empty context the model starts after ${speakChar(fed)}. ` : "") + `${v.text}`;
      verdict.dataset.rank = String(v.rank);
      verdict.dataset.points = String(v.points);
      keep(addVerdict(score, v));
    } catch (err) {
      if (!s.aborted) verdict.textContent = describeError(err);
    }
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void onReveal();
  }, { signal });
  next.addEventListener("click", () => {
    promptIndex = (promptIndex + 1) % prompts.length;
    context.value = prompts[promptIndex];
    guess.value = "";
    clearReveal();
    showContext();
    guess.focus();
  }, { signal });
  context.addEventListener("input", () => {
    clearReveal();
    showContext();
  }, { signal });
  reset.addEventListener("click", () => {
    keep({ ...EMPTY_SCORE });
    verdict.textContent = "Score reset.";
  }, { signal });
  paintScore();

  const slot = await mountModelSlot(el, el, {
    signal,
    corpora: (el.dataset.corpora ?? "tinyshakespeare,shakespeare").split(","),
    onSwitch: clearReveal,
    onReady: (entry, meta) => {
      model = { entry, meta };
      showContext();
    },
  });
  if (!slot && !signal.aborted) verdict.textContent = "No trained model is listed on this site yet, so there is nothing to play against.";
}
