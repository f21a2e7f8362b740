/**
 * Quiz rules, apart from the DOM: the data format (docs/quizzes/<id>.json,
 * checked at build time by coursekit/quizzes.py), scoring, the outcome for a
 * score, and the saved answers.
 */

export interface Choice {
  id: string;
  text: string;
  correct?: boolean;
  /** Why this choice is right or wrong, shown once the question is answered. */
  why?: string;
}

export interface Question {
  id: string;
  prompt: string;
  choices: Choice[];
  explanation?: string;
  /** Where to read up when this question is missed. */
  review?: { text: string; href: string };
}

export interface Outcome {
  min_score: number;
  text: string;
  links?: { text: string; href: string }[];
}

export interface Quiz {
  id: string;
  title: string;
  questions: Question[];
  outcomes?: Outcome[];
}

/** Question id → the id of the choice the reader committed to. */
export type Answers = Record<string, string>;

/** The choice marked correct (the build guarantees exactly one). */
export function correctChoice(q: Question): Choice {
  const c = q.choices.find((ch) => ch.correct === true);
  if (!c) throw new Error(`quiz question ${q.id} has no correct choice`);
  return c;
}

/** Whether `choiceId` answers `q` correctly. */
export function isCorrect(q: Question, choiceId: string): boolean {
  return correctChoice(q).id === choiceId;
}

/** Number of correctly answered questions. */
export function score(quiz: Quiz, answers: Answers): number {
  return quiz.questions.filter((q) => answers[q.id] !== undefined && isCorrect(q, answers[q.id])).length;
}

/** True once every question has an answer. */
export function finished(quiz: Quiz, answers: Answers): boolean {
  return quiz.questions.every((q) => answers[q.id] !== undefined);
}

/** The outcome with the highest `min_score` not above `points`, or null when the quiz has none. */
export function outcomeFor(quiz: Quiz, points: number): Outcome | null {
  const fitting = (quiz.outcomes ?? []).filter((o) => o.min_score <= points);
  if (!fitting.length) return null;
  return fitting.reduce((best, o) => (o.min_score > best.min_score ? o : best));
}

/** The reading for the missed questions, in question order, each place once. */
export function reviewFor(quiz: Quiz, answers: Answers): { text: string; href: string }[] {
  const seen = new Set<string>();
  const out: { text: string; href: string }[] = [];
  for (const q of quiz.questions) {
    const a = answers[q.id];
    if (a === undefined || isCorrect(q, a) || !q.review || seen.has(q.review.href)) continue;
    seen.add(q.review.href);
    out.push(q.review);
  }
  return out;
}

/**
 * Saved answers, kept only where they still fit the quiz: a question or
 * choice removed since they were saved is dropped rather than trusted.
 */
export function restoreAnswers(quiz: Quiz, saved: unknown): Answers {
  if (typeof saved !== "object" || saved === null) return {};
  const out: Answers = {};
  for (const q of quiz.questions) {
    const v = (saved as Record<string, unknown>)[q.id];
    if (typeof v === "string" && q.choices.some((c) => c.id === v)) out[q.id] = v;
  }
  return out;
}

/** "3 of 5 correct", or how many are left while the quiz is under way. */
export function scoreText(quiz: Quiz, answers: Answers): string {
  const n = quiz.questions.length;
  const done = Object.keys(answers).length;
  const s = score(quiz, answers);
  if (done === 0) return `${n} question${n === 1 ? "" : "s"}. Pick an answer, then press Check.`;
  if (done < n) return `${s} of ${done} answered correctly so far; ${n - done} to go.`;
  return `Score: ${s} of ${n} correct.`;
}
