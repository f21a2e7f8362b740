/**
 * The question grammar in the browser (widgets/scene-vqa/questions.ts) and the widget's reading of
 * typed questions (logic.ts) on scenes drawn here (random scenes of the widget, duplicates, a
 * vertical pair, a lone shape, an empty scene), for tests/test_vqa_questions.py to compare with
 * build_models/scenes/questions.py.
 */
import { printValues } from "./harness.ts";
import type { Scene } from "../../widgets/image-captioning/scene.ts";
import { candidates } from "../../widgets/scene-vqa/questions.ts";
import { EMPTY_QUESTION, questionProblem, randomScene, tokenise, verdictOf } from "../../widgets/scene-vqa/logic.ts";

const scenes: Scene[] = Array.from({ length: 40 }, (_, i) => randomScene(100 + i));
scenes.push(
  { shapes: [], background: "plain", noise_seed: 0 },
  { shapes: [{ shape: "circle", colour: "red", size: "small", x: 20, y: 10 }, { shape: "circle", colour: "red", size: "large", x: 24, y: 44 }], background: "plain", noise_seed: 0 },
  { shapes: [{ shape: "square", colour: "blue", size: "large", x: 30, y: 30 }], background: "noise", noise_seed: 5 },
  { shapes: [{ shape: "triangle", colour: "cyan", size: "small", x: 10, y: 30 }, { shape: "triangle", colour: "cyan", size: "small", x: 30, y: 32 }, { shape: "square", colour: "cyan", size: "large", x: 50, y: 20 }], background: "plain", noise_seed: 0 },
);
const vocab = ["<pad>", "what", "colour", "is", "the", "triangle", "how", "many", "squares", "are", "there"];
const typed = ["What colour is the triangle?", "what color is the fridge", "", "   ?! ", "how many squares are there there there there there there there there there", "What COLOR is the triangle?"];

printValues({
  scenes,
  candidates: scenes.map((s) => candidates(s)),
  tokens: typed.map(tokenise),
  problems: typed.map((t) => questionProblem(tokenise(t), vocab, 12)),
  empty: EMPTY_QUESTION,
  verdicts: [verdictOf(scenes[42], ["what", "colour", "is", "the", "square"], "blue").verdict,
    verdictOf(scenes[42], ["what", "colour", "is", "the", "square"], "red").verdict,
    verdictOf(scenes[42], ["what", "colour", "is", "the", "triangle"], "red").verdict],
});
