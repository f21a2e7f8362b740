/**
 * The architecture selection exercise (Module 8) without the DOM: five scenarios, what the reader
 * picked and wrote for each, how a pick compares with the model answer, and the Markdown file
 * "Download my answers" produces. The options are the four of build vs buy.
 */
import raw from "./scenarios.json" with { type: "json" };
import { OPTION_IDS, OPTIONS, type OptionId } from "../build-vs-buy/logic.ts";

export { OPTION_IDS, OPTIONS, type OptionId };

export interface Scenario {
  id: string;
  industry: string;
  title: string;
  situation: string;
  /** The options our answer accepts (some scenarios have two sound answers). */
  accepted: OptionId[];
  answer: string;
  tradeoff: string;
}

/** The scenarios as bundled from scenarios.json. */
export const SCENARIOS = (raw as { scenarios: Scenario[] }).scenarios;

/** The reader's work: a pick and a justification per scenario, and which answers are revealed. */
export interface ExerciseState {
  picks: Record<string, OptionId>;
  notes: Record<string, string>;
  revealed: string[];
}

/** A state with nothing in it. */
export function emptyState(): ExerciseState {
  return { picks: {}, notes: {}, revealed: [] };
}

/** Keep only what fits the scenarios (for a state read back from storage, which may be stale). */
export function cleanState(value: unknown, scenarios: Scenario[] = SCENARIOS): ExerciseState {
  const out = emptyState();
  if (!value || typeof value !== "object") return out;
  const v = value as Partial<Record<keyof ExerciseState, unknown>>;
  const ids = new Set(scenarios.map((s) => s.id));
  const picks = (v.picks && typeof v.picks === "object" ? v.picks : {}) as Record<string, unknown>;
  const notes = (v.notes && typeof v.notes === "object" ? v.notes : {}) as Record<string, unknown>;
  for (const id of ids) {
    const p = picks[id];
    if (typeof p === "string" && (OPTION_IDS as string[]).includes(p)) out.picks[id] = p as OptionId;
    const n = notes[id];
    if (typeof n === "string" && n) out.notes[id] = n;
  }
  if (Array.isArray(v.revealed)) out.revealed = v.revealed.filter((id): id is string => typeof id === "string" && ids.has(id));
  return out;
}

/** True when the reader has neither picked, written nor revealed anything. */
export function isEmpty(state: ExerciseState): boolean {
  return !Object.keys(state.picks).length && !Object.values(state.notes).some((n) => n.trim()) && !state.revealed.length;
}

/** "Cloud API" or "Pre-trained model, run locally or Custom Transformer". */
export function acceptedText(s: Scenario): string {
  return s.accepted.map((id) => OPTIONS[id].title).join(" or ");
}

export type Verdict = "match" | "differs" | "no-pick";

/** How the reader's pick compares with the accepted answers. */
export function verdict(s: Scenario, pick: OptionId | undefined): Verdict {
  if (!pick) return "no-pick";
  return s.accepted.includes(pick) ? "match" : "differs";
}

/** The verdict as a sentence for the reader. */
export function verdictText(s: Scenario, pick: OptionId | undefined): string {
  const v = verdict(s, pick);
  if (v === "no-pick") return `You have not picked an option. Our answer: ${acceptedText(s)}.`;
  const mine = OPTIONS[pick!].title;
  const also = s.accepted.length > 1 ? ` (we accept ${acceptedText(s)})` : "";
  return v === "match"
    ? `Your pick, ${mine}, matches our answer${also}.`
    : `Your pick, ${mine}, differs from our answer, ${acceptedText(s)}. That can still be a defensible choice: compare your reasons with ours.`;
}

/** The reader's answers as a Markdown document to keep or send to a colleague for review. */
export function toMarkdown(state: ExerciseState, date: string, scenarios: Scenario[] = SCENARIOS): string {
  const parts = [`# Architecture selection: my answers`, "", `Written on ${date}, in the course "The Unreasonable Effectiveness of RNNs" (Module 8).`, ""];
  scenarios.forEach((s, k) => {
    const pick = state.picks[s.id];
    const note = (state.notes[s.id] ?? "").trim();
    parts.push(`## ${k + 1}. ${s.title} (${s.industry})`, "", s.situation, "",
      `**My choice:** ${pick ? OPTIONS[pick].title : "(none yet)"}`, "",
      `**My justification:**`, "", note || "(not written yet)", "");
    if (state.revealed.includes(s.id)) {
      parts.push(`**Course answer:** ${acceptedText(s)}. ${s.answer}`, "", `**Main trade-off:** ${s.tradeoff}`, "");
    }
  });
  return parts.join("\n");
}
