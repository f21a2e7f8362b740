/**
 * The AI timeline's data and list logic, without the DOM: which milestones a
 * focus and an era filter show, where the arrow keys move, and where a module
 * and a milestone's live demo live.
 */
import raw from "./milestones.json" with { type: "json" };

export interface Milestone {
  id: string;
  year: number;
  era: string;
  headline: string;
  authors: string;
  title: string;
  venue: string;
  idea: string;
  module: number;
  /** A page of this course where a live demo of the milestone's idea runs (path from the site root). */
  demo?: { path: string; label: string };
}
/** A line of the timeline (`focus: <id>` in the widget fence): the milestones it keeps. */
export interface Focus {
  label: string;
  milestones: string[];
}
export interface TimelineData {
  eras: Record<string, string>;
  modules: Record<string, { title: string; path: string | null }>;
  focus: Record<string, Focus>;
  milestones: Milestone[];
}

/** The timeline as bundled from milestones.json (oldest first). */
export const TIMELINE = raw as TimelineData;

/** "all" or an era id. */
export type Filter = string;

/**
 * The milestones of a focus (a line such as "sequence-models"), oldest first; every milestone
 * when `focus` is empty. An unknown focus throws, naming the ones there are.
 */
export function inFocus(focus: string, data: TimelineData = TIMELINE): Milestone[] {
  if (!focus) return data.milestones;
  const line = data.focus[focus];
  if (!line) throw new Error(`This timeline asks for the line "${focus}", which the timeline does not have (it has ${Object.keys(data.focus).join(", ")}).`);
  return data.milestones.filter((m) => line.milestones.includes(m.id));
}

/** The milestones a filter shows within a focus ("" for none), oldest first. */
export function visible(filter: Filter, data: TimelineData = TIMELINE, focus = ""): Milestone[] {
  return inFocus(focus, data).filter((m) => filter === "all" || m.era === filter);
}

/**
 * The index the focus moves to from `i` in a list of `n` items on `key`
 * (ArrowDown/ArrowRight next, ArrowUp/ArrowLeft previous, Home, End), or null
 * for any other key. The list does not wrap: the ends are where the story is.
 */
export function moveFocus(i: number, n: number, key: string): number | null {
  if (n === 0) return null;
  if (key === "ArrowDown" || key === "ArrowRight") return Math.min(n - 1, i + 1);
  if (key === "ArrowUp" || key === "ArrowLeft") return Math.max(0, i - 1);
  if (key === "Home") return 0;
  if (key === "End") return n - 1;
  return null;
}

/** "Module 3: Vanishing gradients and LSTMs" for a milestone's module. */
export function moduleName(m: Milestone, data: TimelineData = TIMELINE): string {
  return `Module ${m.module}: ${data.modules[String(m.module)]?.title ?? ""}`;
}

/** The module's page as a URL under `root`, or null while the module is not published. */
export function moduleUrl(m: Milestone, root: URL, data: TimelineData = TIMELINE): string | null {
  const path = data.modules[String(m.module)]?.path;
  return path ? new URL(path, root).href : null;
}

/** The page of the milestone's live demo as a URL under `root`, or null when it has none. */
export function demoUrl(m: Milestone, root: URL): string | null {
  return m.demo ? new URL(m.demo.path, root).href : null;
}

/** How long "Play the story" shows each milestone (ms). */
export const PLAY_STEP_MS = 4000;

/** The milestone after `id` in the story of `ids` (oldest first), or null at its end or for an id not in it. */
export function nextInStory(ids: readonly string[], id: string): string | null {
  const i = ids.indexOf(id);
  return i < 0 || i + 1 >= ids.length ? null : ids[i + 1];
}
