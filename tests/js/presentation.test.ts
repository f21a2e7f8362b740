/**
 * Unit tests of Module 10's Presentation Mode (widgets/presentation/logic.ts): the deck built from
 * crafted stores (every slide present; each missing piece said in a sentence), the summary sentence,
 * overfitting detection, the frequencies-only baseline, the samples chosen and the liveliest cell.
 * tests/test_presentation.py runs this file in Node; each `test(...)` is one pytest case.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import {
  bestSamples, buildDeck, liveliestCell, overfitted, referencesFrom, summarySentence, unigramNats, type DeckInputs, type Slide,
} from "../../widgets/presentation/logic.ts";
import type { Earned, StudioRun } from "../../widgets/lib/achievements.ts";
import type { KeptSample } from "../../widgets/lib/samples.ts";
import challenges from "../../docs/data/studio/challenges.json" with { type: "json" };

const NOW = Date.parse("2026-12-05T12:00:00Z");
const IDS = ["title", "approach", "curves", "results", "samples", "neurons", "demo", "badges", "next"];

const run = (over: Partial<StudioRun> = {}): StudioRun => ({
  at: NOW - 3600_000, text: "tinyshakespeare", cell: "lstm", layers: 1, hidden: 128, steps: 1582, chars: 3_239_936,
  trainedS: 300, charsPerS: 10_800, bestValLoss: 1.9, bestValPerplexity: Math.exp(1.9), ...over,
});
const kept = (at: number, text: string): KeptSample => ({
  at, text, seed: "RO", step: 400, temperature: 0.8, textKind: "tinyshakespeare", textName: "tinyshakespeare (our excerpt)",
  cell: "lstm", layers: 1, hidden: 128, bestValLoss: 1.9, bestValPerplexity: Math.exp(1.9),
});
const earned = (id: string, done: boolean): Earned => ({ id, name: `Name ${id}`, plan: [], verifies: "", where: "", done, at: done ? NOW : null, imported: false });
const records = (losses: number[]) => losses.map((loss, i) => ({ step: (i + 1) * 100, loss, grad_norm: 1, chars: (i + 1) * 2048 }));

function full(): DeckInputs {
  return {
    project: { title: "Beginner: Text", goal: "A verse generator.", measured: { val_perplexity: 6.98, unigram_perplexity: 26.87 }, targets: { val_perplexity: 7.2 } },
    runs: [run({ at: NOW - 7200_000, bestValLoss: 2.1, bestValPerplexity: Math.exp(2.1) }), run({ cell: "gru" })],
    curve: { savedAt: NOW, name: "tinyshakespeare (our excerpt)", records: records([3, 2.5, 2.2, 2.0]), val: [[100, 2.9], [200, 2.4], [300, 2.2], [400, 2.1]], unigramNats: Math.log(26) },
    kept: [kept(NOW - 3, "old"), kept(NOW - 2, "liked"), kept(NOW - 1, "newest")],
    liked: new Set([`kept:${NOW - 2}`]),
    earned: { milestones: [earned("bronze", true), earned("silver", false)], badges: [earned("first-epoch", true)] },
    references: referencesFrom(challenges),
    model: { id: "yours-tinyshakespeare-1205-0942", textName: "tinyshakespeare (our excerpt)" },
    now: NOW,
  };
}

function empty(): DeckInputs {
  return { project: null, runs: [], curve: null, kept: [], liked: new Set(), earned: { milestones: [earned("bronze", false)], badges: [] }, references: [], model: null, now: NOW };
}

const slide = (deck: Slide[], id: string) => deck.find((s) => s.id === id)!;
const text = (s: Slide) => s.lines.join(" ");

test("every store present: nine slides in order, each with its data", () => {
  const deck = buildDeck(full());
  assert.deepEqual(deck.map((s) => s.id), IDS);
  assert.equal(slide(deck, "title").heading, "Beginner: Text");
  assert.match(text(slide(deck, "title")), /December 5, 2026/);
  assert.match(text(slide(deck, "approach")), /I trained 2 models/);
  assert.equal(slide(deck, "curves").chart!.val.length, 4);
  assert.equal(slide(deck, "curves").chart!.train.length, 4);
  assert.match(text(slide(deck, "results")), /Best validation perplexity: 6\.69/);
  assert.match(text(slide(deck, "results")), /frequency alone reach 26\.00 .*learned context/);
  assert.match(text(slide(deck, "results")), /below 7\.2 \(met\)/);
  assert.ok(slide(deck, "results").items!.length >= 2, "our reference runs are listed");
  assert.equal(slide(deck, "neurons").neuronText, "ROliked");
  assert.equal(slide(deck, "demo").link, undefined);
  assert.deepEqual(slide(deck, "badges").items!.map((i) => i.text), ["Name bronze", "Name first-epoch"]);
  for (const s of deck) assert.ok(s.lines.length > 0 && s.lines.every((l) => l.length > 10), `${s.id} has sentences`);
});

test("nothing stored: every slide still has a sentence, and links where the data is made", () => {
  const deck = buildDeck(empty());
  assert.deepEqual(deck.map((s) => s.id), IDS);
  assert.match(text(slide(deck, "title")), /No capstone project is chosen/);
  assert.equal(slide(deck, "title").link!.where, "modules/10-capstone/projects/");
  assert.match(text(slide(deck, "approach")), /No studio run has finished/);
  assert.match(text(slide(deck, "curves")), /No saved studio run/);
  assert.equal(slide(deck, "curves").chart, undefined);
  assert.match(text(slide(deck, "results")), /no perplexity to compare.*reference runs could not be read/);
  assert.match(text(slide(deck, "samples")), /No sample is kept/);
  for (const id of ["neurons", "demo"]) {
    assert.match(text(slide(deck, id)), /No model is kept.*Keep it for the model pickers/);
    assert.equal(slide(deck, id).link!.where, "modules/05-experiments/own-data/");
  }
  assert.match(text(slide(deck, "badges")), /None of the 1 milestones/);
  assert.match(text(slide(deck, "next")), /Train a first model/);
  for (const s of deck) assert.ok(s.lines.length > 0);
});

test("each missing piece alone gives its sentence", () => {
  const noCurve = buildDeck({ ...full(), curve: null });
  assert.match(text(slide(noCurve, "curves")), /No saved studio run/);
  assert.match(text(slide(noCurve, "results")), /frequency alone reach 26\.87 on the project's text/);
  const noBase = buildDeck({ ...full(), curve: null, project: null });
  assert.match(text(slide(noBase, "results")), /baseline is not known here/);
  assert.match(text(slide(buildDeck({ ...full(), kept: [] }), "samples")), /No sample is kept/);
  const noKept = buildDeck({ ...full(), kept: [] });
  assert.match(text(slide(noKept, "neurons")), /No sample is kept, so the kept model reads/);
  assert.match(text(slide(buildDeck({ ...full(), model: null }), "demo")), /No model is kept/);
  assert.match(text(slide(buildDeck({ ...full(), earned: null }), "badges")), /could not be read/);
});

test("the summary sentence is written from the log", () => {
  assert.equal(summarySentence([]), null);
  const s = summarySentence([run({ trainedS: 120 }), run({ text: "upload", layers: 2, trainedS: 60, bestValLoss: 1.5, bestValPerplexity: Math.exp(1.5), steps: 900, charsPerS: 5000.4 })]);
  assert.equal(s, "I trained 2 models (2 architectures) on our tinyshakespeare excerpt, your own text for 3.0 minutes in all; "
    + "the best, a 2 layers × 128 LSTM, reached a validation perplexity of 4.48 (1.500 nats per character) after 900 iterations at about 5,000 characters per second.");
});

test("overfitting: validation rising while training falls is named on the last slide", () => {
  const train: [number, number][] = [[100, 3], [200, 2], [300, 1.5], [400, 1.2]];
  assert.equal(overfitted([[100, 2.5], [200, 2.2], [300, 2.3], [400, 2.4]], train), true);
  assert.equal(overfitted([[100, 2.5], [200, 2.2], [300, 2.1], [400, 2.0]], train), false);
  assert.equal(overfitted([[100, 2.5], [200, 2.6]], []), true, "without a training curve: the last check above the best");
  assert.equal(overfitted([[100, 2.5]], []), false);
  const over = { ...full(), curve: { ...full().curve!, records: records([3, 2, 1.5, 1.2]), val: [[100, 2.5], [200, 2.2], [300, 2.3], [400, 2.4]] as [number, number][] } };
  const deck = buildDeck(over);
  assert.match(text(slide(deck, "next")), /Overfitting/);
  assert.match(text(slide(deck, "curves")), /began to overfit/);
  assert.doesNotMatch(text(slide(buildDeck(full()), "next")), /Overfitting/);
});

test("the frequencies-only baseline matches session.py's add-one unigram on the last 10%", () => {
  // "aab" ×3 + "ab": 11 characters, 1 validates ("b"); train has a:7, b:3 → (3+1)/(10+2).
  assert.ok(Math.abs(unigramNats("aabaabaabab")! - -Math.log(4 / 12)) < 1e-12);
  assert.equal(unigramNats("a"), null);
});

test("samples: liked first, then newest, at most three", () => {
  const ks = [kept(1, "a"), kept(2, "b"), kept(3, "c"), kept(4, "d")];
  assert.deepEqual(bestSamples(ks, new Set(["kept:1"])).map((s) => s.text), ["a", "d", "c"]);
  assert.deepEqual(bestSamples(ks, new Set()).map((s) => s.text), ["d", "c", "b"]);
});

test("the liveliest cell is the one of largest variance over the text", () => {
  // T=3, L=1, H=3: cell 1 swings most.
  const v = new Float32Array([0, -0.9, 0.1, 0.1, 0.9, 0.1, 0, -0.9, 0.2]);
  const c = liveliestCell(v, 3, 1, 3);
  assert.deepEqual([c.layer, c.unit], [0, 1]);
});

runTests();
