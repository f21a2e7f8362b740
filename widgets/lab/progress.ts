/**
 * Progress points of a long run (a training loop), carried in the run's
 * output. `grader.report(iteration, loss, sample)` prints, in Pyodide, one
 * line `PROGRESS_MARK + JSON`; the lab takes those lines out of the output
 * it shows and plots them instead. Plain functions and one small class, no DOM.
 */

/** Must match PROGRESS_MARK in coursekit/grader.py. */
export const PROGRESS_MARK = "\x1eprogress ";

export interface ProgressPoint {
  iteration: number;
  loss: number;
  sample: string | null;
}

/** Parse one marked line (without its newline); null when it is not a valid point. */
export function parsePoint(line: string): ProgressPoint | null {
  if (!line.startsWith(PROGRESS_MARK)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(line.slice(PROGRESS_MARK.length));
  } catch {
    return null;
  }
  if (typeof raw !== "object" || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.iteration !== "number" || typeof r.loss !== "number") return null;
  return { iteration: r.iteration, loss: r.loss, sample: typeof r.sample === "string" ? r.sample : null };
}

/**
 * Splits streamed output into plain text and progress points. Output arrives
 * in arbitrary pieces, so a marked line cut in two waits for its end; text
 * that holds no mark passes straight through (the lab's output is unchanged
 * for code that never reports).
 */
export class ProgressSplitter {
  private carry = "";

  /** Feed a piece of output; returns the text to show and the points it completed. */
  push(chunk: string): { text: string; points: ProgressPoint[] } {
    let rest = this.carry + chunk;
    this.carry = "";
    let text = "";
    const points: ProgressPoint[] = [];
    for (;;) {
      const at = rest.indexOf("\x1e");
      if (at < 0) {
        text += rest;
        break;
      }
      text += rest.slice(0, at);
      const end = rest.indexOf("\n", at);
      if (end < 0) {
        this.carry = rest.slice(at); // wait for the rest of this line
        break;
      }
      const line = rest.slice(at, end);
      const point = parsePoint(line);
      if (point) points.push(point);
      else text += line + "\n"; // not ours after all: show it as it is
      rest = rest.slice(end + 1);
    }
    return { text, points };
  }

  /** The run ended: whatever is still held back, as text. */
  flush(): string {
    const rest = this.carry;
    this.carry = "";
    return rest;
  }
}

/** The sentence announced (and shown) for the latest point. */
export function describePoint(p: ProgressPoint): string {
  return `Iteration ${p.iteration.toLocaleString("en")}: loss ${p.loss.toFixed(3)} nats per character.`;
}
