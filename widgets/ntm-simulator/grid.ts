/**
 * The sequence editor: one row per vector, one toggle button per bit. One tab stop for the whole
 * grid (roving tabindex): the arrow keys move between bits, Home/End along a row, Space or Enter
 * (native button) flips the bit. A click flips it too.
 */
import { h } from "../lib/dom.ts";
import type { Bits } from "./logic.ts";

export interface BitGrid {
  /** Draw `bits` (keeps the focused bit where it still exists). */
  draw(bits: Bits): void;
  /** Mark the row being read or written at the shown step (-1: none). */
  highlight(row: number): void;
}

export function bitGrid(box: HTMLElement, o: { signal: AbortSignal; onToggle: (t: number, j: number) => void }): BitGrid {
  let at = { t: 0, j: 0 };
  let rows = 0, cols = 0;
  const table = h("table", "rnn-ntm__grid");
  box.replaceChildren(table);

  const button = (t: number, j: number) => table.querySelector<HTMLButtonElement>(`[data-role="bit"][data-t="${t}"][data-j="${j}"]`);

  function moveTo(t: number, j: number, focus: boolean): void {
    at = { t: Math.max(0, Math.min(rows - 1, t)), j: Math.max(0, Math.min(cols - 1, j)) };
    for (const b of table.querySelectorAll<HTMLButtonElement>('[data-role="bit"]')) b.tabIndex = -1;
    const b = button(at.t, at.j);
    if (!b) return;
    b.tabIndex = 0;
    if (focus) b.focus();
  }

  table.addEventListener("click", (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-role="bit"]');
    if (!b) return;
    const t = Number(b.dataset.t), j = Number(b.dataset.j);
    at = { t, j };
    o.onToggle(t, j);
  }, { signal: o.signal });
  table.addEventListener("keydown", (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-role="bit"]');
    if (!b) return;
    const t = Number(b.dataset.t), j = Number(b.dataset.j);
    const moves: Record<string, [number, number]> = {
      ArrowUp: [t - 1, j], ArrowDown: [t + 1, j], ArrowLeft: [t, j - 1], ArrowRight: [t, j + 1], Home: [t, 0], End: [t, cols - 1],
    };
    const to = moves[e.key];
    if (!to) return;
    e.preventDefault();
    moveTo(to[0], to[1], true);
  }, { signal: o.signal });

  return {
    draw(bits) {
      const hadFocus = table.contains(document.activeElement);
      rows = bits.length;
      cols = bits[0]?.length ?? 0;
      table.replaceChildren(h("caption", "", "The sequence to copy (a row per vector)"));
      const body = h("tbody");
      bits.forEach((row, t) => {
        const tr = h("tr", "", undefined, { "data-row": String(t) });
        tr.append(h("th", "", String(t + 1), { scope: "row" }));
        row.forEach((bit, j) => {
          const b = h("button", "rnn-ntm__bit", String(bit), {
            type: "button", "data-role": "bit", "data-t": String(t), "data-j": String(j), tabindex: "-1",
            "aria-pressed": String(bit === 1), "aria-label": `${bit}: vector ${t + 1}, bit ${j + 1}`,
          });
          tr.append(h("td", "", [b]));
        });
        body.append(tr);
      });
      table.append(body);
      moveTo(at.t, at.j, hadFocus);
    },
    highlight(row) {
      for (const tr of table.querySelectorAll<HTMLElement>("tr[data-row]")) tr.classList.toggle("rnn-ntm__now", Number(tr.dataset.row) === row);
    },
  };
}
