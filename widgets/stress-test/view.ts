/**
 * The drawing of the stress test: the per-model result table (bars of P(correct form)), the chart
 * of measured accuracy against depth with its table, all text set as text.
 */
import { h } from "../lib/dom.ts";
import { tableHead } from "../lib/table.ts";
import { percent } from "../lib/numbers.ts";
import { lineChart } from "../word-model-kit/chart.ts";
import { modelHeader, numCell } from "../word-model-kit/live.ts";
import type { WordModelEntry } from "../word-model-kit/models.ts";
import { depthLines, MAX_DEPTH, type Verdict } from "./logic.ts";

/** Rows: model, P(singular form), P(plural form), P(correct) as a bar, verdict. */
export function resultTable(entries: readonly WordModelEntry[], verdicts: readonly (Verdict | null)[], verb: [string, string]): HTMLTableElement {
  const rows = entries.map((e, i) => {
    const v = verdicts[i];
    const tr = h("tr", "", undefined, { "data-cell": e.cell, "data-model": e.id });
    if (!v || v.correct === null) {
      tr.append(modelHeader(e), numCell("–"), numCell("–"), h("td", "", "–"));
      return tr;
    }
    tr.dataset.pCorrect = v.correct.toFixed(6);
    tr.dataset.pSingular = v.singular.toFixed(6);
    const ok = v.correct > 0.5;
    const bar = h("span", "rnn-wm__bartrack", [h("span", "rnn-wm__bar", undefined, { style: `width:${(v.correct * 100).toFixed(1)}%` })], { "aria-hidden": "true" });
    tr.append(modelHeader(e), numCell(percent(v.singular, 1)), numCell(percent(v.plural, 1)),
      h("td", `rnn-wm__cell--${e.cell}`, [bar, `${percent(v.correct, 1)} ${ok ? "✓ right form" : "✗ wrong form"}`]));
    return tr;
  });
  return h("table", "rnn-wm__table", [
    h("caption", "", `After the subject phrase: “${verb[0]}” or “${verb[1]}”?`),
    tableHead(["Model", `P(${verb[0]})`, `P(${verb[1]})`, "P(correct form)"]), h("tbody", "", rows)]);
}

/** The chart's floor: chance (50%), or lower in steps of 10% if a model falls below it. */
function floorOf(entries: readonly WordModelEntry[], hard: boolean): number {
  const lowest = Math.min(...entries.flatMap((e) => e.agreement.map((r) => (hard ? r.hard : r.mixed).accuracy)));
  return Math.min(0.5, Math.floor(lowest * 10) / 10);
}

export function depthChart(entries: readonly WordModelEntry[], hard: boolean, depth: number, width: number, idPrefix: string): string {
  const trained = entries[0]?.train_depth ?? 0;
  return lineChart(depthLines(entries, hard), {
    title: `Measured accuracy on held-out sentences against depth (${hard ? "every attractor of the other number" : "attractors of random number"})`,
    description: `One line per model: the share of held-out test sentences at each depth where the model gives the correct verb form more probability than the other. The models were trained on depths 0 to ${trained}; the table below gives the same numbers.`,
    xLabel: "depth (nouns between subject and verb)", yLabel: "accuracy", idPrefix,
    xTicks: Array.from({ length: MAX_DEPTH + 1 }, (_, i) => i), yMin: floorOf(entries, hard), yMax: 1, percent: true,
    trainedUpTo: trained, marker: depth, chance: 0.5, width,
  });
}

export function depthTable(entries: readonly WordModelEntry[], hard: boolean): HTMLElement {
  const depths = entries[0]?.agreement.map((r) => r.depth) ?? [];
  const rows = entries.map((e) => h("tr", "", [modelHeader(e), ...depths.map((d) => {
    const r = e.agreement.find((x) => x.depth === d);
    return numCell(r ? percent((hard ? r.hard : r.mixed).accuracy, 1) : "–");
  })]));
  const n = entries[0]?.agreement.map((r) => (hard ? r.hard : r.mixed).n) ?? [];
  return h("div", "rnn-wm__scroll", [h("table", "rnn-wm__table", [
    h("caption", "", `Accuracy by depth (sentences: ${n.join(", ")})`),
    tableHead(["Model", ...depths.map((d) => `depth ${d}`)]), h("tbody", "", rows)])],
  { tabindex: "0", role: "region", "aria-label": "Accuracy by depth (scrolls sideways on a narrow screen)" });
}
