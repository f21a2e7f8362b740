/**
 * The Translation Sandbox's drawing (index.ts wires it): a heat strip of one encoder state, the
 * context-vector bar with its legend, a decoding step's top words as bars, and the BLEU-by-length
 * chart. Text a reader typed or a model wrote goes in as text (`h`) or escaped (`esc`), never as HTML.
 */
import { h } from "../lib/dom.ts";
import { esc } from "../lib/html.ts";
import { percent } from "../lib/numbers.ts";
import { axes, axisTitles, chartSvg, frame, keyRow, linear, linePoints, xTicks, yTicks } from "../lib/plot.ts";
import { heatCss } from "../model-kit/format.ts";
import { bleuText, showWord, stepBars, type BleuPoint } from "./logic.ts";
import type { TranslateStep } from "../runtime/onnx/protocol.ts";

/** Neutral grey of the strips: pale, but visible on the dark palette too. */
const NEUTRAL = 225;

/** SVG markup of a strip of coloured cells, one per value (decorative: the numbers are read elsewhere). */
export function stripSvg(values: ArrayLike<number>, scale: number, cls: string): string {
  let rects = "";
  for (let i = 0; i < values.length; i++) rects += `<rect x="${i}" y="0" width="1.02" height="1" fill="${heatCss(values[i], scale, NEUTRAL)}"/>`;
  return `<svg class="${cls}" viewBox="0 0 ${Math.max(1, values.length)} 1" preserveAspectRatio="none" aria-hidden="true" focusable="false">${rects}</svg>`;
}

/** The colour legend of the diverging scale: −scale … 0 … +scale. */
export function legend(scale: number): HTMLElement {
  const box = h("p", "rnn-ts__legend");
  box.append(h("span", "", `−${scale.toFixed(2)} (blue)`), h("span", "rnn-mk__legend", undefined, { "aria-hidden": "true" }), h("span", "", `+${scale.toFixed(2)} (red); 0 is grey`));
  return box;
}

/**
 * A decoding step's top words as a list of bars, most probable first; the chosen word highlighted
 * and said in words ("chosen"). Hooks: `li[data-word][data-p][data-chosen]`.
 */
export function stepList(step: TranslateStep): HTMLElement {
  const list = h("ol", "rnn-ts__top");
  list.dataset.role = "top";
  for (const b of stepBars(step)) {
    const li = h("li", b.chosen ? "rnn-ts__cand rnn-ts__cand--chosen" : "rnn-ts__cand");
    li.dataset.word = b.word;
    li.dataset.p = String(b.p);
    if (b.chosen) li.dataset.chosen = "";
    const bar = h("span", "rnn-ts__bar", undefined, { "aria-hidden": "true" });
    bar.style.width = `${Math.max(0.5, b.p * 100)}%`;
    li.append(h("span", "rnn-ts__word", showWord(b.word)), h("span", "rnn-ts__track", [bar]), h("span", "rnn-ts__p", `${percent(b.p, 1)}${b.chosen ? " ✓ chosen" : ""}`));
    list.append(li);
  }
  return list;
}

const H = 230;
const MARGINS = { left: 52, right: 16, top: 34, bottom: 46 };
const CLS = "rnn-ts";

/** The BLEU-by-length chart: one line per model (with / without attention), x = English length group. */
export function bleuChartSvg(series: readonly { name: string; points: BleuPoint[] }[], width: number, title: string, idPrefix: string): string {
  const f = frame(width, H, width >= 480 ? MARGINS : { ...MARGINS, top: 50 });
  const labels = series[0]?.points.map((p) => p.label) ?? [];
  const sx = linear(0, Math.max(1, labels.length - 1), f.x0 + 24, f.x1 - 24);
  const all = series.flatMap((s) => s.points.map((p) => p.bleu)).filter(Number.isFinite);
  const top = Math.max(10, Math.ceil((Math.max(0, ...all) + 5) / 10) * 10);
  const sy = linear(0, top, f.y1, f.y0);
  const yt = [0, top / 2, top].map((v) => ({ value: v, label: String(v) }));
  const xt = labels.map((l, i) => ({ value: i, label: l }));
  const lines = series.map((s, k) => {
    const pts = s.points.map((p, i) => [i, p.bleu] as const);
    const dots = pts.filter(([, y]) => Number.isFinite(y))
      .map(([x, y]) => `<circle class="${CLS}__dot ${CLS}__s${k}" cx="${sx(x)}" cy="${sy(y)}" r="4"><title>${esc(`${s.name}, ${s.points[x].label} words: BLEU ${bleuText(y)}`)}</title></circle>`).join("");
    return `<polyline class="${CLS}__line ${CLS}__s${k}" points="${linePoints(pts, sx, sy)}"/>${dots}`;
  }).join("");
  // The key in one row where it fits, else one name per row (a phone).
  const names = series.map((s) => s.name);
  const oneRow = width >= 480;
  const key = oneRow
    ? keyRow(names, f.x0 + 4, 12, 220, (i) => `${CLS}__key ${CLS}__s${i}`, CLS)
    : names.map((n, i) => keyRow([n], f.x0 + 4, 10 + i * 16, 0, () => `${CLS}__key ${CLS}__s${i}`, CLS)).join("");
  const body = axes(f, CLS) + yTicks(f, yt, sy, CLS, true) + xTicks(f, xt, sx, CLS) + axisTitles(f, "English sentence length (words)", "BLEU", CLS) + lines + key;
  return chartSvg(f, `${CLS}__chart`, { title, idPrefix }, body, 'data-chart="bleu"');
}

/** The same numbers as a table (the chart's accessible twin). */
export function bleuTable(series: readonly { name: string; points: BleuPoint[] }[], caption: string): HTMLTableElement {
  const table = h("table", "rnn-mk__table");
  table.append(h("caption", "", caption));
  const head = h("tr");
  head.append(h("th", "", "English words", { scope: "col" }), h("th", "", "Test sentences", { scope: "col" }), ...series.map((s) => h("th", "", s.name, { scope: "col" })));
  const body = h("tbody");
  (series[0]?.points ?? []).forEach((p, i) => {
    const tr = h("tr");
    tr.append(h("th", "", p.label, { scope: "row" }), h("td", "", p.sources.toLocaleString("en")), ...series.map((s) => h("td", "", bleuText(s.points[i]?.bleu ?? NaN))));
    body.append(tr);
  });
  table.append(h("thead", "", [head]), body);
  return table;
}
