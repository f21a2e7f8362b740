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
import { load, remove, save } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import css from "./quiz.css" with { type: "text" };
import { correctChoice, finished, isCorrect, outcomeFor, restoreAnswers, reviewFor, score, scoreText, type Answers, type Question, type Quiz } from "./logic.ts";

let counter = 0;

/** Read the quiz embedded in the placeholder. */
function readQuiz(el: HTMLElement): Quiz {
  const script = el.querySelector("script[data-quiz-data]");
  if (!script?.textContent) throw new Error("This quiz's questions are missing from the page. Reload the page; if it stays, the site was built wrongly.");
  return JSON.parse(script.textContent) as Quiz;
}

/** Mount the quiz in `el`. */
export function render(el: HTMLElement): void {
  adoptCss(css);
  const quiz = readQuiz(el);
  const uid = `rnn-quiz-${++counter}`;
  const key = `quiz:${quiz.id}`;
  let answers: Answers = restoreAnswers(quiz, load<unknown>(key, {}));

  const status = h("p", { className: "rnn-quiz__score" });
  status.dataset.quizScore = "";
  status.setAttribute("aria-live", "polite");
  const outcome = h("div", { className: "rnn-quiz__outcome" });
  outcome.dataset.quizOutcome = "";
  outcome.setAttribute("aria-live", "polite");
  const saveNote = h("p", { className: "rnn-quiz__note" });
  saveNote.setAttribute("role", "status");
  const retry = h("button", { type: "button", textContent: "Retry" });
  retry.setAttribute("aria-label", `Retry the quiz: ${quiz.title}`);

  const blocks = quiz.questions.map((q, i) => questionBlock(q, i));

  function questionBlock(q: Question, i: number) {
    const fs = h("fieldset", { className: "rnn-quiz__q" });
    fs.dataset.question = q.id;
    const legend = h("legend", {}, h("span", { className: "rnn-quiz__n", textContent: `${i + 1}. ` }), q.prompt);
    const list = h("div", { className: "rnn-quiz__choices" });
    const radios = q.choices.map((c) => {
      const id = `${uid}-${q.id}-${c.id}`;
      const input = h("input", { type: "radio", name: `${uid}-${q.id}`, id, value: c.id });
      const label = h("label", { htmlFor: id }, c.text);
      const why = h("span", { className: "rnn-quiz__why" });
      list.append(h("div", { className: "rnn-quiz__choice" }, input, label, why));
      return { c, input, why, row: input.parentElement as HTMLElement };
    });
    const check = h("button", { type: "button", textContent: "Check", className: "rnn-primary" });
    check.setAttribute("aria-label", `Check your answer to question ${i + 1}`);
    const feedback = h("div", { className: "rnn-quiz__feedback" });
    feedback.setAttribute("aria-live", "polite");
    check.addEventListener("click", () => {
      const picked = radios.find((r) => r.input.checked);
      if (!picked) {
        feedback.textContent = "Pick one of the answers first.";
        return;
      }
      answers = { ...answers, [q.id]: picked.c.id };
      persist();
      paint();
    });
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
        h("strong", { textContent: right ? "Correct. " : `Not quite: the answer is “${correctChoice(q).text}”. ` }),
        q.explanation ?? "",
      );
    }
    return { fs, show };
  }

  function persist() {
    const r = save(key, answers);
    saveNote.textContent = r.ok ? "" : r.reason;
  }

  function paint() {
    for (const b of blocks) b.show();
    status.textContent = scoreText(quiz, answers);
    const done = finished(quiz, answers);
    el.dataset.finished = String(done);
    const o = done ? outcomeFor(quiz, score(quiz, answers)) : null;
    const links = (items: { text: string; href: string }[]) =>
      h("ul", {}, ...items.map((l) => h("li", {}, h("a", { href: l.href, textContent: l.text }))));
    outcome.replaceChildren();
    if (o) {
      outcome.append(h("p", { textContent: o.text }));
      if (o.links?.length) outcome.append(links(o.links));
    }
    const reading = done ? reviewFor(quiz, answers) : [];
    if (reading.length) {
      const list = links(reading);
      list.dataset.quizReview = "";
      outcome.append(h("p", { textContent: "For the questions you missed, read:" }), list);
    }
    retry.hidden = Object.keys(answers).length === 0;
  }

  retry.addEventListener("click", () => {
    answers = {};
    remove(key);
    saveNote.textContent = "";
    paint();
    blocks[0]?.fs.querySelector("input")?.focus();
  });

  const root = h("section", { className: "rnn-quiz" });
  root.setAttribute("aria-label", quiz.title);
  root.append(h("p", { className: "rnn-quiz__title", textContent: quiz.title }), ...blocks.map((b) => b.fs), status, outcome, retry, saveNote);
  el.querySelector(".rnn-widget__fallback")?.remove();
  el.append(root);
  paint();
  setState(el, "ready");
}
