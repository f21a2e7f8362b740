/**
 * "Find your use case": the quiz data and its scoring, without the DOM. Each
 * answer adds points to one or more of the four learning paths; the path with
 * the most points wins, and a tie goes to the path the goal question favours
 * (then to the earliest path, A before D). The reasoning lists which answer
 * pointed where, so the reader can see why.
 */
import raw from "./quiz.json" with { type: "json" };

export type PathId = "A" | "B" | "C" | "D";
export const PATH_IDS: PathId[] = ["A", "B", "C", "D"];

export interface Path {
  name: string;
  for: string;
  goal: string;
  modules: number[];
  /** Module number → a restriction, e.g. "concepts only". */
  notes: Record<string, string>;
  href: string;
}
export interface Choice { id: string; text: string; points: Partial<Record<PathId, number>>; modules?: number[] }
export interface Question { id: string; prompt: string; choices: Choice[] }
/** A module of the course: its title, and its page from the site root (null until published). */
export interface ModuleInfo { title: string; path: string | null }
export interface QuizData {
  paths: Record<PathId, Path>;
  modules: Record<string, ModuleInfo>;
  tiebreak: string;
  questions: Question[];
}

/** The quiz as bundled from quiz.json. */
export const QUIZ = raw as QuizData;

/** The module's page as a URL under `root`, or null while it is not published. */
export function moduleUrl(n: number, root: URL, quiz: QuizData = QUIZ): string | null {
  const path = quiz.modules[String(n)]?.path;
  return path ? new URL(path, root).href : null;
}

/** The reader's answers: question id → choice id. */
export type Answers = Record<string, string>;

/** One line of reasoning: an answer and the points it gave. */
export interface Reason { question: Question; choice: Choice; points: Partial<Record<PathId, number>> }

export interface Recommendation {
  path: PathId;
  totals: Record<PathId, number>;
  reasons: Reason[];
  /** Modules the data question singles out, in the order given, without repeats. */
  highlights: number[];
}

/** The chosen choice of `q`, or undefined when unanswered or unknown. */
function chosen(q: Question, answers: Answers): Choice | undefined {
  return q.choices.find((c) => c.id === answers[q.id]);
}

/** How many questions of `quiz` the answers cover. */
export function answeredCount(answers: Answers, quiz: QuizData = QUIZ): number {
  return quiz.questions.filter((q) => chosen(q, answers)).length;
}

/** The recommendation, or null until every question is answered. */
export function recommend(answers: Answers, quiz: QuizData = QUIZ): Recommendation | null {
  if (answeredCount(answers, quiz) < quiz.questions.length) return null;
  const totals: Record<PathId, number> = { A: 0, B: 0, C: 0, D: 0 };
  const reasons: Reason[] = [];
  const highlights: number[] = [];
  for (const question of quiz.questions) {
    const choice = chosen(question, answers)!;
    for (const p of PATH_IDS) totals[p] += choice.points[p] ?? 0;
    reasons.push({ question, choice, points: choice.points });
    for (const m of choice.modules ?? []) if (!highlights.includes(m)) highlights.push(m);
  }
  const best = Math.max(...PATH_IDS.map((p) => totals[p]));
  const tied = PATH_IDS.filter((p) => totals[p] === best);
  const tieQ = quiz.questions.find((q) => q.id === quiz.tiebreak);
  const tieChoice = tieQ ? chosen(tieQ, answers) : undefined;
  const byGoal = tied.filter((p) => (tieChoice?.points[p] ?? 0) > 0);
  return { path: (byGoal[0] ?? tied[0])!, totals, reasons, highlights };
}

/** "Path B +3, Path C +1", or "no path points" for an answer that only picks modules. */
export function describePoints(points: Partial<Record<PathId, number>>): string {
  const parts = PATH_IDS.filter((p) => (points[p] ?? 0) > 0).map((p) => `Path ${p} +${points[p]}`);
  return parts.length ? parts.join(", ") : "no path points";
}
