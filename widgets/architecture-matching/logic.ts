/**
 * Architecture Matching (Module 6) without the DOM: four tasks, four architectures, the verdict
 * and explanation of every pairing (from matching.json), the score, and what "Try again" keeps.
 * An option may go on several tasks: the key has one best answer per task, and an option the
 * reader places twice gets its own explanation on each.
 */
import raw from "./matching.json" with { type: "json" };
import { knownAnswers } from "../lib/storage.ts";

export interface Option { id: string; name: string; shape: string }
export type Verdict = "best" | "partly" | "wrong";
export interface Feedback { verdict: Verdict; why: string }
export interface Task {
  id: string;
  prompt: string;
  /** What goes in and comes out, in words ("one picture in, a sentence out"). */
  io: string;
  answer: string;
  /** The verdict and explanation for every option on this task. */
  feedback: Record<string, Feedback>;
}
export interface MatchingData { options: Option[]; tasks: Task[] }

/** The exercise as bundled from matching.json. */
export const MATCHING = raw as MatchingData;

/** Task id → the option id placed on it (absent: nothing placed yet). */
export type Placements = Record<string, string>;

/** What is saved: the placements, and whether the reader has asked for the feedback. */
export interface MatchingState { placements: Placements; checked: boolean }

/** A saved state kept only where the task and option still exist (an old or edited entry is dropped). */
export function cleanState(saved: unknown, data: MatchingData = MATCHING): MatchingState {
  const v = (saved && typeof saved === "object" ? saved : {}) as { placements?: unknown; checked?: unknown };
  const choices = data.options.map((o) => ({ id: o.id }));
  const placements = knownAnswers<Placements>(v.placements, data.tasks.map((t) => ({ id: t.id, choices })));
  return { placements, checked: v.checked === true && Object.keys(placements).length > 0 };
}

/** The option called `id`. */
export function optionById(id: string, data: MatchingData = MATCHING): Option | undefined {
  return data.options.find((o) => o.id === id);
}

/** The feedback for `optionId` on `task` as one sentence block, or null when nothing is placed. */
export function judge(task: Task, optionId: string | undefined, data: MatchingData = MATCHING): (Feedback & { text: string }) | null {
  const option = optionId ? optionById(optionId, data) : undefined;
  if (!option) return null;
  const f = task.feedback[option.id];
  const best = optionById(task.answer, data)!;
  const lead = f.verdict === "best" ? `Right: ${option.name}.`
    : f.verdict === "partly" ? `${option.name} is defensible, but ${best.name} fits better.`
    : `Not ${option.name}.`;
  return { ...f, text: `${lead} ${f.why}` };
}

/** How many tasks hold their best option. */
export function score(placements: Placements, data: MatchingData = MATCHING): number {
  return data.tasks.filter((t) => placements[t.id] === t.answer).length;
}

/** The placements "Try again" keeps: only the best answers, so the reader redoes the rest. */
export function keepBest(placements: Placements, data: MatchingData = MATCHING): Placements {
  const out: Placements = {};
  for (const t of data.tasks) if (placements[t.id] === t.answer) out[t.id] = t.answer;
  return out;
}

/** The line under the tasks: how many are placed, and once checked how many are right. */
export function summary(state: MatchingState, data: MatchingData = MATCHING): string {
  const total = data.tasks.length;
  const placed = data.tasks.filter((t) => state.placements[t.id]).length;
  if (!state.checked) return placed === total ? `All ${total} tasks have an architecture: press Check.` : `${placed} of ${total} tasks have an architecture.`;
  const n = score(state.placements, data);
  const open = total - placed;
  if (n === total) return `All ${total} best matches. Each explanation says why the others fit less well.`;
  return `${n} of ${total} best matches${open ? `, ${open} not placed yet` : ""}. Read the explanations, then Try again keeps your best matches and clears the rest.`;
}
