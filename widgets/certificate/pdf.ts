/**
 * A minimal PDF 1.4 writer, by hand and without a library: one page, the two standard fonts
 * Helvetica and Helvetica-Bold (every PDF reader has them, so nothing is embedded), text and
 * stroked rectangles. Enough for the certificate; the xref table's offsets are counted in bytes.
 *
 * Text is encoded in WinAnsiEncoding, the one-byte encoding the standard fonts come with. A character
 * outside it (Greek, Cyrillic, CJK, emoji…) has no glyph in those fonts and no byte to stand for it,
 * so it is written as "?" rather than dropped or garbled; the PNG certificate, drawn by the browser
 * with its own fonts, keeps the real characters.
 */

/** Text to place: (x, y) is the left end of the baseline, in points from the page's bottom left. */
export interface PdfText {
  x: number;
  y: number;
  size: number;
  bold: boolean;
  text: string;
}

/** A stroked rectangle: (x, y) its bottom left corner, in points. */
export interface PdfRect {
  x: number;
  y: number;
  w: number;
  h: number;
  lineWidth: number;
}

export interface PdfPage {
  /** Points (1/72 inch): A4 landscape is 842 × 595. */
  width: number;
  height: number;
  texts: PdfText[];
  rects: PdfRect[];
}

// WinAnsiEncoding's bytes 0x80–0x9F, where it differs from Latin-1 (PDF 1.7, Annex D).
const WIN_ANSI_EXTRA: Record<string, number> = {
  "€": 0x80, "‚": 0x82, "ƒ": 0x83, "„": 0x84, "…": 0x85, "†": 0x86, "‡": 0x87, "ˆ": 0x88, "‰": 0x89,
  "Š": 0x8a, "‹": 0x8b, "Œ": 0x8c, "Ž": 0x8e, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95,
  "–": 0x96, "—": 0x97, "˜": 0x98, "™": 0x99, "š": 0x9a, "›": 0x9b, "œ": 0x9c, "ž": 0x9e, "Ÿ": 0x9f,
};

/** The WinAnsiEncoding bytes of `text` (NFC first, so a decomposed "é" is one byte); "?" for what it lacks. */
export function winAnsi(text: string): number[] {
  const out: number[] = [];
  for (const ch of text.normalize("NFC")) {
    const cp = ch.codePointAt(0) ?? 0x3f;
    if ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff)) out.push(cp);
    else out.push(WIN_ANSI_EXTRA[ch] ?? 0x3f);
  }
  return out;
}

/** A PDF literal string of `text`: WinAnsi bytes, with ( ) \ escaped and bytes above 126 as octal, so the file stays ASCII. */
export function pdfString(text: string): string {
  let s = "(";
  for (const b of winAnsi(text)) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) s += "\\" + String.fromCharCode(b);
    else if (b > 0x7e) s += "\\" + b.toString(8).padStart(3, "0");
    else s += String.fromCharCode(b);
  }
  return s + ")";
}

const num = (v: number): string => (Math.round(v * 100) / 100).toString();

/** The page's content stream: the rectangles, then each text in its font. */
export function contentStream(page: PdfPage): string {
  const ops: string[] = ["0.1 0.15 0.3 RG"];
  for (const r of page.rects) ops.push(`${num(r.lineWidth)} w ${num(r.x)} ${num(r.y)} ${num(r.w)} ${num(r.h)} re S`);
  ops.push("0.1 0.1 0.12 rg");
  for (const t of page.texts) {
    ops.push(`BT /${t.bold ? "F2" : "F1"} ${num(t.size)} Tf ${num(t.x)} ${num(t.y)} Td ${pdfString(t.text)} Tj ET`);
  }
  return ops.join("\n");
}

/** Bytes of a string whose characters are all below 256 (the header's binary marker, then ASCII). */
function latin1(s: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) throw new Error("PDF text must be encoded before it is written");
    out[i] = c;
  }
  return out;
}

/** The whole PDF file of one page, with `title` in its document information. */
export function writePdf(page: PdfPage, title: string): Uint8Array<ArrayBuffer> {
  const content = contentStream(page);
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(page.width)} ${num(page.height)}] ` +
      "/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    `<< /Title ${pdfString(title)} /Producer (rnn-course certificate widget) >>`,
  ];
  // The second line's four bytes above 127 tell file tools that the file is binary (PDF 1.7, 7.5.2).
  const chunks: Uint8Array<ArrayBuffer>[] = [latin1("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")];
  let at = chunks[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(at);
    const bytes = latin1(`${i + 1} 0 obj\n${body}\nendobj\n`);
    chunks.push(bytes);
    at += bytes.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, "0000000000 65535 f \n",
    ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  chunks.push(latin1(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 7 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

// Advance widths (1/1000 em) of Helvetica and Helvetica-Bold for the printable ASCII characters
// 32–126, from Adobe's AFM files, so the certificate's layout measures text as the PDF reader draws it.
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
  556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const HELVETICA_BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
  611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/** The width of `text` in the standard font at `size`; a byte outside ASCII counts as 1 em, the widest a glyph gets, so a line never overruns. */
export function helveticaWidth(text: string, size: number, bold: boolean): number {
  const table = bold ? HELVETICA_BOLD : HELVETICA;
  let w = 0;
  for (const b of winAnsi(text)) w += b >= 32 && b <= 126 ? table[b - 32] : 1000;
  return (w * size) / 1000;
}
