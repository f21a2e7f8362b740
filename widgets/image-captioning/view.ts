/**
 * Drawing for the captioning widget: the scene's 64×64 pixels scaled up without smoothing (the
 * reader sees the model's own pixels), the attention of a word as a veil over the 8×8 grid (cells
 * it ignored are darkened, its top cell outlined), and small 8×8 heat maps for the feature maps.
 */
import { GRID, SIZE } from "./scene.ts";

/** Draw RGB bytes [64*64*3] onto `canvas` (any size: pixels become blocks). */
export function drawPixels(canvas: HTMLCanvasElement, rgb: Uint8ClampedArray): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const small = document.createElement("canvas");
  small.width = small.height = SIZE;
  const sctx = small.getContext("2d");
  if (!sctx) return;
  const img = sctx.createImageData(SIZE, SIZE);
  for (let p = 0; p < SIZE * SIZE; p++) {
    img.data[4 * p] = rgb[3 * p];
    img.data[4 * p + 1] = rgb[3 * p + 1];
    img.data[4 * p + 2] = rgb[3 * p + 2];
    img.data[4 * p + 3] = 255;
  }
  sctx.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
}

export interface Marks {
  /** Attention over the 64 cells (null: no veil). */
  weights?: ArrayLike<number> | null;
  /** The reader's guessed cell (a dashed square). */
  guess?: number | null;
  /** The selected shape's box in pixels [x0, y0, x1, y1]. */
  selected?: [number, number, number, number] | null;
}

/** Veil, top cell, guess and selection over the drawn pixels. */
export function drawMarks(canvas: HTMLCanvasElement, marks: Marks): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const cell = canvas.width / GRID, px = canvas.width / SIZE;
  if (marks.weights) {
    let max = 0, top = 0;
    for (let i = 0; i < GRID * GRID; i++) if (marks.weights[i] > max) { max = marks.weights[i]; top = i; }
    for (let i = 0; i < GRID * GRID; i++) {
      const share = max > 0 ? marks.weights[i] / max : 0;
      ctx.fillStyle = `rgba(20, 20, 30, ${(0.72 * (1 - Math.sqrt(share))).toFixed(3)})`;
      ctx.fillRect((i % GRID) * cell, Math.floor(i / GRID) * cell, cell, cell);
    }
    ctx.strokeStyle = "#ffcc00";
    ctx.lineWidth = 3;
    ctx.strokeRect((top % GRID) * cell + 1.5, Math.floor(top / GRID) * cell + 1.5, cell - 3, cell - 3);
  }
  if (marks.guess != null) {
    ctx.strokeStyle = "#ff2d95";
    ctx.lineWidth = 3;
    ctx.setLineDash([6, 4]);
    ctx.strokeRect((marks.guess % GRID) * cell + 3, Math.floor(marks.guess / GRID) * cell + 3, cell - 6, cell - 6);
    ctx.setLineDash([]);
  }
  if (marks.selected) {
    const [x0, y0, x1, y1] = marks.selected;
    ctx.strokeStyle = "#111";
    ctx.lineWidth = 2;
    ctx.setLineDash([4, 3]);
    ctx.strokeRect(x0 * px, y0 * px, (x1 - x0) * px, (y1 - y0) * px);
    ctx.setLineDash([]);
  }
}

/** An 8×8 map of values in [0, 1] as grey levels (dark = large). */
export function drawHeat(canvas: HTMLCanvasElement, values: ArrayLike<number>): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const cell = canvas.width / GRID;
  for (let i = 0; i < GRID * GRID; i++) {
    const v = Math.round(245 - 215 * Math.max(0, Math.min(1, values[i])));
    ctx.fillStyle = `rgb(${v}, ${v}, ${Math.min(255, v + 10)})`;
    ctx.fillRect((i % GRID) * cell, Math.floor(i / GRID) * cell, cell, cell);
  }
}

/** The cell under a pointer event on a canvas showing the grid. */
export function cellAt(canvas: HTMLCanvasElement, e: { clientX: number; clientY: number }): { cell: number; px: number; py: number } {
  const r = canvas.getBoundingClientRect();
  const fx = Math.max(0, Math.min(0.9999, (e.clientX - r.left) / r.width)), fy = Math.max(0, Math.min(0.9999, (e.clientY - r.top) / r.height));
  return { cell: Math.floor(fy * GRID) * GRID + Math.floor(fx * GRID), px: Math.floor(fx * SIZE), py: Math.floor(fy * SIZE) };
}
