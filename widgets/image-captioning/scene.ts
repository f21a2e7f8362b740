/**
 * The captioner's small world in the page: scenes as plain objects, rasterised with the integer
 * rules of build_models/scenes/data.py (pixel centres in half-pixel units), so a scene built here
 * gives the model exactly the pixels Python gives it; and the caption grammar, so the page knows
 * every scene's true caption. tests/test_captioner_browser.py and the values test compare both
 * with Python.
 */
import { mulberry32 } from "../lib/random.ts";

export const SIZE = 64;
export const GRID = 8;
export const SHAPES = ["circle", "square", "triangle"] as const;
export type ShapeName = (typeof SHAPES)[number];
export const COLOURS: Record<string, [number, number, number]> = {
  red: [220, 50, 47], green: [46, 160, 67], blue: [38, 99, 214],
  yellow: [230, 190, 30], purple: [142, 68, 173], cyan: [23, 190, 207],
};
export const COLOUR_NAMES = Object.keys(COLOURS);
export const SIZES: Record<string, number> = { small: 6, large: 10 };
export const BACKGROUND: [number, number, number] = [236, 236, 230];
export const NOISE = 24;
/** The grammar covers 1-3 shapes; the editor caps a scene at this many. */
export const MAX_SHAPES = 3;

export interface Shape { shape: ShapeName; colour: string; size: string; x: number; y: number }
export interface Scene { shapes: Shape[]; background: "plain" | "noise"; noise_seed: number }

/** Whether the pixel (px, py) is inside the shape (the same integer tests as data.shape_mask). */
export function inside(s: Shape, px: number, py: number): boolean {
  const dx = 2 * px + 1 - 2 * s.x, dy = 2 * py + 1 - 2 * s.y, r2 = 2 * SIZES[s.size];
  if (s.shape === "circle") return dx * dx + dy * dy <= r2 * r2;
  if (s.shape === "square") return Math.abs(dx) <= r2 && Math.abs(dy) <= r2;
  const down = dy + r2;
  return down >= 0 && down <= 2 * r2 && 2 * Math.abs(dx) <= down;
}

/** RGB bytes [SIZE*SIZE*3], row by row: background (noise from mulberry32(noise_seed) in raster
 * order), then the shapes in order. */
export function render(scene: Scene): Uint8ClampedArray {
  const out = new Uint8ClampedArray(SIZE * SIZE * 3);
  const rand = scene.background === "noise" ? mulberry32(scene.noise_seed) : null;
  for (let p = 0; p < SIZE * SIZE; p++) {
    const shift = rand ? Math.floor(rand() * (2 * NOISE + 1)) - NOISE : 0;
    for (let k = 0; k < 3; k++) out[3 * p + k] = BACKGROUND[k] + shift;   // Uint8ClampedArray clips like np.clip
  }
  for (const s of scene.shapes) {
    const r = SIZES[s.size], rgb = COLOURS[s.colour];
    for (let py = Math.max(0, s.y - r - 1); py <= Math.min(SIZE - 1, s.y + r + 1); py++) {
      for (let px = Math.max(0, s.x - r - 1); px <= Math.min(SIZE - 1, s.x + r + 1); px++) {
        if (inside(s, px, py)) out.set(rgb, 3 * (py * SIZE + px));
      }
    }
  }
  return out;
}

/** The encoder's input [1,3,SIZE,SIZE] in [0,1] from RGB bytes (the same division as data.to_input). */
export function toInput(rgb: Uint8ClampedArray): Float32Array {
  const out = new Float32Array(3 * SIZE * SIZE);
  for (let p = 0; p < SIZE * SIZE; p++) for (let k = 0; k < 3; k++) out[k * SIZE * SIZE + p] = Math.fround(rgb[3 * p + k] / 255);
  return out;
}

// ---- the grammar ----------------------------------------------------------------------------------

const phrase = (s: Shape): string[] => ["a", s.size, s.colour, s.shape];

/** [subject, relation, object] of two shapes, as data.relation. */
export function relation(a: Shape, b: Shape): [Shape, "left of" | "above", Shape] {
  const dx = b.x - a.x, dy = b.y - a.y;
  if (Math.abs(dx) >= Math.abs(dy)) return dx > 0 || (dx === 0 && a.y <= b.y) ? [a, "left of", b] : [b, "left of", a];
  return dy > 0 ? [a, "above", b] : [b, "above", a];
}

/** The true caption of a scene (words), as data.caption; [] for an empty scene. A scene of more
 * than MAX_SHAPES shapes has no caption in the grammar: also []. */
export function caption(scene: Scene): string[] {
  const ss = scene.shapes;
  if (ss.length === 0 || ss.length > MAX_SHAPES) return [];
  if (ss.length === 1) return phrase(ss[0]);
  if (ss.length === 2) {
    const [a, rel, b] = relation(ss[0], ss[1]);
    return [...phrase(a), ...rel.split(" "), ...phrase(b)];
  }
  const ordered = [...ss].sort((p, q) => p.x - q.x || p.y - q.y);
  const words: string[] = [];
  ordered.forEach((s, i) => {
    if (i) words.push(i === ordered.length - 1 ? "and" : ",");
    words.push(...phrase(s));
  });
  return words;
}

export interface Parsed { objects: [string, string, string][]; relation: "left of" | "above" | "list" | null }

/** What a caption says, read back by the grammar (data.parse); null when it is not a sentence of it. */
export function parse(words: string[]): Parsed | null {
  const objects: [string, string, string][] = [];
  let rel: Parsed["relation"] = null, i = 0;
  while (i < words.length) {
    if (words[i] !== "a" || i + 4 > words.length) return null;
    const [size, colour, shape] = words.slice(i + 1, i + 4);
    if (!(size in SIZES) || !(colour in COLOURS) || !(SHAPES as readonly string[]).includes(shape)) return null;
    objects.push([size, colour, shape]);
    i += 4;
    if (i === words.length) break;
    if (words[i] === "left" && words[i + 1] === "of" && rel === null && objects.length === 1) { rel = "left of"; i += 2; }
    else if (words[i] === "above" && rel === null && objects.length === 1) { rel = "above"; i += 1; }
    else if ((words[i] === "," || words[i] === "and") && (rel === null || rel === "list")) { rel = "list"; i += 1; }
    else return null;
  }
  if (!objects.length || (objects.length > 1) !== (rel !== null)) return null;
  return { objects, relation: rel };
}

export interface Judged {
  parsed: boolean; count: boolean; exact: boolean;
  objects: { size: boolean; colour: boolean; shape: boolean; all: boolean }[];
  relation: boolean | null;
}

/** One caption against the true one, with build_models/scenes/metrics.judge's rules. */
export function judge(trueWords: string[], words: string[]): Judged {
  const t = parse(trueWords), p = parse(words);
  if (!t) throw new Error("the true caption is not a sentence of the grammar");
  const objects = t.objects.map((obj, i) => {
    const got = p && i < p.objects.length ? p.objects[i] : [null, null, null];
    const row = { size: got[0] === obj[0], colour: got[1] === obj[1], shape: got[2] === obj[2], all: false };
    row.all = row.size && row.colour && row.shape;
    return row;
  });
  const relation = t.relation === "left of" || t.relation === "above"
    ? !!p && p.relation === t.relation && objects.every((o) => o.all) : null;
  return {
    parsed: p !== null, count: !!p && p.objects.length === t.objects.length,
    exact: words.length === trueWords.length && words.every((w, i) => w === trueWords[i]), objects, relation,
  };
}

/** A scene read from untrusted JSON (the URL, storage), or null: shapes with known names inside the canvas. */
export function sceneFrom(x: unknown): Scene | null {
  const o = typeof x === "object" && x !== null ? (x as Record<string, unknown>) : null;
  if (!o || !Array.isArray(o.shapes)) return null;
  const shapes: Shape[] = [];
  for (const s of o.shapes as Record<string, unknown>[]) {
    if (!s || !(SHAPES as readonly unknown[]).includes(s.shape) || typeof s.colour !== "string" || !(s.colour in COLOURS)
      || typeof s.size !== "string" || !(s.size in SIZES) || !Number.isInteger(s.x) || !Number.isInteger(s.y)) return null;
    shapes.push({ shape: s.shape as ShapeName, colour: s.colour, size: s.size, x: clampPos(s.x as number), y: clampPos(s.y as number) });
  }
  const seed = Number.isInteger(o.noise_seed) ? (o.noise_seed as number) >>> 0 : 0;
  return { shapes, background: o.background === "noise" ? "noise" : "plain", noise_seed: seed };
}

/** A centre kept inside the canvas. */
export const clampPos = (v: number): number => Math.max(0, Math.min(SIZE - 1, Math.round(v)));
