/**
 * Unit tests of Module 8's model widgets' pure logic: the small world's grammar
 * (widgets/word-model-kit/grammar.ts), the charts (chart.ts), and the logic of the stress test,
 * the speed comparison and the Transformer teaser. The word lists are the shipped stress-test
 * model's (pretrained/stress-lstm/meta.json), as the widgets read them. tests/test_word_model_logic.py
 * runs this file in Node, one pytest case per test.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import meta from "../../pretrained/stress-lstm/meta.json" with { type: "json" };
import { formShare, makeBrackets, makeSentence, parseAgreement, words, type Tasks } from "../../widgets/word-model-kit/grammar.ts";
import { nearest, type WordModelEntry } from "../../widgets/word-model-kit/models.ts";
import { lineChart } from "../../widgets/word-model-kit/chart.ts";
import { describeParse, depthLines, sentenceSeed, summary, verdict } from "../../widgets/stress-test/logic.ts";
import { LENGTHS, MAX_RUNS, qualityAt, runsFor, speedLines, speedSummary } from "../../widgets/sequence-speed/logic.ts";
import { attentionMatrix, attentionRow, busiestUnits, describeRow, meanOverHeads } from "../../widgets/transformer-teaser/logic.ts";
import { mulberry32 } from "../../widgets/lib/random.ts";

const tasks = (meta as unknown as { tasks: Tasks }).tasks;
const world = tasks.agreement;
const SLEEP: [string, string] = ["sleeps", "sleep"];
const vocab = new Set((meta as unknown as { vocabulary: string[] }).vocabulary);

test("a typed sentence is split into lower-case words with the full stop as a word", () => {
  assert.deepEqual(words("  The Cat  sleeps."), ["the", "cat", "sleeps", "."]);
  assert.deepEqual(words(""), []);
});

test("the first noun is the subject and the nouns after it are the attractors", () => {
  const p = parseAgreement(words("the cat that the dogs near the house chase sleeps ."), world, SLEEP);
  assert.equal(p.subject, 1);
  assert.equal(p.singular, true);
  assert.deepEqual(p.attractors, [{ word: "dogs", singular: false }, { word: "house", singular: true }]);
  assert.deepEqual(p.verb, ["sleeps", "sleep"]);
  assert.equal(p.hadVerb, true);
  assert.deepEqual(p.prefix, words("the cat that the dogs near the house chase"));
});

test("a sentence typed without its verb is all prefix and the fallback verb is tested", () => {
  const p = parseAgreement(words("the children near the tree"), world, ["runs", "run"]);
  assert.equal(p.hadVerb, false);
  assert.deepEqual(p.verb, ["runs", "run"]);
  assert.equal(p.singular, false);
  assert.equal(p.prefix.length, 5);
});

test("a sentence with the plural verb form is cut before it and keeps the verb's pair", () => {
  const p = parseAgreement(words("the dogs laugh"), world, SLEEP);
  assert.deepEqual(p.verb, ["laughs", "laugh"]);
  assert.deepEqual(p.prefix, ["the", "dogs"]);
});

test("without a noun there is no subject and the description says what to type", () => {
  const p = parseAgreement(words("that the"), world, SLEEP);
  assert.equal(p.subject, null);
  assert.match(describeParse(p), /start with “the” and a noun/);
});

test("generated sentences have the asked depth, use known words and parse back to their subject", () => {
  for (let depth = 0; depth <= 10; depth++) {
    for (let n = 1; n <= 20; n++) {
      for (const hard of [true, false]) {
        const ws = makeSentence(mulberry32(sentenceSeed(depth, n)), world, depth, hard);
        assert.ok(ws.every((w) => vocab.has(w)), ws.join(" "));
        const p = parseAgreement(ws, world, SLEEP);
        assert.equal(p.attractors.length, depth, ws.join(" "));
        assert.equal(p.hadVerb, true);
        const verbSingular = ws[ws.length - 2] === p.verb[0];
        assert.equal(verbSingular, p.singular, ws.join(" "));
        if (hard) assert.ok(p.attractors.every((a) => a.singular !== p.singular), ws.join(" "));
      }
    }
  }
});

test("the same seed gives the same sentence", () => {
  const a = makeSentence(mulberry32(7), world, 4, true).join(" ");
  assert.equal(makeSentence(mulberry32(7), world, 4, true).join(" "), a);
});

test("a bracket sequence opens one environment and has distance filler tokens", () => {
  const b = makeBrackets(mulberry32(3), tasks.brackets, 50);
  assert.equal(b.words.length, 51);
  assert.equal(b.words[0], tasks.brackets.begin[b.env]);
  assert.ok(b.words.slice(1).every((w) => tasks.brackets.filler.includes(w)));
  const closed = makeBrackets(mulberry32(3), tasks.brackets, 50, true);
  assert.equal(closed.words[51], tasks.brackets.end[closed.env]);
});

test("the two forms' shares sum to one, and zero probabilities give even odds", () => {
  const s = formShare(0.03, 0.01);
  assert.ok(Math.abs(s.singular - 0.75) < 1e-12 && Math.abs(s.plural - 0.25) < 1e-12);
  assert.deepEqual(formShare(0, 0), { singular: 0.5, plural: 0.5 });
});

test("the verdict's correct share follows the subject's number", () => {
  const sg = parseAgreement(words("the cat"), world, SLEEP);
  const pl = parseAgreement(words("the cats"), world, SLEEP);
  assert.ok(Math.abs(verdict(sg, 0.3, 0.1).correct! - 0.75) < 1e-12);
  assert.ok(Math.abs(verdict(pl, 0.3, 0.1).correct! - 0.25) < 1e-12);
  assert.equal(verdict(parseAgreement([], world, SLEEP), 0.3, 0.1).correct, null);
});

const entry = (cell: "rnn" | "gru" | "lstm" | "transformer", acc: number[], ms: number[]): WordModelEntry => ({
  id: `stress-${cell}`, kind: "word-lm", meta: "", cell, hidden: 8, layers: 1, heads: 0, parameters: 1000, bytes: 1, val_loss: 1,
  train_depth: 3, train_distance: 40,
  agreement: acc.map((a, depth) => ({ depth, hard: { n: 10, accuracy: a, mean_p: a }, mixed: { n: 10, accuracy: 1, mean_p: 1 } })),
  brackets: [5, 40, 320].map((distance, i) => ({ distance, n: 10, accuracy: acc[i] ?? 1, mean_p: 1 })),
  speed: { machine: { device: "CPU", torch: "x" }, batch: 1, repeats: 3, rows: ms.map((m, i) => ({ length: LENGTHS[i], ms: m })) },
  files: {},
});

test("the summary names the models that prefer the right form and those that do not", () => {
  const es = [entry("rnn", [1], [1]), entry("lstm", [1], [1])];
  const sg = parseAgreement(words("the cat"), world, SLEEP);
  assert.equal(summary(es, [verdict(sg, 0.9, 0.1), verdict(sg, 0.9, 0.1)]), "All 2 models prefer the correct form.");
  assert.equal(summary(es, [verdict(sg, 0.1, 0.9), verdict(sg, 0.9, 0.1)]), "LSTM prefers the correct form; Vanilla RNN does not.");
  assert.equal(summary(es, [verdict(sg, 0.1, 0.9), verdict(sg, 0.2, 0.9)]), "None of the 2 models prefers the correct form.");
});

test("the depth lines hold one point per evaluated depth from the hard or mixed sets", () => {
  const lines = depthLines([entry("lstm", [1, 0.9, 0.8], [1])], true);
  assert.deepEqual(lines[0].points, [[0, 1], [1, 0.9], [2, 0.8]]);
  assert.deepEqual(depthLines([entry("lstm", [1, 0.9, 0.8], [1])], false)[0].points.map((p) => p[1]), [1, 1, 1]);
});

test("the chart draws one line per series with the training range shaded and escapes names", () => {
  const svg = lineChart([{ name: "<b>", cell: "lstm", points: [[0, 1], [5, 0.5]] }], {
    title: "t", description: "d", xLabel: "x", yLabel: "y", idPrefix: "p", xTicks: [0, 5], trainedUpTo: 3, marker: 2, chance: 0.5, percent: true, width: 400,
  });
  assert.equal((svg.match(/<polyline/g) ?? []).length, 1);
  assert.match(svg, /rnn-wmc__trained/);
  assert.match(svg, /rnn-wmc__marker/);
  assert.ok(!svg.includes("<b>") && svg.includes("&lt;b&gt;"));
  assert.match(svg, />50%</);
});

test("a log chart places 16 and 1024 at the two ends", () => {
  const svg = lineChart([{ name: "a", cell: "lstm", points: [[16, 1], [1024, 10]] }], {
    title: "t", description: "d", xLabel: "x", yLabel: "y", idPrefix: "p", xTicks: [16, 1024], log: true, width: 400,
  });
  const xs = [...svg.matchAll(/<circle cx="([\d.]+)"/g)].map((m) => Number(m[1]));
  assert.deepEqual(xs, [52, 386]);
});

test("the number of timed runs fits the budget, between 1 and the maximum", () => {
  assert.equal(runsFor(100, 750), 7);
  assert.equal(runsFor(2000, 750), 1);
  assert.equal(runsFor(0.01, 750), MAX_RUNS);
  assert.equal(runsFor(NaN, 750), MAX_RUNS);
});

test("the speed lines pair this browser's times with PyTorch's, dashed", () => {
  const e = entry("lstm", [1], [1, 2, 4]);
  const lines = speedLines([e], new Map([[e.id, new Map([[64, 3], [16, 1]])]]));
  assert.deepEqual(lines[0].points, [[16, 1], [64, 3]]);
  assert.equal(lines[1].dashed, true);
  assert.deepEqual(lines[1].points, [[16, 1], [32, 2], [64, 4]]);
});

test("quality at a length is the nearest evaluated distance, flagged beyond training", () => {
  const e = entry("lstm", [1, 0.9, 0.6], [1]);
  assert.equal(qualityAt(e, 16).row!.distance, 5);
  assert.equal(qualityAt(e, 16).beyond, false);
  assert.equal(qualityAt(e, 1024).row!.distance, 320);
  assert.equal(qualityAt(e, 1024).beyond, true);
  assert.equal(nearest([], (r: number) => r, 3), null);
});

test("the speed summary says which model is faster and by how much", () => {
  const es = [entry("lstm", [1], [1]), entry("transformer", [1], [1])];
  assert.equal(speedSummary(es, 1024, [4, 12]), "1,024 tokens on this machine: LSTM 4.00 ms, Transformer 12.0 ms (the LSTM is 3.0× faster).");
});

test("one head's attention rows come from the right slice of [L,heads,T,T]", () => {
  const L = 2, H = 2, T = 3;
  const att = Float32Array.from({ length: L * H * T * T }, (_, i) => i);
  assert.deepEqual(attentionRow(att, H, T, 1, 0, 2), [24, 25, 26]);
  assert.deepEqual(attentionMatrix(att, H, T, 0, 1)[0], [9, 10, 11]);
  assert.deepEqual(meanOverHeads(att, H, T, 0)[0], [4.5, 5.5, 6.5]);
});

test("the busiest units are those with the largest variance over the sentence", () => {
  // states [T=3, H=3]: unit 1 varies most, unit 2 a little, unit 0 not at all
  const s = Float32Array.from([0, -1, 0.1, 0, 1, 0, 0, -1, 0.2]);
  assert.deepEqual(busiestUnits(s, 3, 3, 2), [1, 2]);
});

test("a row is described by its heaviest earlier words, largest first", () => {
  const w = ["<s>", "the", "cat", "sleeps"];
  assert.equal(describeRow(w, [0.05, 0.2, 0.7, 0.05], 3), "“sleeps” reads most from “cat” (70%), “the” (20%).");
  assert.equal(describeRow(w, [1, 0, 0, 0], 0), "“<s>” reads most from “<s>” (100%).");
});

runTests();
