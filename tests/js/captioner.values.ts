/**
 * The captioner's world in the browser (widgets/image-captioning/scene.ts) on scenes drawn here
 * with mulberry32 (every shape, colour and size, plain and noisy backgrounds, overlaps, shapes at
 * the border), for tests/test_captioner_scenes.py to compare pixel by pixel and word by word with
 * build_models/scenes/data.py; and the grammar's judgement of captions against metrics.judge.
 */
import { printValues } from "./harness.ts";
import { caption, COLOUR_NAMES, judge, parse, render, SHAPES, SIZE, type Scene } from "../../widgets/image-captioning/scene.ts";
import { mulberry32 } from "../../widgets/lib/random.ts";

const rand = mulberry32(2024);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const scenes: Scene[] = [];
for (let i = 0; i < 16; i++) {
  const n = i % 4;   // 0..3 shapes: the empty scene too
  scenes.push({
    shapes: Array.from({ length: n }, () => ({
      shape: pick(SHAPES), colour: pick(COLOUR_NAMES), size: pick(["small", "large"]),
      x: Math.floor(rand() * SIZE), y: Math.floor(rand() * SIZE),
    })),
    background: i % 2 ? "noise" : "plain",
    noise_seed: Math.floor(rand() * 2 ** 32),
  });
}

const captions = [
  ["a small red circle left of a large blue square", "a small red circle left of a large blue square"],
  ["a small red circle left of a large blue square", "a small red circle above a large blue square"],
  ["a small red circle left of a large blue square", "a large red circle left of a large green square"],
  ["a small red circle , a large blue square and a small green triangle", "a small red circle and a large blue square"],
  ["a large cyan triangle", "a large cyan"],
  ["a large cyan triangle", "a large cyan triangle left of"],
  ["a small purple square above a small yellow circle", "a small purple square above a small yellow circle , a"],
];

printValues({
  scenes,
  pixels: scenes.map((s) => Array.from(render(s))),
  captions: scenes.map((s) => caption(s)),
  judged: captions.map(([t, p]) => judge(t.split(" "), p.split(" "))),
  parsed: captions.map(([, p]) => parse(p.split(" "))),
  captionPairs: captions,
});
