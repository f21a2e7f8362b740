/**
 * The certificate's content and layout, as pure functions: what the site verified (from
 * lib/achievements.ts's `evaluate`, never from the reader's word) turned into skill sentences, the
 * name rules, the canonical text and its verification code, and the placement of every line on a
 * 1600 × 1131 sheet that both the PNG (canvas) and the PDF draw from.
 */
import type { Course, Earned, Sources } from "../lib/achievements.ts";

/** widgets/certificate/labs.json (python -m coursekit.certificate): units with labs, and every lab's title. */
export interface LabMeta {
  units: { id: string; title: string; labs: string[] }[];
  titles: Record<string, string>;
}

/** The longest name the certificate holds, in characters (code points). */
export const MAX_NAME = 60;
export const SHEET = { width: 1600, height: 1131 } as const;

/** The skill each lab shows, keyed by lab id (the lab's own title comes from labs.json). */
export const LAB_SKILLS: Record<string, string> = {
  softmax: "Implemented a numerically stable softmax in NumPy",
  rnn_step: "Implemented one step of a vanilla RNN cell in NumPy",
  lstm_step: "Implemented an LSTM step in NumPy",
  gradient_through_time: "Measured gradients vanishing and exploding through time",
  one_hot: "Encoded characters as one-hot vectors",
  cross_entropy_loss: "Scored next-character predictions with cross-entropy",
  sample_with_temperature: "Sampled text from a model with a temperature",
  perplexity: "Computed a language model's perplexity",
  compute_attention: "Implemented dot-product attention",
  additive_score: "Implemented additive (Bahdanau) attention scores",
  beam_search: "Implemented beam search decoding",
  rnn_forward: "Implemented an RNN's forward pass over a sequence",
  compute_loss: "Computed an RNN's loss over a sequence",
  rnn_backward: "Implemented backpropagation through time with gradient clipping",
  train_char_rnn: "Trained a character-level RNN in NumPy",
  bug_nan_loss: "Debugged a training run whose loss became nan",
  bug_stuck_loss: "Debugged a training run whose loss was stuck",
  bug_repeating_output: "Debugged a model that repeated one character",
};

/** The skill each milestone and badge shows, keyed by its id in lib/achievements.ts. */
export function earnedSkills(c: Course): Record<string, string> {
  const t = c.thresholds;
  return {
    bronze: "Loaded and preprocessed a text for training (milestone Bronze)",
    silver: "Finished a training run with a validation check (milestone Silver)",
    gold: `Trained a model to a validation perplexity below ${t.gold_val_ppl} (milestone Gold)`,
    diamond: `Generated text with at least ${t.diamond_words} of 100 words judged real (milestone Diamond)`,
    champion: `Identified at least ${t.champion_cells} interpretable cells in a trained LSTM (milestone Champion)`,
    "first-epoch": "Finished a first training run (badge First Epoch)",
    "loss-crusher": `Beat the Boss challenge: hidden-text perplexity below ${t.crusher_ppl} (badge Loss Crusher)`,
    "neural-interpreter": "Identified interpretable cells in the Neuron Detective (badge Neural Interpreter)",
    "creative-writer": "Generated 100 words and judged them (badge Creative Writer)",
    "code-poet": `Trained on C code to a validation loss below ${t.code_val_loss} nats per character (badge Code Poet)`,
    "optimization-guru": `Made training at least ${t.guru_speedup}× faster on the same text (badge Optimization Guru)`,
    "full-stack": "Passed every lab and reached all five milestones (badge Full Stack)",
  };
}

// ---------------------------------------------------------------------------------- the name

export type NameCheck = { ok: true; name: string } | { ok: false; reason: string };

/** The name as the certificate prints it (trimmed, NFC), or why it cannot be used; a long name is refused, never cut. */
export function checkName(raw: string): NameCheck {
  const name = raw.trim().normalize("NFC");
  if (!name) return { ok: false, reason: "Type your name first: a certificate needs a name to be made." };
  // Counted without building an array, so a pasted 10,000-character name costs nothing.
  let n = 0;
  for (const _ of name) if (++n > MAX_NAME) break;
  if (n > MAX_NAME) {
    return { ok: false, reason: `That name is ${[...name].length.toLocaleString("en")} characters long; the certificate holds at most ${MAX_NAME}. Shorten it: nothing was cut, and no certificate was made.` };
  }
  if (/\p{Cc}/u.test(name)) return { ok: false, reason: "The name holds a line break or another control character; type it on one line." };
  if (!/[\p{L}\p{N}]/u.test(name)) return { ok: false, reason: "A name needs at least one letter." };
  return { ok: true, name };
}

// ---------------------------------------------------------------------------------- the claims

/** One section of the certificate: a heading and its lines. */
export interface Section {
  heading: string;
  lines: string[];
}

export interface Certificate {
  name: string;
  /** The date of issue, YYYY-MM-DD (UTC). */
  issued: string;
  /** Every module's labs passed and all five milestones reached, all seen in this browser. */
  completed: boolean;
  /** Verified in this browser. */
  sections: Section[];
  /** Read from another browser's file: listed apart, never counted as verified here. */
  imported: string[];
}

/** A time as its UTC date, YYYY-MM-DD. */
export const ymd = (t: number): string => new Date(t).toISOString().slice(0, 10);

/**
 * What the certificate claims, from the evaluated milestones and badges and the labs passed: a line
 * per lab (grouped by module, with counts), per milestone reached and per badge earned. Imported
 * records go to `imported`, and nothing else is ever claimed.
 */
export function certificate(name: string, s: Sources, c: Course, ev: { milestones: Earned[]; badges: Earned[] },
  meta: LabMeta, now: number): Certificate {
  const importedLabs = new Set(s.log.imported.labs);
  const imported: string[] = [];
  const sections: Section[] = [];
  const labLine = (id: string) => `${LAB_SKILLS[id] ?? `Passed the lab “${meta.titles[id] ?? id}”`} (lab ${id}, passed ${ymd(s.progress.labs[id])})`;
  const grouped = new Set<string>();
  const modules: Section[] = [];
  const labGroup = (title: string, labs: string[]) => {
    for (const id of labs) grouped.add(id);
    const passed = labs.filter((id) => id in s.progress.labs);
    const here = passed.filter((id) => !importedLabs.has(id));
    for (const id of passed) if (importedLabs.has(id)) imported.push(labLine(id));
    if (here.length) modules.push({ heading: `${title}: ${here.length} of ${labs.length} labs passed`, lines: here.map(labLine) });
  };
  for (const u of meta.units) labGroup(u.title, u.labs);
  labGroup("Other labs", Object.keys(s.progress.labs).filter((id) => !grouped.has(id) && c.labs.includes(id)).sort());
  sections.push(...modules);
  const skills = earnedSkills(c);
  const earnedLines = (es: Earned[], heading: string) => {
    const lines: string[] = [];
    for (const e of es.filter((x) => x.done)) {
      const line = `${skills[e.id] ?? e.name}${e.at !== null && Number.isFinite(e.at) ? `, ${ymd(e.at)}` : ""}`;
      (e.imported ? imported : lines).push(line);
    }
    if (lines.length) sections.push({ heading, lines });
  };
  earnedLines(ev.milestones, "Capstone milestones reached");
  earnedLines(ev.badges, "Badges earned");
  const completed = c.labs.every((id) => id in s.progress.labs && !importedLabs.has(id))
    && ev.milestones.length === 5 && ev.milestones.every((m) => m.done && !m.imported);
  return { name, issued: ymd(now), completed, sections, imported };
}

/** The title and the sentence under the name. */
export function headline(cert: Certificate): { title: string; statement: string } {
  if (cert.completed) {
    return { title: "Certificate of completion", statement: "completed the course's labs and capstone milestones, as this site verified in their browser:" };
  }
  if (cert.sections.length) {
    return { title: "Certificate of achievement", statement: "did the following, as this site verified in the browser where this certificate was made:" };
  }
  return { title: "Certificate", statement: "Nothing has been verified by this site in this browser yet, so this certificate lists no skills." };
}

export const IMPORTED_HEADING = "Imported from another browser's file, not verified in this browser";
export const FOOTNOTE = "The verification code only shows that this file was not edited after the course page made it. It does not prove who did the work.";

/** The canonical text the verification code is computed from: a version, the name, the date and every line in order. */
export function canonical(cert: Certificate): string {
  return JSON.stringify({
    v: 1, name: cert.name, issued: cert.issued, completed: cert.completed,
    sections: cert.sections.map((x) => [x.heading, ...x.lines]), imported: cert.imported,
  });
}

/** The first 12 hex digits of the SHA-256 of the canonical text (crypto.subtle: browsers and Node). */
export async function verificationCode(cert: Certificate): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical(cert)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("").slice(0, 12);
}

/** The certificate as one paragraph of text: the preview's alt text. */
export function plainText(cert: Certificate, code: string): string {
  const { title, statement } = headline(cert);
  const parts = [`${title}. ${cert.name}`, cert.sections.length ? statement : `. ${statement}`];
  const body = cert.sections.map((x) => `${x.heading}: ${x.lines.join("; ")}.`);
  if (cert.imported.length) body.push(`${IMPORTED_HEADING}: ${cert.imported.join("; ")}.`);
  return `${parts.join(" ")} ${body.join(" ")} Issued ${cert.issued}. Verification code ${code}.`.replace(/\s+/g, " ").trim();
}

// ---------------------------------------------------------------------------------- layout

/** One line of text on the sheet: (x, y) the baseline's left end in px from the top left. */
export interface Placed {
  text: string;
  x: number;
  y: number;
  size: number;
  bold: boolean;
}

/** Measures text as the target draws it (canvas measureText, or the PDF fonts' widths). */
export type Measure = (text: string, size: number, bold: boolean) => number;

export interface Layout {
  /** The two border rectangles, inset from the sheet's edges. */
  borders: { inset: number; lineWidth: number }[];
  /** Everything drawn lies inside this box. */
  box: { left: number; top: number; right: number; bottom: number };
  lines: Placed[];
  /** Claims lines left out for lack of room (the page lists them all). */
  leftOut: number;
  columns: number;
  bodySize: number;
}

/** `text` broken into lines no wider than `width`: at spaces, and inside a word only when one word is too wide. */
export function wrap(text: string, size: number, bold: boolean, width: number, measure: Measure): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const tryLine = line ? `${line} ${word}` : word;
    if (measure(tryLine, size, bold) <= width) {
      line = tryLine;
      continue;
    }
    if (line) out.push(line);
    line = "";
    let piece = "";
    for (const ch of word) {
      if (piece && measure(piece + ch, size, bold) > width) {
        out.push(piece);
        piece = "";
      }
      piece += ch;
    }
    line = piece;
  }
  if (line) out.push(line);
  return out;
}

const BORDER = [{ inset: 30, lineWidth: 6 }, { inset: 48, lineWidth: 2 }];
const PAD = 90;
const SIZES = [24, 22, 20, 18, 17, 16, 15, 14, 13, 12];

/**
 * Where every line goes. The claims take the largest font (24 px down to 12) and the fewest columns
 * (one, then two) with which they all fit between the statement and the footer; if even 12 px in
 * two columns is too small, the last ones are left out and a line says how many.
 */
export function layout(cert: Certificate, code: string, measure: Measure): Layout {
  const { width: W, height: H } = SHEET;
  const box = { left: PAD, top: PAD, right: W - PAD, bottom: H - PAD };
  const inner = box.right - box.left;
  const lines: Placed[] = [];
  const centre = (text: string, size: number, bold: boolean, y: number) =>
    lines.push({ text, size, bold, y, x: W / 2 - Math.min(measure(text, size, bold), inner) / 2 });
  const { title, statement } = headline(cert);
  let y = box.top + 22;
  centre("The Unreasonable Effectiveness of RNNs: an interactive course", 22, false, y);
  y += 68;
  centre(title, 54, true, y);
  y += 50;
  centre("presented to", 24, false, y);
  // The name: 60 px, smaller down to 30 px to fit one line, else wrapped at 30 px (a long name without spaces too).
  let nameSize = 60;
  while (nameSize > 30 && measure(cert.name, nameSize, true) > inner) nameSize -= 2;
  const nameLines = wrap(cert.name, nameSize, true, inner, measure).slice(0, 3);
  y += 14;
  for (const l of nameLines) centre(l, nameSize, true, (y += nameSize * 1.15));
  for (const l of wrap(statement, 24, false, inner, measure).slice(0, 2)) centre(l, 24, false, (y += 38));
  const footer = [
    `Issued ${cert.issued}. Verification code ${code} (SHA-256 of the claims, name and date).`,
    FOOTNOTE,
  ];
  const footSize = 16;
  const footLines = footer.flatMap((f) => wrap(f, footSize, false, inner, measure));
  const footTop = box.bottom - footLines.length * footSize * 1.35;
  footLines.forEach((l, i) => centre(l, footSize, false, footTop + (i + 1) * footSize * 1.35 - footSize * 0.35));
  const top = y + 24;
  const bottom = footTop - 16;
  const blocks: Section[] = [...cert.sections];
  if (cert.imported.length) blocks.push({ heading: IMPORTED_HEADING, lines: cert.imported });
  const fitted = fitClaims(blocks, box.left, inner, top, bottom, measure);
  lines.push(...fitted.lines);
  return { borders: BORDER, box, lines, leftOut: fitted.leftOut, columns: fitted.columns, bodySize: fitted.size };
}

function fitClaims(blocks: Section[], left: number, inner: number, top: number, bottom: number, measure: Measure):
  { lines: Placed[]; leftOut: number; columns: number; size: number } {
  const total = blocks.reduce((n, b) => n + b.lines.length, 0);
  if (!blocks.length) return { lines: [], leftOut: 0, columns: 1, size: SIZES[0] };
  const gap = 40;
  for (const columns of [1, 2]) {
    for (const size of SIZES) {
      const r = flow(blocks, columns, size, left, (inner - gap * (columns - 1)) / columns, gap, top, bottom, measure, false);
      if (r.leftOut === 0) return { ...r, columns, size };
    }
  }
  const size = SIZES[SIZES.length - 1];
  const r = flow(blocks, 2, size, left, (inner - gap) / 2, gap, top, bottom, measure, true);
  return { lines: r.lines, leftOut: r.leftOut, columns: 2, size: total ? size : SIZES[0] };
}

/** Fill columns top to bottom; with `reserve`, keep one line free for "… and N more" when lines are left out. */
function flow(blocks: Section[], columns: number, size: number, left: number, colWidth: number, gap: number,
  top: number, bottom: number, measure: Measure, reserve: boolean): { lines: Placed[]; leftOut: number } {
  const step = Math.round(size * 1.3);
  // A claim's bullet hangs: its wrapped lines start under the text, not under the bullet.
  const indent = measure("• ", size, false);
  const items: { text: string[]; bold: boolean; claim: boolean; heading: boolean }[] = [];
  for (const b of blocks) {
    items.push({ text: wrap(b.heading, size, true, colWidth, measure), bold: true, claim: false, heading: true });
    for (const l of b.lines) {
      const text = wrap(l, size, false, colWidth - indent, measure);
      items.push({ text: text.map((t, i) => (i ? t : `• ${t}`)), bold: false, claim: true, heading: false });
    }
  }
  const lines: Placed[] = [];
  let col = 0;
  let y = top;
  let placedClaims = 0;
  const totalClaims = items.filter((i) => i.claim).length;
  const limit = (c: number) => bottom - (reserve && c === columns - 1 ? step : 0);
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    // A heading stays with its first line; a little space above each heading but the first of a column.
    const lead = it.heading && y > top ? Math.round(step * 0.4) : 0;
    const need = lead + it.text.length * step + (it.heading && items[i + 1] ? items[i + 1].text.length * step : 0);
    if (y + need > limit(col)) {
      if (col + 1 >= columns) break;
      col += 1;
      y = top;
    }
    y += it.heading && y > top ? lead : 0;
    if (y + it.text.length * step > limit(col)) break;
    const x = left + col * (colWidth + gap);
    it.text.forEach((t, j) => {
      lines.push({ text: t, x: x + (it.claim && j ? indent : 0), y: (y += step) - Math.round(size * 0.3), size, bold: it.bold });
    });
    if (it.claim) placedClaims += 1;
  }
  const leftOut = totalClaims - placedClaims;
  if (leftOut && reserve) {
    lines.push({ text: `… and ${leftOut} more, listed on the course page`, x: left + (columns - 1) * (colWidth + gap), y: y + step - Math.round(size * 0.3), size, bold: false });
  }
  return { lines, leftOut };
}
