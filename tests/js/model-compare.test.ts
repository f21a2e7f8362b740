/**
 * Unit tests of the pure logic of the comparison widgets: the cell comparison
 * (widgets/cell-compare/logic.ts: families, cell order, chart series and
 * window, gap and sampling sentences) and the Model Size Explorer's size
 * families (widgets/model-size/logic.ts). Plain functions, no DOM, no model;
 * tests/test_model_compare_logic.py runs this file in Node.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import type { ModelEntry } from "../../widgets/model-kit/models.ts";
import {
  cellFamilies, cellName, chartSeries, chartWindow, describePrompt, gapPhrase, gapSentences, nothingToCompare, orderByCell,
  readCurves, samplingSentence, sharedSampling, type Curves,
} from "../../widgets/cell-compare/logic.ts";
import { familyLabel, familyNote, sizeFamilies } from "../../widgets/model-size/logic.ts";

const SAMPLE = { seed: 42, temperature: 0.8, prompt: "\n", text: "ROMEO:\nYes." };

function entry(id: string, cell: string, hidden: number, val: number, test: number, families?: ModelEntry["families"]): ModelEntry {
  return {
    id, kind: "char-rnn-step", corpus: "tinyshakespeare", model: `${id}/model.onnx`, meta: `${id}/meta.json`, layers: 2, hidden, cell,
    parameters: hidden * 1000, vocab_size: 65, bytes: hidden * 2000, val_loss_nats: val, val_bits_per_char: val / Math.LN2,
    test_loss_nats: test, test_bits_per_char: test / Math.LN2, gpu_trained: true, files: { "curves.json": `${id}/curves.json` },
    sample: { ...SAMPLE, text: `${id} wrote this` }, ...(families ? { families } : {}),
  };
}

// In index order (corpus, then parameters), as widgets/build.mjs writes it: the RNN first.
const ZOO = [
  entry("tinyshakespeare-2x128", "lstm", 128, 1.60, 1.65, { size: "tinyshakespeare" }),
  entry("tinyshakespeare-rnn", "rnn", 256, 1.51, 1.60, { cell: "tinyshakespeare" }),
  entry("tinyshakespeare-gru", "gru", 256, 1.42, 1.50, { cell: "tinyshakespeare" }),
  entry("tinyshakespeare-2x256", "lstm", 256, 1.40, 1.49, { size: "tinyshakespeare", cell: "tinyshakespeare" }),
  entry("tinyshakespeare", "lstm", 480, 1.35, 1.45),
  entry("tinyshakespeare-2x480", "lstm", 480, 1.36, 1.46, { size: "tinyshakespeare" }),
];

const curves = (start: number, end: number, gap = 0.1): Curves => ({
  unit: "nats per character",
  eval: [
    { iter: 0, train_loss: 4.19, val_loss: 4.19 },
    { iter: 490, train_loss: Number((start - gap).toFixed(6)), val_loss: start },
    { iter: 980, train_loss: Number((end - gap).toFixed(6)), val_loss: end },
  ],
});

// ---------------------------------------------------------------- cell comparison

test("a cell family lists LSTM, GRU and vanilla RNN in that order, whatever the index order", () => {
  const { comparable, lonely } = cellFamilies(ZOO);
  assert.equal(comparable.length, 1);
  assert.equal(comparable[0].name, "tinyshakespeare");
  assert.deepEqual(comparable[0].members.map((m) => m.cell), ["lstm", "gru", "rnn"]);
  assert.deepEqual(lonely, []);
  assert.deepEqual(orderByCell([entry("x", "weird", 1, 1, 1), entry("r", "rnn", 1, 1, 1), entry("l", "LSTM", 1, 1, 1)]).map((m) => m.id), ["l", "r", "x"]);
});

test("a cell family of one model is not offered, and the widget says there is nothing to compare", () => {
  const { comparable, lonely } = cellFamilies(ZOO.filter((m) => m.cell !== "lstm" && m.cell !== "gru"));
  assert.deepEqual(comparable, []);
  assert.equal(lonely.length, 1);
  assert.match(nothingToCompare(lonely), /vanilla RNN trained on tinyshakespeare.*nothing to compare/);
  assert.match(nothingToCompare([]), /nothing to compare/);
});

test("cells are named for readers", () => {
  assert.deepEqual(["lstm", "gru", "rnn"].map(cellName), ["LSTM", "GRU", "vanilla RNN"]);
});

test("the chart's window drops the untrained step 0 and rounds out to tenths", () => {
  const win = chartWindow([curves(1.62, 1.40), curves(1.72, 1.53)]);
  assert.deepEqual(win, { yMin: 1.3, yMax: 1.8, cutStart: true });
  assert.deepEqual(chartWindow([null]), { yMin: 0, yMax: 1, cutStart: false });
});

test("the chart has one validation series per member with curves, and training series only when asked", () => {
  const { members } = cellFamilies(ZOO).comparable[0];
  const c = [curves(1.62, 1.40), curves(1.65, 1.42), curves(1.72, 1.53)];
  const win = chartWindow(c);
  const val = chartSeries(members, c, win);
  assert.deepEqual(val.map((s) => s.name), ["LSTM validation", "GRU validation", "vanilla RNN validation"]);
  assert.ok(val.every((s) => s.className?.includes("rnn-cc__val")));
  assert.deepEqual(val[2].points, [[490, 1.72], [980, 1.53]]);
  const both = chartSeries(members, c, win, true);
  assert.equal(both.length, 6);
  assert.deepEqual(both[1], { name: "LSTM training", className: "rnn-cc__train rnn-cc__cell--lstm", points: [[490, 1.52], [980, 1.3]] });
  assert.equal(chartSeries(members, [c[0], null, c[2]], win).length, 2);
});

test("a curve that starts above the window enters where it first fits, later points are kept", () => {
  const c: Curves = { unit: "", eval: [{ iter: 0, train_loss: 4, val_loss: 4 }, { iter: 1, train_loss: 3, val_loss: 3 }, { iter: 2, train_loss: 1, val_loss: 1.5 }, { iter: 3, train_loss: 1, val_loss: 1.9 }] };
  const [s] = chartSeries([ZOO[1]], [c], { yMin: 1, yMax: 1.6, cutStart: true });
  assert.deepEqual(s.points, [[2, 1.5], [3, 1.9]]);
});

test("the gap sentences compare the lowest validation loss with each other cell, on val and on test", () => {
  const { members } = cellFamilies(ZOO).comparable[0];
  assert.deepEqual(gapSentences(members), [
    "The LSTM ends 0.02 nats/char below the GRU on val, and 0.01 nats/char below it on test.",
    "The LSTM ends 0.11 nats/char below the vanilla RNN on val, and 0.11 nats/char below it on test.",
  ]);
  assert.deepEqual(gapSentences(members.slice(0, 1)), []);
});

test("a gap under 0.005 nats is level, and a reversed test gap says above", () => {
  assert.equal(gapPhrase(0.004), "level with");
  assert.equal(gapPhrase(-0.03), "0.03 nats/char above");
  const a = entry("a", "gru", 1, 1.40, 1.52);
  const b = entry("b", "lstm", 1, 1.45, 1.50);
  assert.deepEqual(gapSentences([b, a]), ["The GRU ends 0.05 nats/char below the LSTM on val, and 0.02 nats/char above it on test."]);
  const noTest = { ...b, test_loss_nats: undefined };
  assert.deepEqual(gapSentences([noTest, a]), ["The GRU ends 0.05 nats/char below the LSTM on val."]);
});

test("the samples' shared seed, temperature and prompt are stated; differing settings are named", () => {
  const { members } = cellFamilies(ZOO).comparable[0];
  assert.deepEqual(sharedSampling(members), { seed: 42, temperature: 0.8, prompt: "\n" });
  assert.match(samplingSentence(members), /random seed 42, temperature 0\.8, prompt a line break/);
  const odd = [members[0], { ...members[1], sample: { ...SAMPLE, seed: 7 } }];
  assert.equal(sharedSampling(odd), null);
  assert.match(samplingSentence(odd), /different settings \(LSTM: seed 42, temperature 0\.8; GRU: seed 7, temperature 0\.8\)/);
  assert.equal(sharedSampling([{ ...members[0], sample: undefined }]), null);
  assert.equal(describePrompt("ROMEO:\n"), "“ROMEO:↵”");
  assert.equal(describePrompt(""), "an empty prompt");
});

test("a curves file without eval points is refused", () => {
  assert.equal(readCurves({ unit: "x", eval: [{ iter: 0, train_loss: 1 }] }), null);
  assert.equal(readCurves(null), null);
  assert.ok(readCurves(curves(1.5, 1.4)));
});

// ---------------------------------------------------------------- model size explorer

test("the size explorer offers each size family, smallest member first, and says only the hidden size differs", () => {
  const families = sizeFamilies(ZOO);
  assert.equal(families.length, 1);
  assert.deepEqual(families[0].members.map((m) => m.id), ["tinyshakespeare-2x128", "tinyshakespeare-2x256", "tinyshakespeare-2x480"]);
  assert.equal(familyLabel(families[0]), "tinyshakespeare (3 sizes: only the hidden size differs)");
  assert.deepEqual(sizeFamilies(ZOO.filter((m) => !m.families?.size)), []);
});

test("the size explorer's table marks each model's comparison families", () => {
  assert.deepEqual(ZOO.map(familyNote), [
    "size family tinyshakespeare", "cell family tinyshakespeare", "cell family tinyshakespeare",
    "size family tinyshakespeare; cell family tinyshakespeare", "", "size family tinyshakespeare",
  ]);
});

runTests();
