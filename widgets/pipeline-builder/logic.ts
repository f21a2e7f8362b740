/**
 * Build the Pipeline (Module 6) without the DOM: the components, three tasks with every pipeline
 * we accept (pipeline.json), the reader's pipelines, and the verdict on one: the best, one that
 * works, unfinished, or wrong at a named first link, each with the reason.
 */
import raw from "./pipeline.json" with { type: "json" };

export interface Component {
  id: string;
  name: string;
  kind: "input" | "part" | "output";
  /** What the component does and so where it can go (ends a sentence that starts with its name). */
  needs: string;
}
export interface Accepted { chain: string[]; best: boolean; why: string }
export interface Task {
  id: string;
  title: string;
  goal: string;
  input: string;
  accepted: Accepted[];
  /** "a>b" → why b follows a, for every link of an accepted pipeline. */
  links: Record<string, string>;
  /** "a>b" → why b must not follow a, for the wrong links worth their own sentence. */
  mistakes: Record<string, string>;
}
export interface PipelineData { components: Component[]; tasks: Task[] }

/** The exercise as bundled from pipeline.json. */
export const PIPELINES = raw as unknown as PipelineData;

/** The longest pipeline the reader may build (the longest accepted one has six parts). */
export const MAX_PARTS = 10;

/** What is saved: each task's pipeline (component ids in order) and the tasks checked since their last edit. */
export interface PipelineState { chains: Record<string, string[]>; checked: string[] }

export type Status = "empty" | "best" | "works" | "incomplete" | "wrong";
export interface Result {
  status: Status;
  text: string;
  /** The first wrong link as [from, to] positions (0-based), for "wrong". */
  link?: [number, number];
}

const byId = (id: string, data: PipelineData) => data.components.find((c) => c.id === id);
const nameOf = (id: string, data: PipelineData) => byId(id, data)?.name ?? id;
const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const startsWith = (chain: string[], prefix: string[]) => prefix.every((x, i) => chain[i] === x);
/** "A", "A or B", "A, B or C". */
const either = (names: string[]) => names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;

/** A state read back from storage, kept only where tasks and components exist. */
export function cleanState(saved: unknown, data: PipelineData = PIPELINES): PipelineState {
  const out: PipelineState = { chains: {}, checked: [] };
  if (!saved || typeof saved !== "object") return out;
  const v = saved as { chains?: unknown; checked?: unknown };
  const chains = (v.chains && typeof v.chains === "object" ? v.chains : {}) as Record<string, unknown>;
  for (const t of data.tasks) {
    const c = chains[t.id];
    if (!Array.isArray(c)) continue;
    const kept = c.filter((x): x is string => typeof x === "string" && !!byId(x, data)).slice(0, MAX_PARTS);
    if (kept.length) out.chains[t.id] = kept;
  }
  if (Array.isArray(v.checked)) out.checked = v.checked.filter((id): id is string => typeof id === "string" && !!out.chains[id]);
  return out;
}

/** The next components an accepted pipeline puts after `prefix` (in the order the key lists them). */
export function nextParts(task: Task, prefix: string[]): string[] {
  const out: string[] = [];
  for (const a of task.accepted) {
    const next = a.chain[prefix.length];
    if (next && startsWith(a.chain, prefix) && !out.includes(next)) out.push(next);
  }
  return out;
}

/** Why `to` cannot follow `from` in `task`: the task's own sentence, or what `to` is for. */
function whyNot(task: Task, from: string, to: string, data: PipelineData): string {
  const own = task.mistakes[`${from}>${to}`];
  if (own) return own;
  if (from === to) return `${nameOf(to, data)} twice in a row adds nothing the first did not do.`;
  return `${nameOf(to, data)} ${byId(to, data)?.needs ?? "is not a component of this exercise"}.`;
}

/** What may come after `prefix`, each with the reason its link is right. */
function hint(task: Task, prefix: string[], data: PipelineData): string {
  const next = nextParts(task, prefix);
  const last = prefix.at(-1)!;
  const reason = (id: string) => task.links[`${last}>${id}`];
  if (next.length === 1) return `After ${nameOf(last, data)}, this task needs ${nameOf(next[0], data)}: ${reason(next[0])}.`;
  return `After ${nameOf(last, data)}, this task can go on with ${either(next.map((id) => `${nameOf(id, data)} (${reason(id)})`))}.`;
}

/** The verdict on the reader's pipeline `chain` for `task`, with the reason. */
export function check(task: Task, chain: string[], data: PipelineData = PIPELINES): Result {
  const input = nameOf(task.input, data);
  if (!chain.length) return { status: "empty", text: `Your pipeline is empty. Start with its input, ${input}, and end with Text.` };
  const exact = task.accepted.find((a) => same(a.chain, chain));
  if (exact) {
    return exact.best
      ? { status: "best", text: `Right, and as good as these parts allow. ${exact.why}` }
      : { status: "works", text: `Right: this pipeline works. ${exact.why}` };
  }
  if (chain[0] !== task.input) {
    const first = byId(chain[0], data);
    const text = first?.kind === "input"
      ? `The first part is wrong: ${task.title} starts from ${input}, not from ${first.name}.`
      : `The first part is wrong: a pipeline starts with its input, and here that is ${input}.`;
    return { status: "wrong", text, link: [0, 0] };
  }
  for (let i = 1; i < chain.length; i++) {
    if (nextParts(task, chain.slice(0, i)).includes(chain[i])) continue;
    const from = chain[i - 1], to = chain[i];
    return {
      status: "wrong",
      link: [i - 1, i],
      text: `The first wrong link is ${nameOf(from, data)} \u2192 ${nameOf(to, data)} (parts ${i} and ${i + 1}). ${whyNot(task, from, to, data)} ${hint(task, chain.slice(0, i), data)}`,
    };
  }
  return { status: "incomplete", text: `Every link so far is right, but the pipeline is not finished. ${hint(task, chain, data)}` };
}

/** `chain` with the part at `index` moved by `by` places (clamped to the ends); a new array. */
export function moved(chain: string[], index: number, by: number): string[] {
  const to = Math.max(0, Math.min(chain.length - 1, index + by));
  const out = chain.slice();
  const [part] = out.splice(index, 1);
  out.splice(to, 0, part);
  return out;
}
