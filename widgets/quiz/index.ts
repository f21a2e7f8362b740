/**
 * Multiple-choice quiz. The questions come from a JSON script inside the
 * placeholder (embedded at build time from docs/quizzes/<id>.json, so there
 * is no request). One question per fieldset of radio buttons; Check commits
 * the answer (arrow keys move between radios, so a change event is not a
 * decision), then the right answer, the reason for each choice and the
 * explanation show. Answers are saved locally; Retry starts over.
 *
 * Hooks for tests: `[data-question="<id>"]` with `data-result`
 * correct | wrong once answered, `[data-quiz-score]`, `[data-quiz-outcome]`,
 * and the root's `data-finished`.
 */
import { h } from "../lib/dom.ts";
import { setState } from "../lib/state.ts";
import { load, remove, saveAndSay } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import css from "./quiz.css" with { type: "text" };
import { correctChoice, finished, isCorrect, outcomeFor, restoreAnswers, reviewFor, score, scoreText, type Answers, type Question, type Quiz } from "./logic.ts";
import type { MountContext } from "../main.ts";
import { uniqueId } from "../lib/ids.ts";


/** Read the quiz embedded in the placeholder. */
function readQuiz(el: HTMLElement): Quiz {
  const script = el.querySelector("script[data-quiz-data]");
  if (!script?.textContent) throw new Error("This quiz's questions are missing from the page. Reload the page; if it stays, the site was built wrongly.");
  return JSON.parse(script.textContent) as Quiz;
}

/** Mount the quiz in `el`. */
export function render(el: HTMLElement, { signal }: MountContext): void {
  adoptCss(css);
  const quiz = readQuiz(el);
  const uid = uniqueId("rnn-quiz");
  const key = `quiz:${quiz.id}`;
  let answers: Answers = restoreAnswers(quiz, load<unknown>(key, {}));

  const status = h("p", "rnn-quiz__score", "", { "data-quiz-score": "", "aria-live": "polite" });
  const outcome = h("div", "rnn-quiz__outcome", "", { "data-quiz-outcome": "", "aria-live": "polite" });
  const saveNote = h("p", "rnn-quiz__note", "", { role: "status" });
  const retry = h("button", "", "Retry", { type: "button", "aria-label": `Retry the quiz: ${quiz.title}` });

  const blocks = quiz.questions.map((q, i) => questionBlock(q, i));

  function questionBlock(q: Question, i: number) {
    const fs = h("fieldset", "rnn-quiz__q", "", { "data-question": q.id });
    const legend = h("legend", "", [h("span", "rnn-quiz__n", `${i + 1}. `), q.prompt]);
    const list = h("div", "rnn-quiz__choices");
    const radios = q.choices.map((c) => {
      const id = `${uid}-${q.id}-${c.id}`;
      const input = h("input", "", undefined, { type: "radio", name: `${uid}-${q.id}`, id, value: c.id });
      const label = h("label", "", c.text, { for: id });
      const why = h("span", "rnn-quiz__why");
      list.append(h("div", "rnn-quiz__choice", [input, label, why]));
      return { c, input, why, row: input.parentElement as HTMLElement };
    });
    const check = h("button", "rnn-primary", "Check", { type: "button", "aria-label": `Check your answer to question ${i + 1}` });
    const feedback = h("div", "rnn-quiz__feedback", "", { "aria-live": "polite" });
    check.addEventListener("click", () => {
      const picked = radios.find((r) => r.input.checked);
      if (!picked) {
        feedback.textContent = "Pick one of the answers first.";
        return;
      }
      answers = { ...answers, [q.id]: picked.c.id };
      persist();
      paint();
    }, { signal });
    fs.append(legend, list, check, feedback);

    /** Show this question as answered (or not) from `answers`. */
    function show() {
      const chosen = answers[q.id];
      const answered = chosen !== undefined;
      for (const r of radios) {
        r.input.disabled = answered;
        r.input.checked = r.c.id === chosen;
        r.row.dataset.mark = !answered ? "" : r.c.correct ? "right" : r.c.id === chosen ? "wrong" : "";
        r.why.textContent = answered && (r.c.correct || r.c.id === chosen) && r.c.why ? ` ${r.c.why}` : "";
      }
      check.hidden = answered;
      if (!answered) {
        delete fs.dataset.result;
        feedback.textContent = "";
        return;
      }
      const right = isCorrect(q, chosen);
      fs.dataset.result = right ? "correct" : "wrong";
      feedback.replaceChildren(
        h("strong", "", right ? "Correct. " : `Not quite: the answer is “${correctChoice(q).text}”. `),
        q.explanation ?? "",
      );
    }
    return { fs, show };
  }

  function persist() {
    saveAndSay(key, answers, saveNote);
  }

  function paint() {
    for (const b of blocks) b.show();
    status.textContent = scoreText(quiz, answers);
    const done = finished(quiz, answers);
    el.dataset.finished = String(done);
    const o = done ? outcomeFor(quiz, score(quiz, answers)) : null;
    const links = (items: { text: string; href: string }[]) =>
      h("ul", "", items.map((l) => h("li", "", [h("a", "", l.text, { href: l.href })])));
    outcome.replaceChildren();
    if (o) {
      outcome.append(h("p", "", o.text));
      if (o.links?.length) outcome.append(links(o.links));
    }
    const reading = done ? reviewFor(quiz, answers) : [];
    if (reading.length) {
      const list = links(reading);
      list.dataset.quizReview = "";
      outcome.append(h("p", "", "For the questions you missed, read:"), list);
    }
    retry.hidden = Object.keys(answers).length === 0;
  }

  retry.addEventListener("click", () => {
    answers = {};
    remove(key);
    saveNote.textContent = "";
    paint();
    blocks[0]?.fs.querySelector("input")?.focus();
  }, { signal });

  const root = h("section", "rnn-quiz", "", { "aria-label": quiz.title });
  root.append(h("p", "rnn-quiz__title", quiz.title), ...blocks.map((b) => b.fs), status, outcome, retry, saveNote);
  el.querySelector(".rnn-widget__fallback")?.remove();
  el.append(root);
  paint();
  setState(el, "ready");
}
