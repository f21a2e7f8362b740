/** Escape text for use inside HTML markup or a double-quoted attribute. */
export function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** A multiple-choice question as the quiz-like widgets ask it. */
export interface RadioQuestion {
  id: string;
  prompt: string;
  choices: readonly { id: string; text: string }[];
}

/**
 * The numbered questions as fieldsets of radio buttons (group names `<uid>-<question id>`), the
 * form of the use-case quiz and the build-vs-buy aid: `data-question` on each fieldset.
 */
export function radioQuestions(questions: readonly RadioQuestion[], uid: string): string {
  return questions.map((q, k) => `<fieldset data-question="${esc(q.id)}"><legend>${k + 1}. ${esc(q.prompt)}</legend>
        ${q.choices.map((c) => `<label><input type="radio" name="${uid}-${esc(q.id)}" value="${esc(c.id)}"> ${esc(c.text)}</label>`).join("")}
      </fieldset>`).join("");
}
