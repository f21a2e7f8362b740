/**
 * The Sequence Sorter's data and checking, without the DOM: five problems,
 * five architectures, and the sentence of feedback for any placement.
 */
import raw from "./sorter.json" with { type: "json" };

export interface ArchType { id: string; name: string; input: string; output: string; shape: string }
export interface Problem { id: string; text: string; input: string; output: string; answer: string; has: string; why: string }
export interface SorterData { types: ArchType[]; problems: Problem[] }

/** The sorter as bundled from sorter.json. */
export const SORTER = raw as SorterData;

/** Problem id → the architecture id it was placed on (absent: not placed). */
export type Placements = Record<string, string>;

export interface Verdict { correct: boolean; text: string }

/** The feedback for placing problem `p` on architecture `typeId`, or null when it is not placed. */
export function judge(p: Problem, typeId: string | undefined, data: SorterData = SORTER): Verdict | null {
  const type = data.types.find((t) => t.id === typeId);
  if (!type) return null;
  if (type.id === p.answer) return { correct: true, text: `Right. ${p.why}` };
  const right = data.types.find((t) => t.id === p.answer)!;
  return {
    correct: false,
    text:
      `Not quite: ${type.name} ${type.shape}, but this problem ${p.has}. ` +
      (right.input === type.input ? "The input side fits; look again at what comes out, and when." : "Look again at what goes in."),
  };
}

/** How many problems sit on their right architecture. */
export function score(placements: Placements, data: SorterData = SORTER): number {
  return data.problems.filter((p) => placements[p.id] === p.answer).length;
}

/** Keep only placements of known problems on known architectures (an old saved value may hold others). */
export function clean(saved: unknown, data: SorterData = SORTER): Placements {
  const out: Placements = {};
  if (!saved || typeof saved !== "object") return out;
  for (const [k, v] of Object.entries(saved as Record<string, unknown>)) {
    if (data.problems.some((p) => p.id === k) && data.types.some((t) => t.id === v)) out[k] = v as string;
  }
  return out;
}
