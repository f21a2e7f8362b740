/**
 * Unit tests of the NTM simulator's logic (widgets/ntm-simulator/logic.ts) and of the runtime kind's
 * input layout (widgets/runtime/onnx/kinds/ntm-input.ts): tests/test_memory_widget_logic.py runs
 * this file in Node; each `test(...)` is one pytest case.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import {
  bitsText, compare, describeStep, lengthProblem, MAX_LENGTH, modelIds, parseBits, phaseOf, randomBits, resized, toggled, WIDTH,
} from "../../widgets/ntm-simulator/logic.ts";
import { copyInput } from "../../widgets/runtime/onnx/kinds/ntm-input.ts";

test("the fence's model list is split on spaces or commas, without repeats or odd names", () => {
  assert.deepEqual(modelIds("ntm-copy-8 ntm-copy-16,ntm-copy-32  ntm-copy-8"), ["ntm-copy-8", "ntm-copy-16", "ntm-copy-32"]);
  assert.deepEqual(modelIds("../x <b>"), []);
  assert.deepEqual(modelIds(undefined), []);
});

test("a random sequence is reproducible from its seed and made of 0 and 1", () => {
  const a = randomBits(7, 3), b = randomBits(7, 3), c = randomBits(7, 4);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.ok(a.length === 7 && a.every((r) => r.length === WIDTH && r.every((x) => x === 0 || x === 1)));
});

test("toggling flips one bit and leaves the original alone", () => {
  const a = randomBits(3, 1);
  const b = toggled(a, 1, 5);
  assert.equal(b[1][5], 1 - a[1][5]);
  b[1][5] = a[1][5];
  assert.deepEqual(b, a);
});

test("resizing keeps the first vectors and grows with new ones", () => {
  const a = randomBits(4, 2);
  assert.deepEqual(resized(a, 2, 9), a.slice(0, 2));
  const g = resized(a, 6, 9);
  assert.equal(g.length, 6);
  assert.deepEqual(g.slice(0, 4), a);
});

test("typed bits parse back to what bitsText wrote", () => {
  const a = randomBits(5, 8);
  const p = parseBits(bitsText(a));
  assert.ok("bits" in p);
  assert.deepEqual(p.bits, a);
});

test("an empty, too long or malformed sequence gets a sentence", () => {
  for (const [text, words] of [["", "empty"], ["   ", "empty"], [Array(MAX_LENGTH + 1).fill("01010101").join(" "), `at most ${MAX_LENGTH}`],
    ["0101", "not 8 digits"], ["01010101 0101010x", "Vector 2"]] as const) {
    const p = parseBits(text);
    assert.ok("problem" in p && p.problem.includes(words), `${text.slice(0, 20)}: ${JSON.stringify(p)}`);
  }
  assert.equal(lengthProblem(1), null);
  assert.equal(lengthProblem(MAX_LENGTH), null);
  assert.ok(lengthProblem(0)?.includes("empty"));
  assert.ok(lengthProblem(MAX_LENGTH + 1)?.includes(String(MAX_LENGTH + 1)));
});

test("the steps are reading, one delimiter, then answering", () => {
  const L = 3;
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((t) => phaseOf(t, L).phase), ["read", "read", "read", "delimiter", "answer", "answer", "answer"]);
  assert.equal(phaseOf(6, L).index, 2);
  assert.ok(describeStep(3, L).includes("delimiter"));
});

test("the copy is read from the answer steps and wrong bits are counted", () => {
  const bits = [[1, 0, 1, 0, 1, 0, 1, 0], [0, 0, 0, 0, 1, 1, 1, 1]];
  const L = bits.length, y = new Float32Array((2 * L + 1) * WIDTH).fill(-5);
  bits.forEach((row, i) => row.forEach((b, j) => (y[(L + 1 + i) * WIDTH + j] = b ? 3 : -3)));
  assert.equal(compare(y, bits).wrongBits, 0);
  y[(L + 2) * WIDTH + 7] = -1;          // the last bit of the second vector comes out 0
  const c = compare(y, bits);
  assert.equal(c.wrongBits, 1);
  assert.equal(c.wrongVectors, 1);
  assert.equal(c.wrong[1][7], true);
});

test("the model's input is the bits, one delimiter step, then blank steps", () => {
  const bits = [[1, 1, 0, 0, 0, 0, 0, 1], [0, 1, 0, 0, 0, 0, 0, 0]];
  const x = copyInput(bits, WIDTH), C = WIDTH + 1;
  assert.equal(x.length, 5 * C);
  assert.deepEqual([...x.subarray(0, C)], [1, 1, 0, 0, 0, 0, 0, 1, 0]);
  assert.deepEqual([...x.subarray(2 * C, 3 * C)], [0, 0, 0, 0, 0, 0, 0, 0, 1]);
  assert.ok(x.subarray(3 * C).every((v) => v === 0));
});

runTests();
