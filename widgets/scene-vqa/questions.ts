/**
 * The question grammar of build_models/scenes/questions.py in TypeScript: every question the
 * grammar asks of a scene, with its true answer, in the same order (tests/test_vqa_questions.py
 * compares the two). A question whose answer the scene leaves undefined is not asked; count and
 * existence questions are always defined. See the Python module for the templates.
 */
import { COLOUR_NAMES, relation, SHAPES, SIZES, type Scene, type Shape } from "../image-captioning/scene.ts";

export type QuestionType = "colour" | "shape" | "size" | "count" | "exist" | "relation";
export const TYPES: readonly QuestionType[] = ["colour", "shape", "size", "count", "exist", "relation"];
export interface Question { type: QuestionType; words: string[]; answer: string }

const DIRECTIONS = ["left of", "right of", "above", "below"] as const;
type Key = "shape" | "colour" | "size" | "object";

/** object index -> the first of `kinds` that names it alone (Python's _refs, same order). */
function refs(scene: Scene, kinds: Key[][]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const kind of kinds) {
    const names = scene.shapes.map((s) => kind.map((k) => (k === "object" ? "object" : s[k])).join(" "));
    names.forEach((n, i) => {
      if (!out.has(i) && names.filter((m) => m === n).length === 1) out.set(i, n.split(" "));
    });
  }
  return out;
}

function layout(scene: Scene): "one" | "row" | "column" {
  const ss = scene.shapes;
  if (ss.length === 1) return "one";
  if (ss.length === 2) return relation(ss[0], ss[1])[1] === "left of" ? "row" : "column";
  return "row";
}

/** The shape of the nearest object in `direction` of object i, or "nothing" (ties: the first). */
function neighbour(scene: Scene, i: number, direction: (typeof DIRECTIONS)[number]): string {
  const me = scene.shapes[i], others = scene.shapes.filter((_, j) => j !== i);
  const horizontal = direction === "left of" || direction === "right of";
  const sign = direction === "left of" || direction === "above" ? -1 : 1;
  const at = (s: Shape) => (horizontal ? s.x - me.x : s.y - me.y);
  let best: Shape | null = null;
  for (const s of others) if (sign * at(s) > 0 && (best === null || Math.abs(at(s)) < Math.abs(at(best)))) best = s;
  return best ? best.shape : "nothing";
}

/** Every question the grammar asks of the scene, with its answer (questions.candidates). */
export function candidates(scene: Scene): Question[] {
  const ss = scene.shapes, qs: Question[] = [];
  if (!ss.length) return qs;
  const q = (type: QuestionType, words: string[], answer: string) => qs.push({ type, words, answer });
  for (const [i, ref] of refs(scene, [["shape"], ["size", "shape"]])) q("colour", ["what", "colour", "is", "the", ...ref], ss[i].colour);
  for (const [i, ref] of refs(scene, [["colour", "object"], ["size", "colour", "object"]])) q("shape", ["what", "shape", "is", "the", ...ref], ss[i].shape);
  for (const [i, ref] of refs(scene, [["shape"], ["colour", "shape"]])) q("size", ["what", "size", "is", "the", ...ref], ss[i].size);
  for (const shape of SHAPES) q("count", ["how", "many", `${shape}s`, "are", "there"], String(ss.filter((s) => s.shape === shape).length));
  for (const colour of COLOUR_NAMES) q("count", ["how", "many", colour, "objects", "are", "there"], String(ss.filter((s) => s.colour === colour).length));
  q("count", ["how", "many", "objects", "are", "there"], String(ss.length));
  for (const colour of COLOUR_NAMES) for (const shape of SHAPES)
    q("exist", ["is", "there", "a", colour, shape], ss.some((s) => s.colour === colour && s.shape === shape) ? "yes" : "no");
  for (const size of Object.keys(SIZES)) for (const shape of SHAPES)
    q("exist", ["is", "there", "a", size, shape], ss.some((s) => s.size === size && s.shape === shape) ? "yes" : "no");
  const l = layout(scene);
  const dirs = l === "one" ? DIRECTIONS : l === "row" ? DIRECTIONS.slice(0, 2) : DIRECTIONS.slice(2);
  for (const [i, ref] of refs(scene, [["shape"], ["colour", "shape"]]))
    for (const d of dirs) q("relation", ["what", "shape", "is", ...d.split(" "), "the", ...ref], neighbour(scene, i, d));
  return qs;
}

/** The grammar's question with exactly these words for this scene, or null (not one it asks here). */
export function truth(scene: Scene, words: string[]): Question | null {
  const key = words.join(" ");
  return candidates(scene).find((c) => c.words.join(" ") === key) ?? null;
}
