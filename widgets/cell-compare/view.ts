/**
 * The drawing of the cell comparison: the chart (widgets/lib/lineplot.ts) with
 * its key, the table of the full-split losses, and the samples. Every text
 * goes in through textContent (or esc() inside the chart's markup): nothing a
 * model wrote is parsed as HTML.
 */
import { h } from "../lib/dom.ts";
import { tableHead } from "../lib/table.ts";
import { linePlotSvg } from "../lib/lineplot.ts";
import { formatBytes, type ModelEntry } from "../model-kit/models.ts";
import { cellClass, cellName, chartSeries, chartWindow, type Curves } from "./logic.ts";

/** Chart height for a drawing `width` wide: a little flatter on wide screens, taller on phones. */
const heightFor = (width: number): number => Math.round(Math.min(300, Math.max(220, width * 0.45)));

/** The chart's SVG markup, drawn `width` units wide (the width it is shown at, so 12 px text stays 12 px). */
export function chartMarkup(family: string, members: readonly ModelEntry[], curves: readonly (Curves | null)[], train: boolean, width: number, idPrefix: string): string {
  const win = chartWindow(curves);
  const series = chartSeries(members, curves, win, train);
  const names = members.map((m) => cellName(m.cell)).join(", ");
  const cut = win.cutStart ? " The estimates at step 0 (the untrained models) lie above the top of the chart and are left out." : "";
  return linePlotSvg(series, {
    title: `Validation loss during training of the ${family} models: ${names}`,
    description: `One solid line per cell: the validation estimate at each evaluation step${train ? "; dashed lines: the same estimate on the training split" : ""}.${cut} The table below gives each model's final loss on the full splits.`,
    xLabel: "training step",
    yLabel: "loss (nats per character)",
    idPrefix,
    yMin: win.yMin,
    yMax: win.yMax,
    width,
    height: heightFor(width),
  });
}

/** The key: one entry per cell (its colour, its name, its shape) and what solid and dashed mean. */
export function chartKey(members: readonly ModelEntry[], train: boolean): HTMLElement {
  const key = h("ul", "rnn-cc__key", undefined, { "aria-label": "Key to the chart" });
  for (const m of members) {
    const li = h("li", cellClass(m.cell));
    const swatch = h("span", "rnn-cc__swatch", undefined, { "aria-hidden": "true" });
    li.dataset.cell = m.cell;
    li.append(swatch, h("span", "", `${cellName(m.cell)} (${m.layers}×${m.hidden})`));
    key.append(li);
  }
  const style = h("li", "rnn-cc__key-note", train ? "solid: validation split; dashed: training split" : "lines: validation split");
  key.append(style);
  return key;
}

/** A table cell with text; `num` right-aligns it in the monospaced figures column. */
const td = (text: string, num = true): HTMLTableCellElement => h("td", num ? "rnn-cc__num" : "", text);

/** The losses measured on the full splits, with parameters and download size: one row per member (ids start with `idPrefix`). */
export function lossTable(family: string, members: readonly ModelEntry[], idPrefix: string): HTMLElement {
  const table = h("table", "rnn-cc__table");
  // The title stays outside the sideways-scrolling box, so a phone shows all of it.
  const title = h("p", "rnn-cc__table-title", `The ${family} models after training: loss on the whole validation (val) and test splits, lower is better.`);
  title.id = `${idPrefix}-table-title`;
  table.setAttribute("aria-labelledby", title.id);
  const thead = tableHead(["Cell", "Parameters", "Download", "Val (nats/char)", "Val (bits/char)", "Test (nats/char)", "Test (bits/char)"]);
  const tbody = h("tbody");
  const num = (v: number | undefined) => (v === undefined ? "not measured" : v.toFixed(3));
  for (const m of members) {
    const tr = h("tr");
    tr.dataset.model = m.id;
    tr.dataset.cell = m.cell;
    tr.dataset.val = String(m.val_loss_nats);
    tr.dataset.valBits = String(m.val_bits_per_char);
    if (m.test_loss_nats !== undefined) tr.dataset.test = String(m.test_loss_nats);
    if (m.test_bits_per_char !== undefined) tr.dataset.testBits = String(m.test_bits_per_char);
    tr.dataset.params = String(m.parameters);
    tr.dataset.bytes = String(m.bytes);
    const th = h("th", cellClass(m.cell), undefined, { scope: "row" });
    const swatch = h("span", "rnn-cc__swatch", undefined, { "aria-hidden": "true" });
    th.append(swatch, cellName(m.cell));
    tr.append(
      th,
      td(m.parameters.toLocaleString("en")),
      td(formatBytes(m.bytes)),
      td(num(m.val_loss_nats)),
      td(num(m.val_bits_per_char)),
      td(num(m.test_loss_nats)),
      td(num(m.test_bits_per_char)),
    );
    tbody.append(tr);
  }
  table.append(thead, tbody);
  const scroll = h("div", "rnn-cc__scroll");
  scroll.tabIndex = 0;
  scroll.setAttribute("role", "region");
  scroll.setAttribute("aria-label", `Losses of the ${family} models (scrolls sideways on a narrow screen)`);
  scroll.append(table);
  const box = h("div");
  box.append(title, scroll);
  const dtypes = [...new Set(members.map((m) => m.weights_dtype ?? "float32"))];
  const bits = (d: string) => (d === "float16" ? "16-bit" : d === "float32" ? "32-bit" : d);
  const stored = dtypes.length === 1
    ? `Each download stores its weights as ${bits(dtypes[0])} numbers, so its size follows the parameter count.`
    : `The downloads store their weights differently (${members.map((m) => `${cellName(m.cell)}: ${bits(m.weights_dtype ?? "float32")}`).join(", ")}), so compare their sizes with care.`;
  box.append(h("p", "rnn-cc__note", stored));
  return box;
}

/** One scrollable, wrapping block per member's fixed-seed sample (`[data-role="sample"][data-model]`). */
export function sampleBlocks(members: readonly ModelEntry[]): HTMLElement {
  const grid = h("div", "rnn-cc__samples");
  for (const m of members) {
    const fig = h("figure", `rnn-cc__sample-fig ${cellClass(m.cell)}`);
    const cap = h("figcaption");
    const swatch = h("span", "rnn-cc__swatch", undefined, { "aria-hidden": "true" });
    cap.append(swatch, `${cellName(m.cell)} (${m.id})`);
    const block = h("div", "rnn-cc__sample", m.sample?.text ?? "This model ships no sample.");
    block.dataset.role = "sample";
    block.dataset.model = m.id;
    block.tabIndex = 0;
    block.setAttribute("role", "region");
    block.setAttribute("aria-label", `Sample written by the ${cellName(m.cell)}`);
    fig.append(cap, block);
    grid.append(fig);
  }
  return grid;
}
