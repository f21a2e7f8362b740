/** Drawing the answer: the top answers as bars with their probabilities. */
import { h } from "../lib/dom.ts";
import { percent } from "../lib/numbers.ts";
import type { Ranked } from "./logic.ts";

/** The list items of the top answers (bar widths relative to the first). */
export function topList(rows: Ranked[]): HTMLElement[] {
  const best = rows[0]?.prob || 1;
  return rows.map((r) => {
    const bar = h("span", "rnn-vqa__bar");
    bar.style.width = `${(100 * r.prob) / best}%`;
    return h("li", "", [h("span", "", r.answer), bar, h("span", "", percent(r.prob, 1))],
      { "data-answer": r.answer, "data-prob": String(r.prob) });
  });
}
