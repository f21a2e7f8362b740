/**
 * Unit tests of the captioning widget's pure logic (widgets/image-captioning/logic.ts): upload
 * checks, the editor's rules, the guess game's score and the right/wrong sentences.
 * tests/test_captioner_logic.py runs them, one pytest case each.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import * as L from "../../widgets/image-captioning/logic.ts";
import { caption, inside, MAX_SHAPES, type Scene } from "../../widgets/image-captioning/scene.ts";

const scene = (): Scene => ({ shapes: [
  { shape: "circle", colour: "red", size: "small", x: 12, y: 30 },
  { shape: "square", colour: "blue", size: "large", x: 48, y: 32 },
], background: "plain", noise_seed: 1 });

test("upload: a non-image is refused by its type, naming the file", () => {
  const said = L.uploadProblem({ name: "notes.txt", type: "text/plain", size: 10 });
  assert.ok(said && said.includes("notes.txt") && said.includes("not an image"));
});

test("upload: a picture over the size limit is refused before decoding, saying its size", () => {
  const said = L.uploadProblem({ name: "big.jpg", type: "image/jpeg", size: 50 * 1048576 });
  assert.ok(said && said.includes("50.0 MB"));
  assert.equal(L.uploadProblem({ name: "ok.jpg", type: "image/jpeg", size: L.MAX_UPLOAD_BYTES }), null);
});

test("upload: a 1x1 image is too small, an 8x8 one is read", () => {
  assert.ok(L.sizeProblem(1, 1)?.includes("1×1"));
  assert.equal(L.sizeProblem(L.MIN_SIDE, L.MIN_SIDE), null);
});

test("editor: the hit test finds the topmost shape and nothing on the background", () => {
  const s = scene();
  assert.equal(L.hitTest(s, 12, 30), 0);
  assert.equal(L.hitTest(s, 48, 32), 1);
  assert.equal(L.hitTest(s, 30, 5), -1);
  s.shapes.push({ shape: "square", colour: "green", size: "large", x: 12, y: 30 });
  assert.equal(L.hitTest(s, 12, 30), 2);
});

test("editor: a new shape lands clear of the others", () => {
  const s = scene();
  const n = L.newShape(s, 3);
  for (const o of s.shapes) {
    for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) assert.ok(!(inside(n, x, y) && inside(o, x, y)), `overlap at ${x},${y}`);
  }
});

test("editor: a moved shape stays on the canvas", () => {
  const s = scene().shapes[0];
  assert.deepEqual([L.moved(s, -100, 0).x, L.moved(s, 0, 100).y], [0, 63]);
});

test("editor: the full-scene sentence names the cap", () => {
  assert.ok(L.FULL_SCENE.includes(`at most ${MAX_SHAPES} shapes`));
});

test("guess: the top cell is spot on, a neighbour is next door, a far cell says how far", () => {
  const w = new Float32Array(64);
  w[9] = 0.7; w[10] = 0.3;
  assert.equal(L.scoreGuess(9, w).distance, 0);
  assert.ok(L.scoreGuess(9, w).verdict.startsWith("Spot on"));
  assert.equal(L.scoreGuess(18, w).distance, 1);
  const far = L.scoreGuess(63, w);
  assert.equal(far.distance, 6);
  assert.ok(far.verdict.includes("row 2, column 2"));
  assert.equal(L.scoreGuess(10, w).share, w[10]);
});

test("verdicts: a right caption is right on every object and the relation", () => {
  const s = scene();
  const v = L.verdicts(s, caption(s));
  assert.equal(v.length, 3);
  assert.ok(v.every((x) => x.ok));
});

test("verdicts: a wrong colour and a wrong relation are named", () => {
  const s = scene();
  const v = L.verdicts(s, "a small green circle above a large blue square".split(" "));
  assert.ok(v.some((x) => !x.ok && x.line.includes("colour wrong")));
  assert.ok(v.some((x) => !x.ok && x.line.includes("relation")));
});

test("verdicts: a caption outside the grammar says so", () => {
  const v = L.verdicts(scene(), ["a", "small"]);
  assert.ok(!v[0].ok && v[0].line.includes("grammar"));
});

test("feature maps: energy peaks at 1 and the liveliest channel is the one that varies", () => {
  const fmap = new Float32Array(3 * 64);
  fmap[64 + 5] = 4;            // channel 1 varies, channels 0 and 2 are flat
  fmap.fill(2, 128, 192);
  const e = L.energy(fmap, 3);
  assert.equal(Math.max(...e), 1);
  assert.deepEqual(L.liveliestChannels(fmap, 3, 1), [1]);
  assert.equal(L.channelMap(fmap, 1)[5], 1);
});

runTests();
