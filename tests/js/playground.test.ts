/**
 * Unit tests of the Temperature Playground's seed cap (widgets/temperature-playground/logic.ts
 * seedTail): the model reads the last MAX_SEED_CHARS characters, counted in code points.
 * tests/test_playground_logic.py runs this file in Node.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import { MAX_SEED_CHARS, seedTail } from "../../widgets/model-kit/vocab.ts";

test("a short seed is read whole", () => {
  assert.deepEqual(seedTail("ROMEO:\n"), { text: "ROMEO:\n", total: 7, capped: false });
});

test("a long seed is cut to its last characters and its length is counted", () => {
  const text = "ab".repeat(30_000);
  const r = seedTail(text);
  assert.equal(r.capped, true);
  assert.equal(r.total, 60_000);
  assert.equal(r.text, text.slice(-MAX_SEED_CHARS));
});

test("characters outside the basic plane count once and are never split", () => {
  const text = "😀".repeat(10) + "x".repeat(5);
  const r = seedTail(text, 8);
  assert.equal(r.text, "😀😀😀xxxxx");
  assert.equal(r.total, 15);
  assert.equal(r.capped, true);
});

test("a seed of exactly the cap is not capped", () => {
  const r = seedTail("é".repeat(MAX_SEED_CHARS));
  assert.equal(r.capped, false);
  assert.equal(r.total, MAX_SEED_CHARS);
});

test("a megabyte paste is capped without reading it into an array", () => {
  const r = seedTail("the ".repeat(262_144));
  assert.equal(r.total, 1_048_576);
  assert.equal(Array.from(r.text).length, MAX_SEED_CHARS);
});

runTests();
