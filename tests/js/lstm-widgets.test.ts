/**
 * Unit tests of the pure logic of the Module 3-5 model widgets (heatmap
 * explorer, cell intervention, gates reveal, timelapse, neuron detective):
 * plain functions, no DOM, no model. tests/test_lstm_widgets_logic.py bundles
 * this file with esbuild and runs it in Node; each `test(...)` is one pytest case.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import { capText, pearson, rankByFeature, regexFeature, topPredictions } from "../../widgets/heatmap-explorer/logic.ts";
import { differenceSentence, firstDifference, readClamp } from "../../widgets/cell-intervention/logic.ts";
import { gateMovement, mostMoved, saturation, wordSteps } from "../../widgets/gates-reveal/logic.ts";
import { milestones, reference, type Point } from "../../widgets/training-timelapse/logic.ts";
import { makeRound, scoreAfter, STRONG, type NeuronsFile } from "../../widgets/neuron-detective/logic.ts";
import { mulberry32 } from "../../widgets/lib/random.ts";
import { familiesOf, isMain, modelLabel, preferredModel, type ModelEntry } from "../../widgets/model-kit/models.ts";
import { spacedLabels } from "../../widgets/lib/fit.ts";

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("the text cap counts characters, not UTF-16 units", () => {
  const r = capText("a😀b😀c", 3);
  assert.deepEqual(r, { text: "a😀b", truncated: true, original: 5 });
  assert.equal(capText("abc", 3).truncated, false);
});

test("a pattern marks every character inside a match, astral characters included", () => {
  const f = regexFeature("b+", Array.from("a😀bbc"));
  assert.ok(f.ok);
  if (f.ok) assert.deepEqual(Array.from(f.values), [0, 0, 1, 1, 0]);
});

test("a broken pattern gives the reader a sentence, not an exception", () => {
  const f = regexFeature("([a-z", Array.from("abc"));
  assert.ok(!f.ok && f.message.startsWith("That pattern is not a valid regular expression"));
});

test("a pattern that matches nothing or everything cannot be correlated", () => {
  const none = regexFeature("z", Array.from("abc"));
  const all = regexFeature(".", Array.from("abc"));
  assert.ok(!none.ok && /matches no character/.test(none.message));
  assert.ok(!all.ok && /matches every character/.test(all.message));
});

test("pearson is 1 for a line, -1 for its mirror and null for a constant", () => {
  close(pearson([1, 2, 3], [2, 4, 6])!, 1);
  close(pearson([1, 2, 3], [3, 2, 1])!, -1);
  assert.equal(pearson([1, 1, 1], [1, 2, 3]), null);
});

test("cells are ranked by the size of their correlation, sign kept", () => {
  // T=4 steps, L=1, H=3: unit 0 follows the feature exactly, unit 1 loosely, unit 2 is constant.
  const v = Float32Array.from([1, 0.5, 7, 0, 0, 7, 1, 0.2, 7, 0, 0.1, 7]);
  const ranked = rankByFeature(v, { T: 4, L: 1, H: 3 }, 0, [1, 0, 1, 0]);
  assert.deepEqual(ranked.map((c) => c.unit), [0, 1]);
  close(ranked[0].r, 1, 1e-6);
  assert.ok(ranked[1].r > 0 && ranked[1].r < 1);
});

test("top predictions are the most likely characters, in order, from the right step", () => {
  const logits = Float32Array.from([0, 0, 0, 5, 1, 0]); // T=2, V=3
  const p = topPredictions(logits, 3, 1, ["a", "b", "c"], 2);
  assert.deepEqual(p.map((x) => x.char), ["a", "b"]);
  assert.ok(p[0].p > 0.9 && p[0].p + p[1].p < 1);
});

test("two texts part ways at the first differing character", () => {
  assert.equal(firstDifference("abcd", "abXd"), 2);
  assert.equal(firstDifference("abc", "abc"), -1);
  assert.equal(firstDifference("ab", "abc"), 2);
  assert.match(differenceSentence("abcd", "abXd"), /character 3; 3 of 4/);
});

test("a clamp outside the model is refused with the allowed range", () => {
  assert.deepEqual(readClamp(2, "c", 0, 1, 2, 128), { message: "Choose a layer from 0 to 1." });
  assert.deepEqual(readClamp(1, "h", 127, -3, 2, 128), { clamp: { layer: 1, kind: "h", unit: 127, value: -3 } });
});

test("the gate that jumps at the word is found, and compared with the other steps", () => {
  // T=5, L=1, 4 gates, H=1: only f (row 1) jumps, at step 3.
  const d = { T: 5, L: 1, H: 1 };
  const gates = new Float32Array(5 * 4);
  for (let t = 0; t < 5; t++) gates[t * 4 + 1] = t === 3 ? 1 : 0;
  assert.deepEqual(wordSteps(Array.from("a but"), "but"), [2, 3, 4]);
  const moves = gateMovement(gates, d, 0, [3]);
  assert.equal(mostMoved(moves).gate, "f");
  close(moves[1].atWord, 1);
  close(moves[1].elsewhere, 1 / 3); // steps 1, 2, 4: only 4 jumps back down
});

test("saturation counts the share of steps below 0.1 and above 0.9", () => {
  const d = { T: 4, L: 1, H: 1 };
  const gates = new Float32Array(16);
  [0.05, 0.5, 0.95, 0.99].forEach((v, t) => (gates[t * 4] = v)); // gate i
  const [i] = saturation(gates, d, 0);
  assert.equal(i.gate, "i");
  close(i.low[0], 0.25);
  close(i.high[0], 0.5);
});

test("a milestone appears at the first checkpoint whose sample passes its rule", () => {
  const ref = reference("the king is here, and the queen is there. ".repeat(5));
  const pt = (iter: number, sample: string): Point => ({ iter, train_loss: 1, val_loss: 1, sample });
  const found = milestones([pt(1, "xq,zz.vv;"), pt(2, "the king, the queen. and here; is there is the king and")], ref);
  const punct = found.find((m) => m.id === "punctuation")!;
  assert.equal(punct.iter, 2);
  assert.equal(found.find((m) => m.id === "words")?.iter, 2);
  assert.equal(found.find((m) => m.id === "speakers"), undefined);
});

test("a detective round offers the true feature and three the cell does not follow", () => {
  const zeros = () => ({ h: [[0, 0]], c: [[0, 0]] });
  const n: NeuronsFile = {
    features: ["vowel", "space", "uppercase", "consonant", "punctuation"],
    chars: 100, split: "test",
    top: { vowel: [{ kind: "h", layer: 0, cell: 1, score: -0.6 }], space: [], uppercase: [], consonant: [], punctuation: [] },
    scores: { vowel: zeros(), space: zeros(), uppercase: zeros(), consonant: { h: [[0, 0.55]], c: [[0, 0]] }, punctuation: zeros() },
  };
  const text = "first line\nsecond line of the test text, long enough to cut a snippet from it.\n".repeat(4);
  const r = makeRound(n, text, mulberry32(3))!;
  assert.equal(r.feature, "vowel");
  assert.equal(new Set(r.choices).size, 4);
  assert.ok(r.choices.includes("vowel") && !r.choices.includes("consonant"), "consonant follows this cell too strongly to be a fair distractor");
  assert.ok(r.start === 0 || text[r.start - 1] === "\n");
  assert.ok(Math.abs(n.scores.consonant.h[0][1]) >= STRONG);
  assert.deepEqual(scoreAfter({ right: 4, answered: 6 }, true), { right: 5, answered: 7 });
});

// ---------------------------------------------------------------- model-kit: which model a widget starts on

const entry = (id: string, corpus: string, parameters: number, families?: { size?: string; cell?: string }): ModelEntry => ({
  id, corpus, parameters, kind: "char-lstm-step", model: `${id}/model.onnx`, meta: `${id}/meta.json`, layers: 2, hidden: 256,
  cell: "lstm", vocab_size: 65, bytes: parameters * 4, val_loss_nats: 1.4, val_bits_per_char: 2, gpu_trained: true, files: {},
  ...(families ? { families } : {}),
});

test("a widget starts on its corpus's main model, not on a larger comparison model of it", () => {
  const models = [
    entry("names", "names", 200_000),
    entry("tinyshakespeare-2x128", "tinyshakespeare", 300_000, { size: "tinyshakespeare" }),
    entry("tinyshakespeare", "tinyshakespeare", 1_000_000),
    entry("tinyshakespeare-2x480", "tinyshakespeare", 4_000_000, { size: "tinyshakespeare" }),
    entry("tinyshakespeare-gru", "tinyshakespeare", 5_000_000, { cell: "tinyshakespeare" }),
  ];
  assert.equal(preferredModel(models, ["shakespeare", "tinyshakespeare"])?.id, "tinyshakespeare");
  assert.equal(preferredModel(models, ["warandpeace"])?.id, "names");
  assert.equal(preferredModel(models.filter((m) => m.families))?.id, "tinyshakespeare-2x128");
  assert.equal(preferredModel([]), null);
});

test("comparison families group their members by axis, and a model can belong to two", () => {
  const both = { size: "ts", cell: "ts" };
  const models = [entry("a", "c", 1, { size: "ts" }), entry("b", "c", 2, both), entry("g", "c", 3, { cell: "ts" }), entry("m", "c", 4)];
  assert.deepEqual([...familiesOf(models, "size").get("ts")!].map((m) => m.id), ["a", "b"]);
  assert.deepEqual([...familiesOf(models, "cell").get("ts")!].map((m) => m.id), ["b", "g"]);
  assert.deepEqual(models.filter(isMain).map((m) => m.id), ["m"]);
});

test("a model's one name is its id, with its shape and download size", () => {
  const m = { ...entry("tinyshakespeare-2x480", "tinyshakespeare", 4_000_000), layers: 2, hidden: 480, cell: "lstm", bytes: 6_110_070 };
  assert.equal(modelLabel(m), "tinyshakespeare-2x480 (2×480 LSTM, 6.1 MB)");
});

test("chart labels that would touch are left out, the last one always kept", () => {
  // Centres 0, 10, 30, 100, 104 of labels 12 wide: 10 touches 0, 104 touches 100 (the last wins).
  assert.deepEqual(spacedLabels([0, 10, 30, 100, 104], [12, 12, 12, 12, 12], 2), [0, 2, 4]);
  assert.deepEqual(spacedLabels([0, 50, 100], [20, 20, 20]), [0, 1, 2]);
  assert.deepEqual(spacedLabels([5], [20]), [0]);
  assert.deepEqual(spacedLabels([], []), []);
});

runTests();
