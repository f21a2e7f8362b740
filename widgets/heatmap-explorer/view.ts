/**
 * The explorer's drawing helpers: the coloured text, the overview grid on a
 * canvas (cells down, time across), the top-5 list and the values table.
 * Reader text only ever reaches the DOM through textContent or esc().
 */
import { esc } from "../lib/html.ts";
import { heatColour, heatCss } from "../model-kit/format.ts";
import { fixed as fmt } from "../lib/numbers.ts";
import { PLACEHOLDER, showChar, type VocabCheck } from "../model-kit/vocab.ts";
import type { Dims, Prediction, RankedCell } from "./logic.ts";

/**
 * Fill `box` with one span per character: known ones carry `data-t` (their
 * step) and a background for `series[t]`; unknown ones show the placeholder.
 */
export function paintText(box: HTMLElement, mapped: VocabCheck, series: Float32Array, scale: number): void {
  const frag = document.createDocumentFragment();
  let t = 0;
  mapped.chars.forEach((ch, i) => {
    const span = document.createElement("span");
    span.className = "rnn-mk__ch";
    span.textContent = mapped.known[i] ? showChar(ch, true) : PLACEHOLDER;
    if (mapped.known[i]) {
      span.dataset.t = String(t);
      span.style.background = heatCss(series[t], scale);
      t++;
    } else {
      span.classList.add("rnn-mk__ch--unknown");
      span.title = "not in this model's vocabulary: skipped";
    }
    frag.append(span);
    if (ch === "\n") frag.append(document.createTextNode("\n"));
  });
  box.replaceChildren(frag);
}

/** Recolour the spans for another cell without rebuilding them. */
export function recolourText(box: HTMLElement, series: Float32Array, scale: number): void {
  for (const span of box.querySelectorAll<HTMLElement>("[data-t]")) span.style.background = heatCss(series[Number(span.dataset.t)], scale);
}

/** Draw every cell of `layer` over time: one pixel per (step, cell), each cell on its own scale, stretched by CSS. */
export function paintGrid(canvas: HTMLCanvasElement, values: Float32Array, d: Dims, layer: number, scales: Float64Array): void {
  canvas.width = Math.max(1, d.T);
  canvas.height = d.H;
  const ctx = canvas.getContext("2d");
  if (!ctx || d.T === 0) return;
  const img = ctx.createImageData(d.T, d.H);
  const px = img.data;
  // A 256-entry colour table: a million pixels must not allocate a million arrays.
  const lut = Array.from({ length: 256 }, (_, k) => heatColour((k / 255) * 2 - 1, 1));
  for (let t = 0; t < d.T; t++) {
    const base = (t * d.L + layer) * d.H;
    for (let u = 0; u < d.H; u++) {
      const v = Math.max(-1, Math.min(1, values[base + u] / scales[u]));
      const [r, g, b] = lut[Math.round((v + 1) * 127.5)];
      const o = (u * d.T + t) * 4;
      px[o] = r;
      px[o + 1] = g;
      px[o + 2] = b;
      px[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
}

/** The top-5 list after one character. */
export function predictionsHtml(ch: string, value: number, preds: Prediction[]): string {
  const items = preds
    .map((p) => `<li data-char="${esc(p.char)}" data-prob="${p.p}"><code>${esc(showChar(p.char))}</code> ${(p.p * 100).toFixed(1)}%</li>`)
    .join("");
  return `<p>After <code>${esc(showChar(ch))}</code> the cell reads <strong data-current-value="${value}">${fmt(value, 3)}</strong>; the model's five likeliest next characters:</p><ol class="rnn-hx__preds">${items}</ol>`;
}

/** Rows of the values table of one cell: step, character, value, likeliest next character. */
export function valuesRows(chars: string[], series: Float32Array, top1: (t: number) => Prediction): string {
  let rows = "";
  for (let t = 0; t < series.length; t++) {
    const p = top1(t);
    rows += `<tr data-t="${t}"><th scope="row">${t + 1}</th><td><code>${esc(showChar(chars[t]))}</code></td><td data-value="${series[t]}">${fmt(series[t])}</td><td><code>${esc(showChar(p.char))}</code> ${(p.p * 100).toFixed(1)}%</td></tr>`;
  }
  return rows;
}

/** The ranked cells as buttons that select them. */
export function rankedHtml(cells: RankedCell[], layer: number, kind: string): string {
  return cells
    .map((c) => `<li><button type="button" class="rnn-mk__quiet" data-pick-unit="${c.unit}" data-r="${c.r}">layer ${layer} ${kind} cell ${c.unit}: r = ${fmt(c.r, 2)}</button></li>`)
    .join("");
}
