/**
 * The lab's live progress panel: a loss curve, the latest sample and the
 * points as a table (the chart's text alternative). Shown only once a run
 * reports progress (grader.report); labs that never report never see it.
 */
import { linePlotSvg } from "../lib/lineplot.ts";
import { watchWidth, type WidthWatch } from "../lib/fit.ts";
import { describePoint, type ProgressPoint } from "./progress.ts";
import { h } from "./view.ts";

export interface ProgressDom {
  root: HTMLElement;
  plot: HTMLElement;
  status: HTMLElement;
  sample: HTMLPreElement;
  rows: HTMLTableSectionElement;
  /** The curve is drawn as wide as it is shown (12 px labels stay 12 px on a phone); stop() on unmount. */
  fit: WidthWatch;
  /** The points drawn, redrawn when the width changes. */
  shown: ProgressPoint[];
}

let uid = 0;

/** Build the (hidden) panel; the caller places `root`. */
export function buildProgress(): ProgressDom {
  const root = h("section", "rnn-lab__progress", undefined, { "data-progress": "", "aria-label": "Training progress" });
  const status = h("p", "rnn-lab__progress-status", "", { role: "status", "aria-live": "polite" });
  const plot = h("div", "rnn-lab__progress-plot");
  const sample = h("pre", "rnn-lab__progress-sample", "", { tabindex: "0", "aria-label": "Latest sample" });
  const details = h("details", "rnn-lab__more");
  details.append(h("summary", "", "The loss curve as a table"));
  const table = h("table", "rnn-lab__progress-table");
  const head = table.createTHead().insertRow();
  for (const label of ["Iteration", "Loss (nats per character)", "Sample"]) head.append(h("th", "", label, { scope: "col" }));
  const rows = table.createTBody();
  details.append(table);
  root.append(h("p", "rnn-lab__label", "Training progress"), status, plot,
    h("p", "rnn-lab__label", "Latest sample"), sample, details);
  root.hidden = true;
  root.dataset.points = "0";
  const dom: ProgressDom = { root, plot, status, sample, rows, fit: watchWidth(plot, () => drawCurve(dom)), shown: [] };
  return dom;
}

/** Hide the panel and forget its points (before a new run). */
export function clearProgress(dom: ProgressDom): void {
  dom.root.hidden = true;
  dom.root.dataset.points = "0";
  dom.plot.replaceChildren();
  dom.shown = [];
  dom.status.textContent = "";
  dom.sample.textContent = "";
  dom.rows.replaceChildren();
}

/** The loss curve of the points shown, as wide as the panel. */
function drawCurve(dom: ProgressDom): void {
  const points = dom.shown;
  if (points.length === 0) return;
  dom.plot.innerHTML = linePlotSvg([{ name: "loss", points: points.map((p) => [p.iteration, p.loss]) }], {
    title: "Training loss so far",
    description: `${points.length} points; ${describePoint(points[points.length - 1])}`,
    xLabel: "iteration",
    yLabel: "loss (nats/char)",
    idPrefix: `rnn-lab-progress-${++uid}`,
    width: dom.fit.width(),
  });
}

/** Redraw the panel for all points so far (the new ones are at the end of `points`). */
export function renderProgress(dom: ProgressDom, points: ProgressPoint[], added: ProgressPoint[]): void {
  if (points.length === 0) return;
  dom.root.hidden = false;
  dom.root.dataset.points = String(points.length);
  const last = points[points.length - 1];
  dom.shown = points;
  drawCurve(dom);
  dom.status.textContent = describePoint(last);
  const withSample = [...points].reverse().find((p) => p.sample !== null);
  dom.sample.textContent = withSample ? withSample.sample : "";
  for (const p of added) {
    const row = dom.rows.insertRow();
    row.append(h("td", "", p.iteration.toLocaleString("en")), h("td", "", p.loss.toFixed(3)), h("td", "", p.sample ?? ""));
  }
}
