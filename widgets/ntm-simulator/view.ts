/**
 * The NTM simulator's drawing: the memory as a heatmap with the write and read heads' weightings
 * beside each slot, the input and the copy against its target (errors marked), and the measured
 * charts (accuracy by length, learning curves) with their tables. Text is set as text; the charts
 * are markup from lib/lineplot.ts built from numbers only (names escaped there).
 */
import { h } from "../lib/dom.ts";
import { linePlotSvg } from "../lib/lineplot.ts";
import { tableHead } from "../lib/table.ts";
import { heatCss } from "../model-kit/format.ts";
import type { RememberResult } from "../runtime/onnx/client.ts";
import { focus, phaseOf, WIDTH, type Bits, type MemoryModelInfo } from "./logic.ts";

const pct = (v: number) => `${Math.round(v * 100)}%`;
/** Weights as attributes: enough digits for a test to compare with Python. */
const exact = (v: number) => String(Number(v.toPrecision(7)));

/** The memory after step t, one row per slot: its M numbers as colours, then the two heads' weights. */
export function memoryView(r: RememberResult, t: number): HTMLElement {
  const { slots: N, memWidth: M } = r;
  const mem = r.memory.subarray(t * N * M, (t + 1) * N * M);
  const wr = r.wRead.subarray(t * N, (t + 1) * N), ww = r.wWrite.subarray(t * N, (t + 1) * N);
  const fr = focus(wr), fw = focus(ww);
  const grid = h("div", "rnn-ntm__mem", undefined, {
    role: "img",
    "aria-label": `The memory after step ${t + 1}: ${N} slots of ${M} numbers. The write head is on slot ${fw.slot + 1} (weight ${fw.weight.toFixed(2)}), the read head on slot ${fr.slot + 1} (weight ${fr.weight.toFixed(2)}).`,
    style: `grid-template-columns: 2.2em repeat(${M}, minmax(0, 1fr)) 3.2em 3.2em`,
  });
  grid.append(h("span", "rnn-ntm__head", "slot"), h("span", "rnn-ntm__head rnn-ntm__head--wide", `memory (${M} numbers per slot)`, { style: `grid-column: span ${M}` }),
    h("span", "rnn-ntm__head", "write"), h("span", "rnn-ntm__head", "read"));
  for (let i = 0; i < N; i++) {
    const row = h("div", "rnn-ntm__row", undefined, { "data-slot": String(i), "data-w-read": exact(wr[i]), "data-w-write": exact(ww[i]) });
    row.append(h("span", "rnn-ntm__slot", String(i + 1)));
    for (let j = 0; j < M; j++) row.append(h("span", "rnn-ntm__cell", undefined, { style: `background:${heatCss(mem[i * M + j], 1)}` }));
    for (const [w, cls] of [[ww[i], "write"], [wr[i], "read"]] as const) {
      const bar = h("span", `rnn-ntm__bar rnn-ntm__bar--${cls}`);
      bar.append(h("span", "", undefined, { style: `width:${(Math.min(1, Math.max(0, w)) * 100).toFixed(1)}%` }));
      row.append(bar);
    }
    grid.append(row);
  }
  return grid;
}

/**
 * The input read so far and the copy written so far at step t, against the target: one row per
 * vector; a wrong output bit is marked (✗ and a class), so the errors show without colour too.
 */
export function copyTable(bits: Bits, out: Bits, wrong: boolean[][], t: number): HTMLTableElement {
  const L = bits.length;
  const { phase, index } = phaseOf(t, L);
  const readUpTo = phase === "read" ? index : L - 1;
  const wroteUpTo = phase === "answer" ? index : -1;
  const table = h("table", "rnn-ntm__copy");
  table.append(h("caption", "", `Input, and the copy against it (up to step ${t + 1})`));
  table.append(tableHead(["vector", "input (target)", "copy"]));
  const body = h("tbody");
  bits.forEach((row, i) => {
    const tr = h("tr", i === (phase === "read" ? index : phase === "answer" ? index : -1) ? "rnn-ntm__now" : "", undefined, { "data-vector": String(i) });
    tr.append(h("th", "", String(i + 1), { scope: "row" }));
    tr.append(h("td", "rnn-ntm__bits", i <= readUpTo ? row.join("") : "·".repeat(WIDTH)));
    const copy = h("td", "rnn-ntm__bits");
    if (i <= wroteUpTo) {
      out[i].forEach((b, j) => copy.append(wrong[i][j] ? h("span", "rnn-ntm__wrong", `${b}`, { title: "wrong bit" }) : `${b}`));
      const n = wrong[i].filter(Boolean).length;
      copy.append(n ? h("span", "rnn-ntm__mark", ` ✗ ${n} wrong`) : h("span", "rnn-ntm__ok", " ✓"));
      tr.dataset.wrong = String(n);
    } else {
      copy.append("·".repeat(WIDTH));
    }
    tr.append(copy);
    body.append(tr);
  });
  table.append(body);
  return table;
}

/** Accuracy by length, one line per memory size (exact-sequence share), as SVG markup. */
export function accuracyChart(models: readonly MemoryModelInfo[], width: number, idPrefix: string, current = ""): string {
  return linePlotSvg(models.map((m) => ({
    name: `${m.slots} slots`, className: m.id === current ? "rnn-ntm__current" : "",
    points: m.byLength.map((r) => [r.length, r.sequence_accuracy] as [number, number]),
  })), {
    title: "Sequences copied exactly, by length", idPrefix, width, height: 240, yMin: 0, yMax: 1,
    description: `Share of held-out sequences copied without a wrong bit, for lengths 1 to ${Math.max(...models.flatMap((m) => m.byLength.map((r) => r.length)))}, one line per memory size (trained on lengths up to ${models[0]?.trainMaxLen}). The table below holds the numbers.`,
    xLabel: "sequence length", yLabel: "copied exactly",
  });
}

/** Training loss against step, one line per memory size, as SVG markup. */
export function curveChart(models: readonly MemoryModelInfo[], width: number, idPrefix: string, current = ""): string {
  return linePlotSvg(models.map((m) => ({ name: `${m.slots} slots`, className: m.id === current ? "rnn-ntm__current" : "", points: m.curve.map((p) => [p.step, p.loss] as [number, number]) })), {
    title: "Learning curves", idPrefix, width, height: 220, yMin: 0,
    description: "Training loss (nats per bit, mean over each stretch of steps) against the training step, one line per memory size. The table below holds the numbers.",
    xLabel: "training step", yLabel: "loss per bit",
  });
}

/** The numbers of the accuracy chart: one row per length, bits and sequences per memory size. */
export function accuracyTable(models: readonly MemoryModelInfo[]): HTMLTableElement {
  const table = h("table", "rnn-ntm__table");
  table.append(tableHead(["length", ...models.flatMap((m) => [`${m.slots} slots: bits`, `${m.slots} slots: exact`])]));
  const body = h("tbody");
  for (const r of models[0]?.byLength ?? []) {
    const tr = h("tr", "", undefined, { "data-length": String(r.length) });
    tr.append(h("th", "", `${r.length}${r.length > models[0].trainMaxLen ? " (beyond training)" : ""}`, { scope: "row" }));
    for (const m of models) {
      const row = m.byLength.find((x) => x.length === r.length);
      tr.append(h("td", "", row ? pct(row.bit_accuracy) : "–"), h("td", "", row ? pct(row.sequence_accuracy) : "–", { "data-slots": String(m.slots) }));
    }
    body.append(tr);
  }
  table.append(body);
  return table;
}

/** The numbers of the curves, every fifth point of each (the full curve is in meta.json). */
export function curveTable(models: readonly MemoryModelInfo[]): HTMLTableElement {
  const table = h("table", "rnn-ntm__table");
  table.append(tableHead(["step", ...models.map((m) => `${m.slots} slots: loss per bit`)]));
  const body = h("tbody");
  const steps = (models[0]?.curve ?? []).filter((_, i, a) => i % 5 === 4 || i === a.length - 1).map((p) => p.step);
  for (const s of steps) {
    const tr = h("tr");
    tr.append(h("th", "", s.toLocaleString("en"), { scope: "row" }));
    for (const m of models) {
      const p = m.curve.find((x) => x.step === s);
      tr.append(h("td", "", p ? p.loss.toFixed(4) : "–"));
    }
    body.append(tr);
  }
  table.append(body);
  return table;
}

/** The key to both charts' lines: one swatch per memory size, coloured as its line; the one in use said. */
export function seriesKey(models: readonly MemoryModelInfo[], current = ""): HTMLElement {
  const key = h("ul", "rnn-ntm__serieskey", undefined, { "aria-label": "Key to the charts" });
  models.forEach((m, k) => key.append(h("li", m.id === current ? "rnn-ntm__current" : "",
    [h("span", `rnn-ntm__swatch rnn-ntm__swatch--s${k + 1}`, undefined, { "aria-hidden": "true" }), ` ${m.slots} slots${m.id === current ? " (in use, thick line)" : ""}`])));
  return key;
}
