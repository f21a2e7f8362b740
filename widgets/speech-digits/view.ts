/**
 * The Spoken Digits widget's drawings: the log-mel spectrogram and the per-frame digit strip, each
 * on a canvas sized to its box (CSS px times the device's pixel ratio), with a cursor at the frame
 * being read. Their text (the digit names, the axis words) is HTML beside them (speech-digits.css).
 */
import type { Spectrogram } from "./logic.ts";

/** A dark-blue → teal → yellow ramp for a value in [0, 1] (readable in both palettes). */
export function ramp(v: number): [number, number, number] {
  const x = Math.max(0, Math.min(1, v));
  const stops: [number, number, number][] = [[20, 24, 82], [33, 120, 142], [94, 201, 98], [253, 231, 37]];
  const at = x * (stops.length - 1), i = Math.min(stops.length - 2, Math.floor(at)), f = at - i;
  return stops[i].map((c, k) => Math.round(c + (stops[i + 1][k] - c) * f)) as [number, number, number];
}

/** The canvas's drawing context at `width` x `height` CSS px (its CSS width is its box's: 100 %). */
function sized(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const dpr = Math.max(1, Math.min(3, globalThis.devicePixelRatio || 1));
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext("2d");
  ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

function cursor(ctx: CanvasRenderingContext2D, x: number, height: number): void {
  ctx.fillStyle = "rgba(255,255,255,0.9)";
  ctx.fillRect(x - 1, 0, 2, height);
}

/** The spectrogram: time left to right, low bands at the bottom, the clip's own range of values. */
export function drawSpectrogram(canvas: HTMLCanvasElement, s: Spectrogram, width: number, height: number, frame: number): void {
  const ctx = sized(canvas, width, height);
  if (!ctx || !s.frames) return;
  let lo = Infinity, hi = -Infinity;
  for (const v of s.data) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  lo = Math.max(lo, hi - 12);   // 12 nats (about 52 dB) below the loudest: quieter is drawn as the floor
  const img = ctx.createImageData(s.frames, s.bands);
  for (let t = 0; t < s.frames; t++) {
    for (let b = 0; b < s.bands; b++) {
      const [r, g, bl] = ramp((s.data[t * s.bands + b] - lo) / (hi - lo || 1));
      const o = 4 * ((s.bands - 1 - b) * s.frames + t);
      img.data.set([r, g, bl, 255], o);
    }
  }
  const off = new OffscreenCanvas(s.frames, s.bands);
  off.getContext("2d")!.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(off, 0, 0, width, height);
  cursor(ctx, ((frame + 0.5) * width) / s.frames, height);
}

/** The strip: one row per digit, each frame's probability as the cell's brightness. */
export function drawStrip(canvas: HTMLCanvasElement, probs: Float32Array, classes: number, width: number, rowHeight: number, frame: number, answer: number): void {
  const T = probs.length / classes, height = rowHeight * classes;
  const ctx = sized(canvas, width, height);
  if (!ctx || !T) return;
  const w = width / T;
  for (let c = 0; c < classes; c++) {
    for (let t = 0; t < T; t++) {
      const [r, g, b] = ramp(probs[t * classes + c]);
      ctx.fillStyle = `rgb(${r},${g},${b})`;
      ctx.fillRect(t * w, c * rowHeight, w + 0.5, rowHeight - 1);
    }
  }
  ctx.strokeStyle = "rgba(255,255,255,0.9)";
  ctx.lineWidth = 1.5;
  ctx.strokeRect(0.75, answer * rowHeight + 0.75, width - 1.5, rowHeight - 2.5);
  cursor(ctx, (frame + 0.5) * w, height);
}
