/**
 * Unit tests of Module 9's pure widget logic: the lab's progress points
 * (widgets/lab/progress.ts) and the runtime's progress messages, the shared line plot and the grid search model.
 * tests/test_module9_js.py bundles this file with esbuild and runs it in Node;
 * each `test(...)` becomes one pytest case.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import { pointOf } from "../../widgets/lab/progress.ts";
import { isWorkerEvent } from "../../widgets/runtime/pyodide/protocol.ts";
import { linePlotSvg, niceTicks } from "../../widgets/lib/lineplot.ts";
import {
  bestCommand, bestPreset, bestRun, cellColour, moveCell, parseGrid, presetFileName, pyFloat, pyStr,
} from "../../widgets/grid-search/model.ts";


const report = (step: number, values: Record<string, number>, text: string | null = "ab") =>
  ({ step, total: null, values, text });

test("a progress report with a loss becomes a point of the curve", () => {
  assert.deepEqual(pointOf(report(200, { loss: 2.5 })), { iteration: 200, loss: 2.5, sample: "ab" });
  assert.deepEqual(pointOf(report(400, { loss: 1.75 }, null)), { iteration: 400, loss: 1.75, sample: null });
});

test("a progress report without a loss (a diverged run's NaN is left out) plots nothing", () => {
  assert.equal(pointOf(report(200, {})), null);
});

test("the page takes only well-formed progress messages from the worker", () => {
  const msg = (progress: unknown) => ({ type: "progress", id: 3, progress });
  assert.ok(isWorkerEvent(msg(report(200, { loss: 2.5 }))));
  assert.ok(isWorkerEvent(msg({ step: 5, total: 200, values: {}, text: null })));
  assert.ok(!isWorkerEvent(msg(report(200, { loss: NaN }))));
  assert.ok(!isWorkerEvent(msg({ step: "200", total: null, values: {}, text: null })));
  assert.ok(!isWorkerEvent(msg({ step: 1, total: null, values: null, text: null })));
  assert.ok(!isWorkerEvent({ type: "progress", progress: report(1, {}) })); // no job id
  // Pyodide's download progress has a type of its own.
  assert.ok(isWorkerEvent({ type: "download", file: "pyodide.asm.wasm", loaded: 1, total: null }));
});

test("nice ticks are round numbers covering the range", () => {
  assert.deepEqual(niceTicks(0, 4, 4), [0, 1, 2, 3, 4]);
  assert.deepEqual(niceTicks(0, 2000, 5), [0, 500, 1000, 1500, 2000]);
});

test("the line plot draws one polyline per series with its points", () => {
  const svg = linePlotSvg([{ name: "loss", points: [[0, 4], [100, 3], [200, 2]] }, { name: "b", points: [] }],
    { title: "t", description: "d", xLabel: "x", yLabel: "y", idPrefix: "p" });
  assert.equal((svg.match(/<polyline/g) ?? []).length, 2);
  assert.match(svg, /data-series="loss"><polyline points="[\d.]+,[\d.]+ [\d.]+,[\d.]+ [\d.]+,[\d.]+"/);
  assert.match(svg, /aria-labelledby="p-title"/);
});

const run = (lr: number, n: number, val: number) => ({
  learning_rate: lr, n_hidden: n, parameters: 100 * n, final_train_loss: val - 0.1, final_val_loss: val,
  curve: [{ iter: 0, train_loss: 3.3, val_loss: 3.3 }, { iter: 10, train_loss: val - 0.1, val_loss: val }],
});
const GRID = { corpus: "names", cell: "lstm", iters: 10, learning_rates: [0.001, 0.01], hidden_sizes: [32, 64],
  runs: [run(0.001, 32, 2.9), run(0.01, 32, 2.4), run(0.001, 64, 2.8), run(0.01, 64, 2.2)] };

test("the grid's best cell has the lowest validation loss", () => {
  const best = bestRun(parseGrid(GRID));
  assert.equal(best.final_val_loss, 2.2);
  assert.equal(bestCommand(parseGrid(GRID)), "python -m build_models train names --n_layer=1 --n_hidden=64 --learning_rate=0.01");
});

test("a grid with a missing cell is refused", () => {
  assert.throws(() => parseGrid({ ...GRID, runs: GRID.runs.slice(1) }), /learning rate 0.001 and 32 units/);
});

test("the best cell is darkest and every cell's text contrasts at least 4.5:1", () => {
  const lum = (rgb: number[]) => {
    const lin = rgb.map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  };
  const parse = (s: string) => (s.match(/\d+/g) ?? []).map(Number);
  const best = parse(cellColour(2.2, 2.2, 2.9).background);
  const worst = parse(cellColour(2.9, 2.2, 2.9).background);
  assert.ok(lum(best) < lum(worst));
  for (let loss = 2.2; loss <= 2.9; loss += 0.05) {
    const c = cellColour(loss, 2.2, 2.9);
    const [a, b] = [lum(parse(c.background)), c.text === "#ffffff" ? 1 : 0];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    assert.ok(ratio >= 4.5, `loss ${loss}: contrast ${ratio.toFixed(2)}`);
  }
});

test("arrow keys move within the grid and stop at its edges", () => {
  assert.deepEqual(moveCell(0, 0, "ArrowRight", 3, 3), [0, 1]);
  assert.deepEqual(moveCell(0, 0, "ArrowUp", 3, 3), [0, 0]);
  assert.deepEqual(moveCell(1, 1, "End", 3, 3), [1, 2]);
  assert.equal(moveCell(1, 1, "a", 3, 3), null);
});

test("the best cell exports as a preset of plain assignments with the grid's settings", () => {
  const grid = parseGrid({ ...GRID, n_layer: 1, batch_size: 32, seq_len: 64, grad_clip: 1.0, seed: 1337, eval_every: 5, eval_batches: 8 });
  const text = bestPreset(grid);
  const values = Object.fromEntries(text.split("\n").filter((l) => l && !l.startsWith("#"))
    .map((l) => l.replace(/\s+#.*$/, "").split(" = ") as [string, string]));
  assert.deepEqual(values, {
    model_id: "'names-grid-lr0.01-h64'", corpus: "'names'", cell: "'lstm'", n_layer: "1", n_hidden: "64", dropout: "0.0",
    batch_size: "32", seq_len: "64", max_iters: "10", learning_rate: "0.01", min_lr: "0.01", warmup_iters: "0",
    weight_decay: "0.0", grad_clip: "1.0", seed: "1337", eval_interval: "5", eval_iters: "8",
  });
  assert.equal(presetFileName(grid), "names-grid-lr0.01-h64.py");
  assert.ok(text.endsWith("\n"));
});

test("a grid file without its shared settings exports only what it records", () => {
  const text = bestPreset(parseGrid(GRID));
  assert.doesNotMatch(text, /^batch_size|^seq_len|^seed/m);
  assert.match(text, /^max_iters = 10 /m);
});

test("numbers and strings are written as Python literals", () => {
  assert.equal(pyFloat(1), "1.0");
  assert.equal(pyFloat(0.003), "0.003");
  assert.equal(pyFloat(3e-7), "3e-7");
  assert.equal(pyStr("it's a \\ path\n"), "'it\\'s a \\\\ path\\n'");
});

runTests();
