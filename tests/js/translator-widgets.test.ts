/**
 * Unit tests of the translator widgets' pure logic: widgets/translator-kit/alignment.ts and the
 * logic.ts of attention-visualizer, attention-hard, attention-debugging and beam-stepper. Inputs
 * are made up here (never a model's words or weights); tests/test_translator_widgets.py bundles
 * this file with esbuild and runs it in Node, one pytest case per `test(...)`.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import { argmax, attentionRows, clip, entropy, focusSentence, heat, inputNotes, topSources } from "../../widgets/translator-kit/alignment.ts";
import { adjectiveAnswer, summary } from "../../widgets/attention-visualizer/logic.ts";
import { explain, offPeak, repeats } from "../../widgets/attention-hard/logic.ts";
import { DIAGNOSES, explainCase, readScore, scored, scoreText, shortThreshold, shuffledOrder } from "../../widgets/attention-debugging/logic.ts";
import { stepCount, stepView, verdict, WIDTHS } from "../../widgets/beam-stepper/logic.ts";
import type { Mistranslation } from "../../widgets/translator-kit/translators.ts";

// a made-up alignment: 3 source words, 3 output words, the adjective after the noun
const A = {
  sourceWords: ["a", "red", "car"],
  words: ["une", "voiture", "rouge"],
  attention: Float32Array.from([0.8, 0.1, 0.1, 0.1, 0.1, 0.8, 0.05, 0.9, 0.05]),
};

test("attention rows are the [T,S] matrix read row by row", () => {
  const rows = attentionRows(A);
  assert.equal(rows.length, 3);
  assert.equal(rows[2].length, 3);
  assert.ok(Math.abs(rows[1][2] - 0.8) < 1e-6);
});

test("argmax takes the first of ties and -1 for nothing", () => {
  assert.equal(argmax([0.2, 0.5, 0.5]), 1);
  assert.equal(argmax([]), -1);
});

test("entropy is 0 on one word and log S spread evenly", () => {
  assert.equal(entropy([0, 1, 0]), 0);
  assert.ok(Math.abs(entropy([0.25, 0.25, 0.25, 0.25]) - Math.log(4)) < 1e-12);
});

test("top sources are the heaviest words above the floor", () => {
  const top = topSources([0.05, 0.9, 0.05], A.sourceWords);
  assert.deepEqual(top.map((x) => x.word), ["red", "a", "car"]);
  assert.deepEqual(topSources([0.01, 0.98, 0.01], A.sourceWords).map((x) => x.index), [1]);
});

test("the focus sentence names the word and its heaviest source with a percentage", () => {
  const s = focusSentence(A, 2);
  assert.match(s, /French word 3, “rouge”, looked mostly at “red” 90%/);
  assert.equal(focusSentence(A, 7), "");
});

test("input notes say what was cut and which words are unknown", () => {
  assert.deepEqual(inputNotes({ sourceWords: ["a"], unknown: [], truncated: 0 }), []);
  const notes = inputNotes({ sourceWords: Array(30).fill("x"), unknown: ["zorglub", "<b>"], truncated: 970 });
  assert.match(notes[0], /reads at most 30 words, so the last 970 words were left out/);
  assert.match(notes[1], /2 words are outside .*“zorglub”, “<b>”.*<unk>/);
});

test("clip cuts long text with an ellipsis", () => {
  assert.equal(clip("abc", 5), "abc");
  assert.equal(clip("abcdefgh", 5), "abcd…");
});

test("every heat colour has text contrast of at least 4.5", () => {
  for (let i = 0; i <= 100; i++) assert.ok(heat(i / 100).contrast >= 4.5, `weight ${i / 100}: ${heat(i / 100).contrast}`);
  assert.equal(heat(0).color, "#000000");
  assert.equal(heat(1).color, "#ffffff");
  assert.equal(heat(NaN).background, heat(0).background);
});

test("the visualizer's summary counts the words", () => {
  assert.match(summary(A), /^3 English words became 3 French words/);
});

test("the adjective answer finds the order flip from the alignment", () => {
  const [s] = adjectiveAnswer(A);
  assert.match(s, /“rouge” \(French word 3\) looked mostly at “red” \(English word 2\)/);
  assert.match(s, /noun “car” was translated first, as “voiture” \(French word 2\)/);
  const kept = { ...A, words: ["une", "rouge", "voiture"], attention: Float32Array.from([0.8, 0.1, 0.1, 0.05, 0.9, 0.05, 0.1, 0.1, 0.8]) };
  assert.match(adjectiveAnswer(kept)[0], /came before the noun/);
  assert.match(adjectiveAnswer({ ...A, sourceWords: ["a", "car", "."] })[0], /no adjective/);
});

const run = (words: string[], focus?: number[], hitMaxLen = false) => ({
  sourceWords: A.sourceWords, words, text: words.join(" "), hitMaxLen,
  attention: Float32Array.from(words.flatMap((_, t) => [[0.8, 0.1, 0.1], [0.1, 0.1, 0.8], [0.05, 0.9, 0.05]][t % 3])),
  steps: words.map((word, t) => ({ word, ...(focus ? { focus: focus[t] } : {}) })),
});

test("repeats counts words said twice in a row, not punctuation", () => {
  assert.deepEqual(repeats(["la", "la", "la", ".", "."]), ["la", "la"]);
  assert.deepEqual(repeats(["une", "voiture"]), []);
});

test("off-peak steps are those where the hard focus is not the soft argmax", () => {
  assert.deepEqual(offPeak(run(["une", "voiture", "rouge"], [0, 0, 1])), [1]);
});

test("the hard explanation says same, or names the parting word, repeats and length", () => {
  const soft = run(["une", "voiture", "rouge"]);
  assert.match(explain(soft, run(["une", "voiture", "rouge"], [0, 2, 1]), "argmax"), /gave the same translation/);
  const bad = run(["une", "voiture", "voiture", "voiture"], [0, 2, 2, 2], true);
  const s = explain(soft, bad, "argmax");
  assert.match(s, /part at French word 3: soft attention said “rouge”, hard attention “voiture”/);
  assert.match(s, /repeats itself: “voiture” right after itself 2 times \(soft attention: 0\)/);
  assert.match(s, /1 word longer \(4 against 3\)/);
  assert.match(s, /length limit/);
});

const CASE: Mistranslation = {
  source: "fold up your bedding.", refs: ["plie ta literie."], greedy: "x y z", sentence_bleu: 0,
  attention_entropy: 0.8, unknown: ["fold", "bedding"], repeats: false, length_ratio: 0.5, diagnosis: "unknown-word",
};
const RULES = "in this order: unknown-word (…), too-short (under 0.6 of the shortest reference's words), else wrong-words";

test("the five diagnoses are the rules' five, each with a plain label", () => {
  assert.deepEqual(DIAGNOSES.map((d) => d.id), ["unknown-word", "repetition", "diffuse-attention", "too-short", "wrong-words"]);
  assert.ok(DIAGNOSES.every((d) => d.label.length > 10 && !d.label.includes("-")));
});

test("the shuffle is a fixed permutation", () => {
  const a = shuffledOrder(60), b = shuffledOrder(60);
  assert.deepEqual(a, b);
  assert.deepEqual([...a].sort((x, y) => x - y), Array.from({ length: 60 }, (_, i) => i));
  assert.notDeepEqual(a, Array.from({ length: 60 }, (_, i) => i));
});

test("the too-short threshold is read from the rules text", () => {
  assert.equal(shortThreshold(RULES), 0.6);
  assert.equal(shortThreshold("no numbers here"), null);
});

test("a case's explanation lists its measured facts against the thresholds", () => {
  const facts = explainCase(CASE, { rules: RULES, diffuse_entropy: 1.5 });
  assert.match(facts[0], /“fold”, “bedding”/);
  assert.match(facts[1], /no French word comes twice/);
  assert.match(facts[2], /0\.8 nats per French word, under the threshold of 1\.5/);
  assert.match(facts[3], /0\.5 times the shortest reference's words, under 0\.6/);
  assert.match(facts[4], /outside its vocabulary/);
  const diffuse = explainCase({ ...CASE, unknown: [], attention_entropy: 2, diagnosis: "diffuse-attention" }, { rules: RULES, diffuse_entropy: 1.5 });
  assert.match(diffuse[2], /above the threshold/);
  assert.match(explainCase(CASE, { rules: RULES, diffuse_entropy: null })[2], /no threshold/);
});

test("scores count and unreadable saved scores read as zero", () => {
  assert.deepEqual(scored(scored({ right: 0, tried: 0 }, true), false), { right: 1, tried: 2 });
  assert.deepEqual(readScore({ right: 3, tried: 5 }), { right: 3, tried: 5 });
  for (const bad of [null, "x", { right: 6, tried: 5 }, { right: -1, tried: 2 }, { right: 1.5, tried: 2 }]) assert.deepEqual(readScore(bad), { right: 0, tried: 0 });
  assert.match(scoreText({ right: 1, tried: 2 }), /1 of 2/);
});

const h = (words: string[], logProb: number) => ({ words, logProb, score: logProb / Math.max(1, words.length) });

test("a beam step's view: kept, finished now, pruned", () => {
  const trace = [
    { alive: [h(["je"], -0.5), h(["j'"], -1)], finished: [] },
    { alive: [h(["je", "pense"], -1)], finished: [h(["je"], -2)] },
    { alive: [h(["je", "pense", "."], -1.5)], finished: [h(["je"], -2), h(["je", "pense"], -1.2)] },
  ];
  const v0 = stepView(trace, 0);
  assert.equal(v0.kept.length, 2);
  assert.equal(v0.pruned.length, 0);
  const v1 = stepView(trace, 1);
  assert.deepEqual(v1.pruned.map((x) => x.words), [["j'"]]);
  assert.deepEqual(v1.finishedNow.map((x) => x.words), [["je"]]);
  const v2 = stepView(trace, 2);
  assert.deepEqual(v2.finishedNow.map((x) => x.words), [["je", "pense"]]);
  assert.equal(v2.finishedBefore.length, 1);
  assert.equal(v2.pruned.length, 0);
  assert.equal(stepCount(2, trace), 3);
  assert.equal(stepCount(5, trace), 6);
});

test("the beam verdict says agreement, width 1 as greedy, or the difference in scores", () => {
  const g = { text: "a b", score: -0.5, logProb: -1.5 };
  assert.match(verdict(g, g, 1), /it is greedy decoding/);
  assert.match(verdict(g, g, 4), /agrees with greedy/);
  assert.match(verdict(g, { text: "c", score: -0.4, logProb: -0.8 }, 4), /led to a better sentence/);
  assert.match(verdict(g, { text: "c", score: -0.6, logProb: -1.2 }, 4), /not guaranteed/);
  assert.deepEqual(WIDTHS, [1, 2, 3, 4, 5, 6, 7, 8]);
});

runTests();
