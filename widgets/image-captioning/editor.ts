/**
 * The scene editor: the picture (64×64 pixels shown large), a list of the shapes as buttons, and
 * controls for the selected one (shape, colour, size, move, delete), the background and the
 * examples. Mouse: click a shape to select it, drag it to move it. Keyboard: pick a shape in the
 * list, arrow keys move it (Shift: 4 pixels), C, T and Z cycle its colour, shape (type) and size (the
 * selects do the same), Delete removes it.
 * It owns the scene; `onChange` hears every edit.
 */
import { h } from "../lib/dom.ts";
import { uniqueId } from "../lib/ids.ts";
import { EMPTY_SCENE, FULL_SCENE, hitTest, moved, newShape, shapeName } from "./logic.ts";
import { caption, COLOUR_NAMES, MAX_SHAPES, render, SHAPES, SIZES, sceneFrom, type Scene, type ShapeName } from "./scene.ts";
import { cellAt, drawMarks, drawPixels, type Marks } from "./view.ts";
import examplesRaw from "./examples.json" with { type: "json" };

/** Keys that cycle the selected shape's colour, shape and size. */
const CYCLE: Record<string, [string, readonly string[]]> = { c: ["colour", COLOUR_NAMES], t: ["shape", SHAPES], z: ["size", Object.keys(SIZES)] };

export const EXAMPLES: Scene[] = (examplesRaw as unknown[]).map((x) => sceneFrom(x)).filter((s): s is Scene => s !== null);

export interface Editor {
  element: HTMLElement;
  canvas: HTMLCanvasElement;
  scene(): Scene;
  setScene(s: Scene): void;
  /** Attention and guess marks over the picture (redrawn with the scene). */
  mark(m: Marks): void;
  say(text: string): void;
  /** The picture shows these pixels (a photo) instead of the scene until the next edit. */
  showPixels(rgb: Uint8ClampedArray | null): void;
}

const sel = (label: string, role: string, options: readonly string[]): { wrap: HTMLElement; select: HTMLSelectElement } => {
  const id = uniqueId("rnn-ic");
  const select = h("select", "", options.map((o) => h("option", "", o, { value: o })), { id, "data-role": role });
  return { wrap: h("span", "rnn-ic__field", [h("label", "", label, { for: id }), select]), select };
};

export function editor(opts: { signal: AbortSignal; onChange(): void; onPointer?(cell: number): boolean; onKey?(e: KeyboardEvent): boolean }): Editor {
  const { signal } = opts;
  let scene: Scene = structuredClone(EXAMPLES[0] ?? { shapes: [], background: "plain", noise_seed: 1 });
  let selected = scene.shapes.length ? 0 : -1;
  let marks: Marks = {};
  let photo: Uint8ClampedArray | null = null;
  const canvas = h("canvas", "rnn-ic__canvas", undefined, { width: "320", height: "320", tabindex: "0", role: "img", "data-role": "picture" });
  const list = h("div", "rnn-ic__list", [], { role: "group", "aria-label": "Shapes in the scene" });
  const status = h("p", "rnn-ic__status", "", { "data-role": "editor-status", "aria-live": "polite" });
  const shapeSel = sel("Shape", "shape", SHAPES), colourSel = sel("Colour", "colour", COLOUR_NAMES), sizeSel = sel("Size", "size", Object.keys(SIZES));
  const bgSel = sel("Background", "background", ["plain", "noise"]);
  const exSel = sel("Example", "example", EXAMPLES.map((_, i) => `Example ${i + 1}`));
  const button = (text: string, action: string, label?: string) => h("button", "", text, { type: "button", "data-action": action, ...(label ? { "aria-label": label } : {}) });
  const add = button("Add a shape", "add"), del = button("Delete shape", "delete"), clear = button("Clear", "clear");
  const moves = ([["←", "left", -1, 0], ["→", "right", 1, 0], ["↑", "up", 0, -1], ["↓", "down", 0, 1]] as const).map(([t, name, dx, dy]) => {
    const b = button(t, `move-${name}`, `Move the shape ${name}`);
    b.addEventListener("click", () => move(dx * 2, dy * 2), { signal });
    return b;
  });
  const element = h("div", "rnn-ic__editor", [
    canvas,
    h("div", "rnn-ic__controls", [
      list,
      h("p", "rnn-ic__row", [add, del, clear]),
      h("p", "rnn-ic__row", [shapeSel.wrap, colourSel.wrap, sizeSel.wrap]),
      h("p", "rnn-ic__row", [h("span", "", "Move:"), ...moves]),
      h("p", "rnn-ic__row", [bgSel.wrap, exSel.wrap]),
      status,
    ]),
  ]);

  function draw(): void {
    drawPixels(canvas, photo ?? render(scene));
    const s = photo ? null : scene.shapes[selected];
    const box: [number, number, number, number] | null = s ? [s.x - SIZES[s.size] - 1, s.y - SIZES[s.size] - 1, s.x + SIZES[s.size] + 1, s.y + SIZES[s.size] + 1] : null;
    drawMarks(canvas, { ...marks, selected: box });
    const words = caption(scene);
    canvas.setAttribute("aria-label", photo ? "Your photo, shrunk to 64 by 64 pixels" : words.length ? `The scene: ${words.join(" ")}` : "The scene: empty");
  }

  function sync(): void {
    list.replaceChildren(...scene.shapes.map((s, i) => {
      const b = h("button", "rnn-ic__shape", `${i + 1}: ${shapeName(s)}`, { type: "button", "aria-pressed": String(i === selected), "data-shape": String(i) });
      b.addEventListener("click", () => { selected = i; sync(); }, { signal });
      b.addEventListener("keydown", keys, { signal });
      return b;
    }));
    if (!scene.shapes.length) list.append(h("span", "", "No shapes yet."));
    const s = scene.shapes[selected];
    for (const x of [shapeSel.select, colourSel.select, sizeSel.select, del, ...moves]) (x as HTMLButtonElement).disabled = !s;
    if (s) { shapeSel.select.value = s.shape; colourSel.select.value = s.colour; sizeSel.select.value = s.size; }
    bgSel.select.value = scene.background;
    draw();
  }

  function changed(): void {
    photo = null;
    marks = {};
    status.textContent = scene.shapes.length ? "" : EMPTY_SCENE;
    sync();
    opts.onChange();
  }

  function edit(fn: (s: Scene) => void): void {
    fn(scene);
    changed();
  }

  function move(dx: number, dy: number): void {
    if (selected < 0 || !scene.shapes[selected]) return;
    edit((s) => { s.shapes[selected] = moved(s.shapes[selected], dx, dy); });
    list.querySelector<HTMLElement>(`[data-shape="${selected}"]`)?.focus();
  }

  function keys(e: KeyboardEvent): void {
    if (opts.onKey?.(e)) return;
    const step = e.shiftKey ? 4 : 1;
    const d: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (d[e.key]) { e.preventDefault(); move(...d[e.key]); }
    else if ((e.key === "Delete" || e.key === "Backspace") && selected >= 0) { e.preventDefault(); del.click(); }
    else if (selected >= 0 && CYCLE[e.key]) {
      e.preventDefault();
      const [field, values] = CYCLE[e.key];
      edit((sc) => {
        const sh = sc.shapes[selected] as unknown as Record<string, string>;
        sh[field] = values[(values.indexOf(sh[field]) + 1) % values.length];
      });
      list.querySelector<HTMLElement>(`[data-shape="${selected}"]`)?.focus();
    }
  }

  add.addEventListener("click", () => {
    if (scene.shapes.length >= MAX_SHAPES) { status.textContent = FULL_SCENE; return; }
    edit((s) => { s.shapes.push(newShape(s, s.shapes.length + 1)); selected = s.shapes.length - 1; });
  }, { signal });
  del.addEventListener("click", () => {
    if (selected < 0) return;
    edit((s) => { s.shapes.splice(selected, 1); selected = Math.min(selected, s.shapes.length - 1); });
  }, { signal });
  clear.addEventListener("click", () => edit((s) => { s.shapes = []; selected = -1; }), { signal });
  shapeSel.select.addEventListener("change", () => edit((s) => { s.shapes[selected].shape = shapeSel.select.value as ShapeName; }), { signal });
  colourSel.select.addEventListener("change", () => edit((s) => { s.shapes[selected].colour = colourSel.select.value; }), { signal });
  sizeSel.select.addEventListener("change", () => edit((s) => { s.shapes[selected].size = sizeSel.select.value; }), { signal });
  bgSel.select.addEventListener("change", () => edit((s) => { s.background = bgSel.select.value === "noise" ? "noise" : "plain"; }), { signal });
  exSel.select.addEventListener("change", () => {
    scene = structuredClone(EXAMPLES[exSel.select.selectedIndex]);
    selected = scene.shapes.length ? 0 : -1;
    changed();
  }, { signal });
  canvas.addEventListener("keydown", keys, { signal });

  // drag: the pointer's pixel offset from the shape's centre is kept while it moves
  let drag: { dx: number; dy: number } | null = null;
  canvas.addEventListener("pointerdown", (e) => {
    const at = cellAt(canvas, e);
    if (opts.onPointer?.(at.cell)) return;
    if (photo) return;
    const i = hitTest(scene, at.px, at.py);
    if (i < 0) return;
    selected = i;
    drag = { dx: scene.shapes[i].x - at.px, dy: scene.shapes[i].y - at.py };
    canvas.setPointerCapture?.(e.pointerId);
    sync();
  }, { signal });
  canvas.addEventListener("pointermove", (e) => {
    if (!drag || selected < 0) return;
    const at = cellAt(canvas, e), s = scene.shapes[selected];
    const nx = at.px + drag.dx, ny = at.py + drag.dy;
    if (nx !== s.x || ny !== s.y) { scene.shapes[selected] = moved(s, nx - s.x, ny - s.y); marks = {}; sync(); }
  }, { signal });
  const drop = () => { if (drag) { drag = null; changed(); } };
  canvas.addEventListener("pointerup", drop, { signal });
  canvas.addEventListener("pointercancel", drop, { signal });

  sync();
  return {
    element, canvas,
    scene: () => scene,
    setScene(s) { scene = structuredClone(s); selected = scene.shapes.length ? 0 : -1; changed(); },
    mark(m) { marks = m; draw(); },
    say(text) { status.textContent = text; },
    showPixels(rgb) { photo = rgb; marks = {}; draw(); },
  };
}
