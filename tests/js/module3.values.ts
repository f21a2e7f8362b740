/**
 * Module 3's widget logic on chosen inputs, for tests/test_module3_widgets.py to compare with its
 * NumPy references: the Gate Playground's cell update over a grid of gate settings, how it restores
 * saved sliders, and Debug the LSTM's weights, cases, traces and feedback. tests/jsunit.py
 * (`values`) bundles this file with esbuild and runs it in Node.
 */
import { printValues } from "./harness.ts";
import { cellUpdate, restoreInput } from "../../widgets/gate-playground/cell.ts";
import { CASES, CHOICES, feedback, simulate, weights } from "../../widgets/debug-lstm/model.ts";

const grid = [];
for (const f of [0, 0.35, 1]) for (const i of [0, 0.6, 1]) for (const o of [0, 0.5, 1])
  for (const g of [-1, 0.25, 0.8]) for (const cPrev of [-2, 0, 1.5]) grid.push({ f, i, o, g, cPrev });

printValues({
  cell: grid.map((x) => ({ x, y: cellUpdate(x) })),
  restored: restoreInput({ f: 7, i: "x", o: 0.333, g: -0.52 }),
  weights: weights(),
  cases: CASES.map((c) => ({
    ...c,
    trace: simulate(c),
    feedback: Object.fromEntries(Object.keys(CHOICES).map((k) => [k, feedback(c, k)])),
  })),
});
