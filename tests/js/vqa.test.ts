/**
 * Unit tests of the question-answering widget's pure logic (widgets/scene-vqa/logic.ts): the top
 * answers, random scenes, and the sentences for questions the model cannot read.
 * tests/test_vqa_logic.py runs them, one pytest case each.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import * as L from "../../widgets/scene-vqa/logic.ts";
import { SIZES } from "../../widgets/image-captioning/scene.ts";

test("top answers: the most probable first, k of them", () => {
  const got = L.topAnswers([0.1, 0.6, 0.05, 0.25], ["a", "b", "c", "d"], 3);
  assert.deepEqual(got.map((r) => r.answer), ["b", "d", "a"]);
});

test("random scene: the same seed gives the same scene, another seed another", () => {
  assert.deepEqual(L.randomScene(7), L.randomScene(7));
  assert.notDeepEqual(L.randomScene(7), L.randomScene(8));
});

test("random scene: one to three shapes that do not overlap", () => {
  for (let seed = 1; seed < 60; seed++) {
    const ss = L.randomScene(seed).shapes;
    assert.ok(ss.length >= 1 && ss.length <= 3, String(seed));
    for (let i = 0; i < ss.length; i++) for (let j = i + 1; j < ss.length; j++) {
      const gap = SIZES[ss[i].size] + SIZES[ss[j].size];
      assert.ok(Math.abs(ss[i].x - ss[j].x) >= gap || Math.abs(ss[i].y - ss[j].y) >= gap, String(seed));
    }
  }
});

test("question problem: the padding token cannot be typed (it reads as the unknown word pad)", () => {
  const words = L.tokenise("<pad>");
  assert.deepEqual(words, ["pad"]);
  assert.ok(L.questionProblem(words, ["<pad>", "what"], 12)?.includes("“pad”"));
});

test("question problem: each unknown word is named once", () => {
  const said = L.questionProblem(["what", "color", "color", "fridge"], ["<pad>", "what"], 12) ?? "";
  assert.equal(said.split("“color”").length - 1, 1);
  assert.ok(said.includes("“fridge”"));
});

runTests();
