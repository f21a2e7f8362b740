/**
 * Unit tests of the Attention Weight Calculator's pure logic (widgets/attention-calculator/logic.ts)
 * and its tables (view.ts): the plan's numbers, the stable softmax, sharpness and scaling, what the
 * reader typed, and the shape changes. tests/test_attention_calculator.py bundles this file with
 * esbuild and runs it in Node; each `test(...)` becomes one pytest case. The numbers themselves
 * are compared with NumPy through tests/js/attention.values.ts.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import {
  attend, entryProblem, parseEntry, readDraft, setField, sharpnessAt, softmax, startDraft, summary, whyAdditive, whyWinner,
  withDimension, withKeyAdded, withKeyRemoved, MAX_KEYS, MIN_KEYS, type Inputs,
} from "../../widgets/attention-calculator/logic.ts";
import { additiveTable, arrowsSvg, barsTable, contextTable, num, scoresTable, softmaxTable } from "../../widgets/attention-calculator/view.ts";

const near = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} is not ${b}`);
const start = (): Inputs => {
  const read = readDraft(startDraft());
  assert.ok(read.inputs, JSON.stringify(read.errors));
  return read.inputs;
};

test("the start numbers are the plan's and key 3 has the largest dot product", () => {
  const r = attend(start());
  assert.deepEqual(r.dot.raw.map((s) => Number(s.toFixed(12))), [0.26, 0.29, 0.33]);
  assert.equal(r.dot.winner, 2);
  near(r.dot.softmax.weights.reduce((a, b) => a + b, 0), 1);
});

test("the additive score with identity W's and v = ones is the sum of tanh(q + k_i)", () => {
  const inp = start();
  const r = attend(inp);
  inp.keys.forEach((k, i) => near(r.additive.raw[i], Math.tanh(0.5 + k[0]) + Math.tanh(0.3 + k[1])));
  assert.equal(r.additive.winner, 1); // key 2, where the dot product picks key 3
});

test("the softmax subtracts the largest score: huge scores give weights, never NaN", () => {
  for (const z of [[1000, 1001, 999], [1e300, -1e300, 1e299], [-1e300, -1e300], [4e12, 4e12 - 1]]) {
    const sm = softmax(z);
    assert.ok(sm.weights.every(Number.isFinite), JSON.stringify(sm));
    near(sm.weights.reduce((a, b) => a + b, 0), 1, 1e-12);
    assert.ok(sm.exps.every((e) => e > 0 && e <= 1 || e === 0));
  }
  near(softmax([1000, 1001])[ "weights"][1], 1 / (1 + Math.exp(-1)));
});

test("scores of +infinity share the weight and -infinity gets none", () => {
  assert.deepEqual(softmax([Infinity, 1, Infinity]).weights, [0.5, 0, 0.5]);
  assert.deepEqual(softmax([-Infinity, 0]).weights, [0, 1]);
});

test("sharpness 0 gives equal weights and a large sharpness nearly one-hot", () => {
  const inp = start();
  const flat = attend({ ...inp, sharpness: 0 });
  flat.dot.softmax.weights.forEach((w) => near(w, 1 / 3));
  flat.additive.softmax.weights.forEach((w) => near(w, 1 / 3));
  const sharp = attend({ ...inp, sharpness: sharpnessAt(80) });
  assert.ok(sharp.dot.softmax.weights[2] > 0.99);
  assert.ok(sharp.additive.softmax.weights[1] > 0.99);
});

test("the sharpness slider runs from 0 through 1 to 1000", () => {
  assert.equal(sharpnessAt(0), 0);
  assert.equal(sharpnessAt(20), 1);
  assert.equal(sharpnessAt(80), 1000);
  assert.equal(sharpnessAt(-5), 0);
  for (let p = 1; p < 80; p++) assert.ok(sharpnessAt(p + 1) > sharpnessAt(p), String(p));
});

test("scaling divides the dot products by the square root of d, and leaves the additive score alone", () => {
  const inp = start();
  const plain = attend(inp);
  const scaled = attend({ ...inp, scaled: true });
  plain.dot.raw.forEach((s, i) => near(scaled.dot.logits[i], s / Math.SQRT2));
  assert.deepEqual(scaled.additive.logits, plain.additive.logits);
});

test("values = keys and own values change only the context vector", () => {
  const inp = start();
  const own = attend({ ...inp, values: [[1, 0], [0, 1], [0, 0]] });
  const same = attend(inp);
  assert.deepEqual(own.dot.softmax.weights, same.dot.softmax.weights);
  near(own.dot.context[0], own.dot.softmax.weights[0]);
  near(own.dot.context[1], own.dot.softmax.weights[1]);
  near(same.dot.context[0], inp.keys.reduce((a, k, i) => a + same.dot.softmax.weights[i] * k[0], 0));
});

test("a reader's numbers are read with a minus sign, a decimal comma or an exponent", () => {
  assert.equal(parseEntry("\u22120,5"), -0.5);
  assert.equal(parseEntry(" +.25 "), 0.25);
  assert.equal(parseEntry("1e3"), 1000);
  for (const bad of ["", "abc", "1..2", "0x10", "Infinity", "NaN", "1e999"]) assert.equal(parseEntry(bad), null, bad);
});

test("empty, non-numeric and too large fields are named, and no result is computed", () => {
  assert.equal(entryProblem("  "), "is empty");
  assert.match(entryProblem("abc") ?? "", /"abc" is not a number/);
  assert.match(entryProblem("2e6") ?? "", /too large/);
  assert.equal(entryProblem("1e6"), null);
  const dr = startDraft();
  setField(dr, "k2.1", "abc");
  setField(dr, "q2", "");
  const read = readDraft(dr);
  assert.equal(read.inputs, null);
  assert.deepEqual(read.errors.map((e) => e.message), ["Query, entry 2 is empty.", 'Key 2, entry 1 "abc" is not a number.']);
});

test("fields are written where their names say", () => {
  const dr = withDimension(startDraft(), 3);
  setField(dr, "val3.2", "7");
  setField(dr, "Wq1.3", "2");
  setField(dr, "Wk3.3", "4");
  setField(dr, "v3", "5");
  setField(dr, "k9.1", "8");   // no key 9: ignored
  setField(dr, "nonsense", "8");
  assert.equal(dr.values[2][1], "7");
  assert.equal(dr.Wq[0][2], "2");
  assert.equal(dr.Wk[2][2], "4");
  assert.deepEqual(dr.v, ["1", "1", "5"]);
  assert.equal(dr.keys.length, 3);
});

test("changing d pads vectors with 0 and the W's like the identity, then cuts them back", () => {
  const three = withDimension(startDraft(), 3);
  assert.deepEqual(three.query, ["0.5", "0.3", "0"]);
  assert.deepEqual(three.Wq, [["1", "0", "0"], ["0", "1", "0"], ["0", "0", "1"]]);
  assert.deepEqual(three.v, ["1", "1", "1"]);
  const two = withDimension(three, 2);
  assert.deepEqual(two.keys, startDraft().keys);
  assert.deepEqual(two.Wk, startDraft().Wk);
  assert.equal(withDimension(two, 9).query.length, 4);
  assert.equal(withDimension(two, 1).query.length, 2);
});

test("keys can be added up to 8 and removed down to 2", () => {
  let dr = startDraft();
  while (dr.keys.length < MAX_KEYS) dr = withKeyAdded(dr);
  assert.equal(withKeyAdded(dr).keys.length, MAX_KEYS);
  assert.deepEqual(dr.keys[7], ["0", "0"]);
  assert.equal(dr.values.length, MAX_KEYS);
  dr = withKeyRemoved(startDraft(), 0);
  assert.deepEqual(dr.keys, [["0.1", "0.8"], ["0.6", "0.1"]]);
  assert.equal(withKeyRemoved(dr, 1).keys.length, MIN_KEYS);
});

test("the live summary and the explanation name the winning key and its share", () => {
  const r = attend(start());
  const w = r.dot.softmax.weights.map((x) => `${Math.round(x * 100)}%`);
  assert.equal(summary(r), `Key 3 gets ${w[2]} of the attention (dot-product score); the additive score gives key 2 the most, ${Math.round(r.additive.softmax.weights[1] * 100)}%.`);
  assert.equal(summary(attend({ ...start(), sharpness: 0 })), "Every key gets 33% of the attention (dot-product score); the additive score gives every key 33%.");
  assert.match(summary(attend({ ...start(), keys: [[0.1, 0.8], [0.4, 0.2]] })), /the additive score gives the same key the most, \d+%\.$/);
  const why = whyWinner(r, (v) => num(v));
  assert.match(why, /^Key 3 wins: q·k₃ = 0\.330 is the largest dot product/);
  assert.match(why, /above key 2's/);
  assert.match(whyWinner(attend({ ...start(), keys: [[1, 1], [1, 1]] }), (v) => num(v)), /^No key wins: keys 1 and 2 have the same score/);
  assert.match(whyWinner(attend({ ...start(), sharpness: 0 }), (v) => num(v)), /^No key wins: a sharpness of 0 .* 33%\.$/);
  assert.match(whyAdditive(r, (v) => num(v)), /^The additive score disagrees: it prefers key 2, with e₂ = .* = 1\.338 /);
  assert.match(whyAdditive(attend({ ...start(), sharpness: 0 }), (v) => num(v)), /^The additive score gives every key the same weight/);
  assert.match(whyAdditive(attend({ ...start(), keys: [[0.1, 0.8], [0.4, 0.2]] }), (v) => num(v)), /^The additive score agrees/);
});

test("the tables show every step without NaN, and the picture has an arrow per vector", () => {
  const inp = start();
  for (const r of [attend(inp), attend({ ...inp, query: [1e6, 1e6], keys: [[1e6, -1e6], [1e6, 1e6], [-1e6, 0]] })]) {
    const html = scoresTable(r, inp.query, inp.keys) + softmaxTable(r, r.dot, "dot", "x") + barsTable(r) + contextTable(r) + additiveTable(r);
    assert.ok(!/NaN|undefined/.test(html), html);
    assert.equal((html.match(/data-weight="dot"/g) ?? []).length, 3);
  }
  const svg = arrowsSvg(attend(inp), inp.query, inp.keys, "t");
  assert.match(svg, /<title id="t-title">/);
  assert.equal((svg.match(/class="rnn-ac__arrow /g) ?? []).length, 5);
  assert.ok(!/NaN/.test(svg));
});

test("numbers in the tables use a true minus and powers of ten when huge", () => {
  assert.equal(num(-0.25), "\u22120.250");
  assert.equal(num(2e12), "2.00×10¹²");
  assert.equal(num(0), "0.000");
});

runTests();
