/**
 * The five sequence architectures of Module 1 as data, and the animation's
 * frames derived from it, without the DOM. An architecture is a row of
 * columns (time steps); each column may take an input x and may emit an
 * output y; the hidden state h runs through every column. One frame per
 * column, then a summary frame; each frame says in words what happens, so
 * the text description is generated from the same data as the drawing.
 */

export interface Column {
  /** Whether an input enters at this step. */
  x: boolean;
  /** Whether an output leaves at this step. */
  y: boolean;
  /** Whether the step feeds its previous output back in (generation). */
  feedback?: boolean;
}

export interface Architecture {
  id: "one-to-one" | "one-to-many" | "many-to-one" | "seq2seq" | "synced";
  name: string;
  example: string;
  columns: Column[];
  summary: string;
}

const col = (x: boolean, y: boolean, feedback = false): Column => ({ x, y, feedback });

export const ARCHITECTURES: Architecture[] = [
  {
    id: "one-to-one", name: "One to one", example: "image classification",
    columns: [col(true, true)],
    summary: "One input, one output, and no sequence: the plain feedforward network that the other four extend.",
  },
  {
    id: "one-to-many", name: "One to many", example: "image captioning",
    columns: [col(true, true), col(false, true, true), col(false, true, true), col(false, true, true)],
    summary: "A single input sets the memory; the network then writes a whole sequence, one output per step.",
  },
  {
    id: "many-to-one", name: "Many to one", example: "sentiment analysis",
    columns: [col(true, false), col(true, false), col(true, false), col(true, true)],
    summary: "The network reads the whole sequence and turns its final memory into one output.",
  },
  {
    id: "seq2seq", name: "Many to many, encoder-decoder", example: "machine translation",
    columns: [col(true, false), col(true, false), col(true, false), col(false, true), col(false, true, true)],
    summary: "An encoder reads the whole input first; a decoder then writes an output sequence whose length is its own.",
  },
  {
    id: "synced", name: "Many to many, synced", example: "labelling every frame of a video",
    columns: [col(true, true), col(true, true), col(true, true), col(true, true)],
    summary: "Every input gets its own output at once, so the output sequence is as long as the input.",
  },
];

/** What one frame lights up: the column it is at (0-based), and its description. */
export interface Frame {
  /** Column being computed; equal to the number of columns on the summary frame. */
  step: number;
  text: string;
}

/** The frames of `a`: one per column, then the summary. */
export function frames(a: Architecture): Frame[] {
  const n = a.columns.length;
  const out: Frame[] = a.columns.map((c, t) => {
    const parts: string[] = [];
    if (c.x) parts.push(`reads input x${t + 1}`);
    else if (c.feedback) parts.push(`reads back its previous output y${t}`);
    else if (a.id === "seq2seq") parts.push("takes no new input: the decoder starts from the encoder's memory");
    else parts.push("takes no new input");
    parts.push(t === 0 ? "computes its first memory h1" : `updates its memory from h${t} to h${t + 1}`);
    const emit = c.y ? `emits output y${t + 1}` : n > 1 ? "emits no output yet" : "";
    const text = `Step ${t + 1} of ${n}: the network ${parts.join(", ")}${emit ? `, and ${emit}` : ""}.`;
    return { step: t, text };
  });
  out.push({ step: n, text: `${a.name} (${a.example}), ${countInOut(a)}. ${a.summary}` });
  return out;
}

/** "3 inputs in, 2 outputs out" for `a`. */
export function countInOut(a: Architecture): string {
  const xs = a.columns.filter((c) => c.x).length;
  const ys = a.columns.filter((c) => c.y).length;
  const s = (k: number, w: string) => `${k} ${w}${k === 1 ? "" : "s"}`;
  return `${s(xs, "input")} in, ${s(ys, "output")} out`;
}

/** The architecture with `id`, or the first one for an unknown id (an old saved value). */
export function byId(id: string): Architecture {
  return ARCHITECTURES.find((a) => a.id === id) ?? ARCHITECTURES[0];
}

/** Time each frame stays on screen while playing. */
export const FRAME_MS = 1600;
