/**
 * Drawing of the certificate widget: its markup, the sheet on a canvas (the PNG) and the same
 * layout as a PDF page. The name and every claim are drawn as text (canvas fillText, PDF strings),
 * never parsed as HTML.
 */
import { type Layout, type Measure, SHEET } from "./logic.ts";
import { type PdfPage, helveticaWidth } from "./pdf.ts";

/** The widget's markup (no reader text in it). */
export function skeleton(uid: string): string {
  return `<div class="rnn-cert__form">
    <label for="${uid}-name">Your name, as the certificate should print it</label>
    <input id="${uid}-name" type="text" data-role="name" autocomplete="name" spellcheck="false" aria-describedby="${uid}-name-note">
    <p id="${uid}-name-note" class="rnn-cert__note" data-role="name-note" aria-live="polite"></p>
    <p class="rnn-cert__note" data-role="save-note" role="status"></p>
    <div class="rnn-cert__buttons">
      <button type="button" class="md-button" data-action="png">Download PNG</button>
      <button type="button" class="md-button" data-action="pdf">Download PDF</button>
    </div>
  </div>
  <p data-role="summary" aria-live="polite"></p>
  <figure class="rnn-cert__preview">
    <img data-role="preview" alt="" hidden width="1600" height="1131">
    <figcaption data-role="caption">The preview appears once a name is typed.</figcaption>
  </figure>`;
}

export const FONT = `"Roboto", "Helvetica Neue", Arial, sans-serif`;

/** A canvas's measure in sheet pixels. */
export function canvasMeasure(ctx: CanvasRenderingContext2D): Measure {
  return (text, size, bold) => {
    ctx.font = `${bold ? "700" : "400"} ${size}px ${FONT}`;
    return ctx.measureText(text).width;
  };
}

/** Draw a laid-out certificate on `canvas` (resized to the sheet). */
export function paint(canvas: HTMLCanvasElement, lay: Layout): void {
  canvas.width = SHEET.width;
  canvas.height = SHEET.height;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("this browser cannot draw on a canvas");
  ctx.fillStyle = "#fffdf7";
  ctx.fillRect(0, 0, SHEET.width, SHEET.height);
  ctx.strokeStyle = "#1a2650";
  for (const b of lay.borders) {
    ctx.lineWidth = b.lineWidth;
    ctx.strokeRect(b.inset, b.inset, SHEET.width - 2 * b.inset, SHEET.height - 2 * b.inset);
  }
  ctx.fillStyle = "#1a1a1f";
  ctx.textBaseline = "alphabetic";
  for (const l of lay.lines) {
    ctx.font = `${l.bold ? "700" : "400"} ${l.size}px ${FONT}`;
    ctx.fillText(l.text, l.x, l.y, lay.box.right - l.x);
  }
}

/** The canvas as PNG bytes. */
export function pngBytes(canvas: HTMLCanvasElement): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) reject(new Error("the browser could not make a PNG of the certificate"));
      else blob.arrayBuffer().then((b) => resolve(new Uint8Array(b)), reject);
    }, "image/png");
  });
}

/** The PDF's own measure: Helvetica's widths, in sheet pixels. */
export const pdfMeasure: Measure = (text, size, bold) => helveticaWidth(text, size, bold);

/** A layout (laid out with pdfMeasure) as an A4 landscape page: sheet pixels scaled to points, y flipped. */
export function pdfPage(lay: Layout): PdfPage {
  const width = 841.89;
  const s = width / SHEET.width;
  const height = 595.28;
  return {
    width, height,
    rects: lay.borders.map((b) => ({
      x: b.inset * s, y: height - (SHEET.height - b.inset) * s, w: (SHEET.width - 2 * b.inset) * s,
      h: (SHEET.height - 2 * b.inset) * s, lineWidth: b.lineWidth * s,
    })),
    texts: lay.lines.map((l) => ({ x: l.x * s, y: height - l.y * s, size: l.size * s, bold: l.bold, text: l.text })),
  };
}
