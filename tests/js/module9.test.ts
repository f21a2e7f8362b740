/**
 * Unit tests of Module 9's pure widget logic: the lab's progress splitter
 * (widgets/lab/progress.ts), the shared line plot and the grid search model.
 * tests/test_module9_js.py bundles this file with esbuild and runs it in Node;
 * each `test(...)` becomes one pytest case.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import { PROGRESS_MARK, ProgressSplitter, parsePoint } from "../../widgets/lab/progress.ts";
import { linePlotSvg, niceTicks } from "../../widgets/lib/lineplot.ts";
import {
  bestCommand, bestPreset, bestRun, cellColour, moveCell, parseGrid, presetFileName, pyFloat, pyStr,
} from "../../widgets/grid-search/model.ts";


const line = (iteration: number, loss: number, sample: string | null = "ab") =>
  `${PROGRESS_MARK}${JSON.stringify({ iteration, loss, sample })}\n`;

test("output without a progress mark passes through unchanged", () => {
  const s = new ProgressSplitter();
  assert.deepEqual(s.push("hello\nworld"), { text: "hello\nworld", points: [] });
  assert.equal(s.flush(), "");
});

test("a progress line becomes a point and leaves the text", () => {
  const s = new ProgressSplitter();
  const out = s.push(`before\n${line(200, 2.5)}after\n`);
  assert.equal(out.text, "before\nafter\n");
  assert.deepEqual(out.points, [{ iteration: 200, loss: 2.5, sample: "ab" }]);
});

test("a progress line cut across two pieces of output is joined", () => {
  const s = new ProgressSplitter();
  const full = line(400, 1.75, "x\ny");
  const first = s.push("a" + full.slice(0, 17));
  assert.deepEqual(first, { text: "a", points: [] });
  const second = s.push(full.slice(17) + "b");
  assert.equal(second.text, "b");
  assert.deepEqual(second.points, [{ iteration: 400, loss: 1.75, sample: "x\ny" }]);
});

test("a marked line that is not valid JSON is shown as text", () => {
  const s = new ProgressSplitter();
  const bad = `${PROGRESS_MARK}{not json\n`;
  assert.deepEqual(s.push(bad), { text: bad, points: [] });
  assert.equal(parsePoint(`${PROGRESS_MARK}{"iteration": "x", "loss": 1}`), null);
});

test("an unfinished marked line comes back as text when the run ends", () => {
  const s = new ProgressSplitter();
  s.push(`${PROGRESS_MARK}{"iteration": 1`);
  assert.equal(s.flush(), `${PROGRESS_MARK}{"iteration": 1`);
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
