/**
 * Grid Search Visualizer: `<div data-widget="grid-search" data-grid="<corpus>">`.
 *
 * A heatmap of final validation loss over learning rate x hidden size, read
 * from docs/data/grid-<corpus>.json (written by `python -m build_models grid`).
 * Each cell is a button: click it, or reach it with the arrow keys and press
 * Enter, to plot its training and validation curves. A table lists every
 * cell, and another the selected cell's curve: the charts' text alternatives.
 * "Export best config" downloads the best cell as a build_models preset file
 * (model.ts bestPreset), "Copy best config" puts the same text on the clipboard.
 *
 * Hooks for tests: `button[data-action="download-preset"]`,
 * `button[data-action="copy-preset"]`, `[data-role="export-status"]`,
 * `[data-role="preset"]` (the file's text).
 */
import { adoptCss } from "../lib/style.ts";
import { setState } from "../lib/state.ts";
import { LINEPLOT_CSS, linePlotSvg } from "../lib/lineplot.ts";
import { watchWidth } from "../lib/fit.ts";
import { h } from "../lib/dom.ts";
import { tableHead } from "../lib/table.ts";
import { uniqueId } from "../lib/ids.ts";
import { downloadText } from "../lib/download.ts";
import { siteRoot } from "../lib/site.ts";
import css from "./grid-search.css" with { type: "text" };
import {
  bestCommand, bestPreset, bestRun, cellColour, cellLabel, describeRun, fmtLoss, fmtLr, moveCell, parseGrid,
  presetFileName, runAt, type GridRun,
} from "./model.ts";
import type { MountContext } from "../main.ts";

const NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** Mount the visualizer into `el`. */
export async function render(el: HTMLElement, { signal }: MountContext): Promise<void> {
  adoptCss(LINEPLOT_CSS);
  adoptCss(css);
  const name = el.dataset.grid ?? "";
  if (!NAME.test(name)) throw new Error(`"${name}" is not a grid name`);
  const response = await fetch(new URL(`data/grid-${name}.json`, siteRoot()), { signal });
  if (!response.ok) throw new Error(`the grid search results could not be downloaded (HTTP ${response.status})`);
  const data = parseGrid(await response.json());
  const id = uniqueId("rnn-gs");
  el.classList.add("rnn-gs");
  el.replaceChildren();

  const losses = data.runs.map((r) => r.final_val_loss);
  const [min, max] = [Math.min(...losses), Math.max(...losses)];
  const rows = data.hidden_sizes.length;
  const cols = data.learning_rates.length;

  const heat = h("table", "rnn-gs__heat");
  heat.createCaption().textContent =
    `Final validation loss (nats per character) after ${data.iters} steps: ${data.cell.toUpperCase()}, one layer, on ${data.corpus}. Darker is better.`;
  heat.append(tableHead(["hidden units ↓ / learning rate →", ...data.learning_rates.map(fmtLr)]));
  const body = heat.createTBody();
  const buttons: HTMLButtonElement[][] = [];
  data.hidden_sizes.forEach((hidden, r) => {
    const row = body.insertRow();
    row.append(h("th", "", String(hidden), { scope: "row" }));
    buttons.push(data.learning_rates.map((lr, c) => {
      const run = runAt(data, lr, hidden) as GridRun;
      const colour = cellColour(run.final_val_loss, min, max);
      const b = h("button", "rnn-gs__cell", fmtLoss(run.final_val_loss), {
        type: "button", "aria-label": cellLabel(run), "aria-pressed": "false", tabindex: "-1",
        "data-cell": `${r},${c}`, "data-lr": String(lr), "data-hidden": String(hidden),
        "data-val-loss": String(run.final_val_loss),
      });
      b.style.background = colour.background;
      b.style.color = colour.text;
      row.insertCell().append(b);
      return b;
    }));
  });
  const keys = h("p", "rnn-gs__keys", "Arrow keys move between cells; Enter or Space shows a cell's curves.");

  const status = h("p", "rnn-gs__status", "", { role: "status", "aria-live": "polite" });
  const plot = h("div", "rnn-gs__plot", undefined, { "data-curve": "" });
  const legend = h("p", "rnn-gs__legend");
  legend.append(h("span", "rnn-gs__swatch rnn-gs__swatch--1"), " validation loss   ",
    h("span", "rnn-gs__swatch rnn-gs__swatch--2"), " training loss");
  const curveTable = h("table", "rnn-gs__table");
  const curveDetails = h("details", "rnn-gs__details");
  curveDetails.append(h("summary", "", "The selected cell's curves as a table"), curveTable);

  const allDetails = h("details", "rnn-gs__details");
  const all = h("table", "rnn-gs__table");
  all.append(tableHead(["Learning rate", "Hidden units", "Parameters", "Final training loss", "Final validation loss"]));
  const allBody = all.createTBody();
  for (const run of [...data.runs].sort((a, b) => a.final_val_loss - b.final_val_loss)) {
    const tr = allBody.insertRow();
    for (const text of [fmtLr(run.learning_rate), String(run.n_hidden), run.parameters.toLocaleString("en"),
      fmtLoss(run.final_train_loss), fmtLoss(run.final_val_loss)]) tr.insertCell().textContent = text;
  }
  allDetails.append(h("summary", "", "Every cell as a table (best first)"), all);

  const best = h("p", "rnn-gs__best");
  best.append("Best cell, to train for longer: ", h("code", "", bestCommand(data)));

  const preset = bestPreset(data);
  const fileName = presetFileName(data);
  const exportBox = h("div", "rnn-gs__export");
  const download = h("button", "rnn-primary", "Export best config", { type: "button", "data-action": "download-preset" });
  const copy = h("button", "", "Copy best config", { type: "button", "data-action": "copy-preset" });
  const exportStatus = h("p", "rnn-gs__export-status", "", { "aria-live": "polite", "data-role": "export-status" });
  const presetDetails = h("details", "rnn-gs__details");
  presetDetails.append(h("summary", "", `The preset file, ${fileName}`),
    h("pre", "rnn-gs__preset", preset, { "data-role": "preset", tabindex: "0", role: "region", "aria-label": `Preset file ${fileName}` }));
  const exportRow = h("div", "rnn-gs__export-row");
  exportRow.append(download, copy);
  exportBox.append(exportRow, exportStatus, presetDetails);

  el.append(heat, keys, status, plot, legend, curveDetails, allDetails, best, exportBox);

  const onDownload = (): void => {
    downloadText(el, fileName, preset, "text/x-python");
    exportStatus.textContent = `Downloaded ${fileName}: the best cell as a build_models preset.`;
  };
  const onCopy = (): void => {
    const failed = (): void => {
      presetDetails.open = true;
      exportStatus.textContent = "Your browser did not allow copying. The preset is shown below: select it and copy it by hand.";
    };
    if (!navigator.clipboard?.writeText) return failed();
    navigator.clipboard.writeText(preset).then(
      () => { exportStatus.textContent = `Copied ${fileName} to the clipboard.`; },
      failed,
    );
  };
  download.addEventListener("click", onDownload, { signal });
  copy.addEventListener("click", onCopy, { signal });

  let selected: [number, number] = [0, 0];
  let shownRun: GridRun | null = null;
  // The curves are drawn as wide as they are shown, so their 12 px labels stay 12 px on a phone.
  const fit = watchWidth(plot, () => shownRun && plotCurves(shownRun), { signal });
  const select = (r: number, c: number, focus: boolean): void => {
    const [pr, pc] = selected;
    buttons[pr][pc].setAttribute("aria-pressed", "false");
    buttons[pr][pc].tabIndex = -1;
    selected = [r, c];
    const b = buttons[r][c];
    b.setAttribute("aria-pressed", "true");
    b.tabIndex = 0;
    if (focus) b.focus();
    const run = runAt(data, data.learning_rates[c], data.hidden_sizes[r]) as GridRun;
    drawCurves(run);
  };
  /** The chart alone (a new width redraws it without touching the live status). */
  const plotCurves = (run: GridRun): void => {
    shownRun = run;
    plot.dataset.selected = `${run.learning_rate},${run.n_hidden}`;
    const points = (key: "val_loss" | "train_loss") => run.curve.map((p) => [p.iter, p[key]] as [number, number]);
    plot.innerHTML = linePlotSvg(
      [{ name: "validation", points: points("val_loss") }, { name: "training", points: points("train_loss") }],
      { title: `Loss curves: learning rate ${fmtLr(run.learning_rate)}, ${run.n_hidden} hidden units`,
        description: describeRun(run, data), xLabel: "training step", yLabel: "loss (nats/char)",
        idPrefix: `${id}-plot`, yMin: 0, yMax: Math.ceil(Math.max(...data.runs.flatMap((x) => x.curve.map((p) => p.val_loss)))),
        width: fit.width() },
    );
  };
  const drawCurves = (run: GridRun): void => {
    plotCurves(run);
    status.textContent = describeRun(run, data);
    curveTable.replaceChildren();
    curveTable.append(tableHead(["Step", "Training loss", "Validation loss"]));
    const tb = curveTable.createTBody();
    for (const p of run.curve) {
      const tr = tb.insertRow();
      for (const text of [String(p.iter), fmtLoss(p.train_loss), fmtLoss(p.val_loss)]) tr.insertCell().textContent = text;
    }
  };

  const onClick = (event: Event): void => {
    const cell = (event.target as HTMLElement).closest<HTMLButtonElement>("button[data-cell]");
    if (!cell) return;
    const [r, c] = (cell.dataset.cell ?? "0,0").split(",").map(Number);
    select(r, c, false);
  };
  const onKey = (event: KeyboardEvent): void => {
    const cell = (event.target as HTMLElement).closest<HTMLButtonElement>("button[data-cell]");
    if (!cell) return;
    const [r, c] = (cell.dataset.cell ?? "0,0").split(",").map(Number);
    const next = moveCell(r, c, event.key, rows, cols);
    if (!next) return;
    event.preventDefault();
    buttons[r][c].tabIndex = -1;
    const target = buttons[next[0]][next[1]];
    target.tabIndex = 0;
    target.focus();
  };
  heat.addEventListener("click", onClick, { signal });
  heat.addEventListener("keydown", onKey, { signal });

  const b = bestRun(data);
  select(data.hidden_sizes.indexOf(b.n_hidden), data.learning_rates.indexOf(b.learning_rate), false);
  setState(el, "ready");
}
