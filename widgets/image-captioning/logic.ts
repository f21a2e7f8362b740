/**
 * The captioning widget's pure computation: the scene editor's rules (adding, moving, picking a
 * shape, the cap), upload checks, what the feature maps and attention rows show, the guess game's
 * score, and "what did it get right" in sentences. No DOM; tests/js/captioner.test.ts calls it.
 */
import { caption, clampPos, COLOUR_NAMES, GRID, inside, judge, MAX_SHAPES, SIZE, SIZES, type Scene, type Shape } from "./scene.ts";

/** Uploads larger than this are refused before decoding (a photo is downscaled to 64×64 anyway). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Images smaller than this on either side hold too little to downscale. */
export const MIN_SIDE = 8;

/** Why an upload is refused before it is decoded, or null. */
export function uploadProblem(file: { type: string; size: number; name: string }): string | null {
  if (!file.type.startsWith("image/")) {
    return `“${file.name}” is not an image (its type is ${file.type || "unknown"}). Choose a PNG, JPEG, GIF or WebP picture.`;
  }
  if (file.size > MAX_UPLOAD_BYTES) {
    return `“${file.name}” is ${(file.size / 1048576).toFixed(1)} MB; pictures up to ${MAX_UPLOAD_BYTES / 1048576} MB are read. It would be shrunk to 64×64 pixels anyway: a smaller copy works as well.`;
  }
  return null;
}

/** Why a decoded image is refused, or null. */
export function sizeProblem(width: number, height: number): string | null {
  if (width < MIN_SIDE || height < MIN_SIDE) {
    return `This picture is ${width}×${height} pixels: too small to show anything at 64×64. Choose one at least ${MIN_SIDE}×${MIN_SIDE}.`;
  }
  return null;
}

/** The sentence when the reader tries to add a shape to a full scene. */
export const FULL_SCENE = `This world's scenes hold at most ${MAX_SHAPES} shapes (the captions of its grammar describe 1 to ${MAX_SHAPES}), so no more can be added: delete one first.`;
export const EMPTY_SCENE = "The scene is empty: add a shape (or pick an example) and the model will caption it.";

/** The topmost shape covering pixel (px, py), or -1 (later shapes are drawn over earlier ones). */
export function hitTest(scene: Scene, px: number, py: number): number {
  for (let i = scene.shapes.length - 1; i >= 0; i--) if (inside(scene.shapes[i], px, py)) return i;
  return -1;
}

/** A new shape for the scene, where it overlaps the others least (a scan of candidate centres). */
export function newShape(scene: Scene, n: number): Shape {
  const size = n % 2 ? "large" : "small", r = SIZES[size];
  let best = { x: 32, y: 32, d: -1 };
  for (let y = r + 1; y <= SIZE - 2 - r; y += 4) {
    for (let x = r + 1; x <= SIZE - 2 - r; x += 4) {
      const d = Math.min(99, ...scene.shapes.map((s) => Math.max(Math.abs(s.x - x), Math.abs(s.y - y)) - SIZES[s.size] - r));
      if (d > best.d) best = { x, y, d };
    }
  }
  return { shape: (["circle", "square", "triangle"] as const)[n % 3], colour: COLOUR_NAMES[n % COLOUR_NAMES.length], size, x: best.x, y: best.y };
}

/** The shape moved by (dx, dy) pixels, its centre kept on the canvas. */
export const moved = (s: Shape, dx: number, dy: number): Shape => ({ ...s, x: clampPos(s.x + dx), y: clampPos(s.y + dy) });

/** How the editor names a shape (buttons, announcements). */
export const shapeName = (s: Shape): string => `${s.size} ${s.colour} ${s.shape} at (${s.x}, ${s.y})`;

/** Row t of a [T,64] array. */
export const row = (a: Float32Array, t: number): Float32Array => a.subarray(t * GRID * GRID, (t + 1) * GRID * GRID);

/** The cell with the largest value (first on ties). */
export function topCell(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** Per cell, the length of its feature vector, scaled so the largest is 1: "how much the CNN found
 * here" [64]. */
export function energy(fmap: Float32Array, channels: number): Float32Array {
  const cells = GRID * GRID, out = new Float32Array(cells);
  for (let k = 0; k < channels; k++) for (let i = 0; i < cells; i++) out[i] += fmap[k * cells + i] ** 2;
  let max = 0;
  for (let i = 0; i < cells; i++) max = Math.max(max, (out[i] = Math.sqrt(out[i])));
  if (max > 0) for (let i = 0; i < cells; i++) out[i] /= max;
  return out;
}

/** The k channels whose maps vary most over the grid (the most informative to show), largest first. */
export function liveliestChannels(fmap: Float32Array, channels: number, k: number): number[] {
  const cells = GRID * GRID, spread: [number, number][] = [];
  for (let c = 0; c < channels; c++) {
    const m = fmap.subarray(c * cells, (c + 1) * cells);
    let mean = 0, v = 0;
    for (const x of m) mean += x / cells;
    for (const x of m) v += (x - mean) ** 2;
    spread.push([v, c]);
  }
  return spread.sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, k).map(([, c]) => c);
}

/** One channel's map [64], scaled to [0, 1] (its smallest value 0, largest 1). */
export function channelMap(fmap: Float32Array, c: number): Float32Array {
  const cells = GRID * GRID, m = fmap.slice(c * cells, (c + 1) * cells);
  let lo = Infinity, hi = -Infinity;
  for (const x of m) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
  for (let i = 0; i < cells; i++) m[i] = hi > lo ? (m[i] - lo) / (hi - lo) : 0;
  return m;
}

/** The cell name a reader reads: row and column from the top left, 1-based. */
export const cellName = (cell: number): string => `row ${Math.floor(cell / GRID) + 1}, column ${(cell % GRID) + 1}`;

/** The guess game: how far (in cells, king moves) the guess was from where the model looked most,
 * and the share of attention the guessed cell got. */
export function scoreGuess(guess: number, weights: ArrayLike<number>): { top: number; distance: number; share: number; verdict: string } {
  const top = topCell(weights);
  const distance = Math.max(Math.abs((guess % GRID) - (top % GRID)), Math.abs(Math.floor(guess / GRID) - Math.floor(top / GRID)));
  const share = weights[guess];
  const verdict = distance === 0 ? "Spot on: that is where it looked most." : distance === 1 ? "Next door: one cell away from where it looked most."
    : `${distance} cells away from where it looked most (${cellName(top)}).`;
  return { top, distance, share, verdict };
}

/** "What did it get right or wrong": one sentence per true object and for the relation. */
export function verdicts(scene: Scene, words: string[]): { line: string; ok: boolean }[] {
  const truth = caption(scene);
  if (!truth.length) return [];
  const j = judge(truth, words);
  const out: { line: string; ok: boolean }[] = [];
  if (!j.parsed) out.push({ line: "The caption is not a sentence of this world's grammar, so no object in it can be matched.", ok: false });
  else if (!j.count) out.push({ line: `It names a different number of shapes than the scene holds (${scene.shapes.length}).`, ok: false });
  const objs: string[] = [];
  for (let i = 0; i < truth.length; i++) if (truth[i] === "a") objs.push(truth.slice(i + 1, i + 4).join(" "));
  j.objects.forEach((o, i) => {
    const wrong = (["size", "colour", "shape"] as const).filter((f) => !o[f]);
    out.push(o.all ? { line: `Shape ${i + 1}, the ${objs[i]}: right.`, ok: true }
      : { line: `Shape ${i + 1}, the ${objs[i]}: ${wrong.join(" and ")} wrong.`, ok: false });
  });
  if (j.relation !== null) {
    const rel = truth.includes("above") ? "above" : "left of";
    out.push(j.relation ? { line: `The relation “${rel}”: right.`, ok: true } : { line: `The relation “${rel}” between them: not right.`, ok: false });
  }
  return out;
}
