/**
 * Unit tests of the translation widgets' pure logic (widgets/translation-sandbox/logic.ts and
 * widgets/translation-sizes/logic.ts): input checks, the encoder state of a word, the top words of
 * a decoding step, the notes about unknown and cut words, the BLEU series and sentence from
 * translators.json-shaped entries, the median and the size table. Numbers here are made up for
 * the test; the widgets read the real ones from the models at run time.
 * tests/test_translation_logic.py runs this file in Node; each `test(...)` is one pytest case.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import {
  absMax, bleuSentence, bleuSeries, bucketLabel, countWords, endNote, EXAMPLES, forwardState, inputNotes, inputProblem, stepBars, summary,
} from "../../widgets/translation-sandbox/logic.ts";
import { familyNote, formatCount, formatMinutes, sizeRows, speedSummary, SPEED_SENTENCE } from "../../widgets/translation-sizes/logic.ts";
import { median } from "../../widgets/lib/numbers.ts";
import type { TranslatorEntry } from "../../widgets/translator-kit/translators.ts";

const entry = (id: string, attention: boolean, parameters: number, greedy: number[], beam: number[]): TranslatorEntry => ({
  id, kind: "seq2seq-gru", meta: `${id}/meta.json`, attention, hidden: 256, embedding: 128, parameters, bytes: parameters * 2,
  bleu: { greedy: greedy[0], beam: beam[0] },
  by_length: [[1, 4], [5, 8], [9, 12]].map((w, i) => ({ words: w as [number, number], sources: 100 - i, greedy: greedy[i], beam: beam[i] })),
  best_val_loss: 1, epochs: 3, minutes: 42, families: attention ? { size: "fra" } : {}, files: {},
});

test("empty, blank and punctuation-only input is refused with a sentence; words pass", () => {
  for (const t of ["", "   \n\t", "?!...", "   ,;:  ", "🙂🙂"]) assert.match(inputProblem(t) ?? "", /nothing to translate/);
  for (const t of ["Hi", "I am cold.", "<b>bold</b>", "été", "42"]) assert.equal(inputProblem(t), null);
});

test("every example is translatable and one has 11 or 12 words", () => {
  for (const ex of EXAMPLES) assert.equal(inputProblem(ex.text), null, ex.text);
  assert.ok(EXAMPLES.some((ex) => countWords(ex.text) >= 11 && countWords(ex.text) <= 12));
  assert.equal(new Set(EXAMPLES.map((e) => e.label)).size, EXAMPLES.length);
});

test("countWords counts runs of non-space characters", () => {
  assert.equal(countWords(""), 0);
  assert.equal(countWords("  a  b\nc "), 3);
  assert.equal(countWords(Array(1000).fill("word").join(" ")), 1000);
});

test("forwardState is the first half of the word's row of [S, 2H]", () => {
  const H = 3, S = 2;
  const states = Float32Array.from({ length: S * 2 * H }, (_, i) => i);
  assert.deepEqual([...forwardState(states, H, 0)], [0, 1, 2]);
  assert.deepEqual([...forwardState(states, H, 1)], [6, 7, 8]);
  assert.throws(() => forwardState(states, H, 2), RangeError);
});

test("absMax is the largest magnitude, with a floor, NaN ignored", () => {
  assert.equal(absMax([0.2, -0.9, 0.5]), 0.9);
  assert.equal(absMax([0, 0], 0.5), 0.5);
  assert.equal(absMax([NaN, -2]), 2);
});

test("stepBars sorts the candidates and marks the chosen one", () => {
  const bars = stepBars({ word: "je", p: 0.5, top: [{ word: "il", p: 0.2 }, { word: "je", p: 0.5 }, { word: "j'", p: 0.1 }] });
  assert.deepEqual(bars.map((b) => b.word), ["je", "il", "j'"]);
  assert.deepEqual(bars.map((b) => b.chosen), [true, false, false]);
});

test("stepBars adds the chosen word when it is not among the candidates", () => {
  const bars = stepBars({ word: "x", p: 0.01, top: [{ word: "a", p: 0.6 }] });
  assert.equal(bars.length, 2);
  assert.deepEqual(bars[1], { word: "x", p: 0.01, chosen: true });
});

test("inputNotes name the unknown words and the cut, and are empty otherwise", () => {
  const none = inputNotes({ unknown: [], truncated: 0, sourceWords: ["hi"] }, 3996);
  assert.deepEqual(none, { unknown: "", truncated: "" });
  const some = inputNotes({ unknown: ["zorblatt", "<b>"], truncated: 960, sourceWords: Array(40).fill("w") }, 3996);
  assert.match(some.unknown, /2 words are not among the 3,996 English words/);
  assert.match(some.unknown, /“zorblatt”, “<b>”/);
  assert.match(some.unknown, /<unk>/);
  assert.match(some.truncated, /at most 40 words .* last 960 were left out/);
  assert.match(inputNotes({ unknown: ["x"], truncated: 0, sourceWords: ["x"] }, 10).unknown, /^One word is/);
});

test("endNote tells an ended sentence from one cut at the length limit", () => {
  assert.match(endNote({ hitMaxLen: false, words: ["a"] }), /<\/s>/);
  assert.match(endNote({ hitMaxLen: true, words: Array(24).fill("a") }), /length limit \(24 words\)/);
});

test("summary names every model's translation", () => {
  const s = summary("i am cold .", [{ name: "With attention", text: "j'ai froid." }, { name: "Without", text: "" }]);
  assert.equal(s, "Translated “i am cold .”. With attention: “j'ai froid.”. Without: “(nothing)”.");
});

test("bleuSeries orders the length groups and picks the strategy", () => {
  const t = entry("a", true, 1000, [30, 20, 10], [31, 22, 14]);
  t.by_length.reverse();
  const g = bleuSeries(t, "greedy"), b = bleuSeries(t, "beam");
  assert.deepEqual(g.map((p) => p.label), ["1–4", "5–8", "9–12"]);
  assert.deepEqual(g.map((p) => p.bleu), [30, 20, 10]);
  assert.deepEqual(b.map((p) => p.bleu), [31, 22, 14]);
  assert.equal(bucketLabel({ words: [12, 12] }), "12");
});

test("a length group without sentences has no BLEU", () => {
  const t = entry("a", true, 1000, [30, 20, 10], [31, 22, 14]);
  t.by_length[2].sources = 0;
  assert.ok(Number.isNaN(bleuSeries(t, "greedy")[2].bleu));
});

test("bleuSentence gives the measured numbers of the shortest and longest groups", () => {
  const a = entry("a", true, 1000, [30, 28, 25], [31, 29, 27]);
  const p = entry("p", false, 900, [29, 20, 9], [30, 21, 11]);
  const s = bleuSentence(a, p, "greedy");
  assert.match(s, /greedy decoding/);
  assert.match(s, /1–4 words: 30\.0 with attention, 29\.0 without/);
  assert.match(s, /9–12 words: 25\.0 with attention, 9\.0 without/);
  assert.match(s, /falls faster/);
  assert.match(bleuSentence(a, p, "beam"), /beam search.*27\.0 with attention, 11\.0 without/);
  assert.doesNotMatch(bleuSentence(p, a, "greedy"), /falls faster/);
  assert.match(bleuSentence({ id: "x", by_length: [] }, p, "greedy"), /No length group/);
});

test("median of odd and even counts", () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.throws(() => median([]), RangeError);
});

test("the speed sentence has ten words", () => {
  assert.equal(countWords(SPEED_SENTENCE), 10);
});

test("sizeRows sorts by parameters and carries the table's numbers", () => {
  const rows = sizeRows([entry("large", true, 9e6, [35], [36]), entry("small", true, 1e6, [20], [22])]);
  assert.deepEqual(rows.map((r) => r.id), ["small", "large"]);
  assert.equal(rows[0].greedy, 20);
  assert.equal(rows[0].beam, 22);
  assert.equal(rows[0].bytes, 2e6);
});

test("the size family note handles none, one and several", () => {
  assert.match(familyNote(0), /No attention translator/);
  assert.match(familyNote(1), /Only one size/);
  assert.match(familyNote(3), /^3 sizes/);
});

test("counts, minutes and the speed summary read well", () => {
  assert.equal(formatCount(4277640), "4.3 M");
  assert.equal(formatCount(850_000), "850 k");
  assert.equal(formatMinutes(16.3), "16 min");
  assert.equal(formatMinutes(150), "2.5 h");
  assert.match(speedSummary([{ id: "a", ms: 12.4 }, { id: "b", ms: 40.6 }]), /10-word sentence .*5 runs.*: a 12 ms, b 41 ms\.$/);
});

runTests();
