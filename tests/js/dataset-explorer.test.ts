/**
 * Unit tests of the Dataset Explorer's pure logic (widgets/dataset-explorer/logic.ts): the
 * statistics of small texts worked by hand, whitespace named, snippets, what the studio would
 * refuse, and the advice rule looked up in advice.json's measured rows.
 * tests/test_dataset_explorer.py runs this file in Node; each `test(...)` is one pytest case.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import raw from "../../widgets/dataset-explorer/advice.json" with { type: "json" };
import {
  bits, charName, isNamed, perplexityOf, preview, recommend, rowFor, snippet, studioVerdict, textStats, STUDIO_MAX_VOCAB, type Advice,
} from "../../widgets/dataset-explorer/logic.ts";
import { SIZES } from "../../widgets/training-studio/logic.ts";

const advice = raw as Advice;
const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) < eps, `${a} != ${b}`);

test("two equally common characters carry one bit each, perplexity 2", () => {
  const s = textStats("abababab");
  close(s.entropyNats, Math.LN2);
  close(bits(s.entropyNats), 1);
  close(perplexityOf(s.entropyNats), 2);
  assert.deepEqual(s.counts, [["a", 4], ["b", 4]]);
});

test("a text of one character repeated has zero entropy, and the studio refuses it with its own words", () => {
  const s = textStats("aaaa");
  assert.equal(s.entropyNats, 0);
  assert.match(studioVerdict(s).refuse ?? "", /only one distinct character \(“a”\); a model has nothing to learn from it/);
  assert.match(studioVerdict(textStats("\n\n\n")).refuse ?? "", /\(a newline\)/);
});

test("sizes count code points and UTF-8 bytes; lines count a last line without its newline", () => {
  const s = textStats("é😀\nab");
  assert.equal(s.characters, 5);
  assert.equal(s.bytes, 2 + 4 + 1 + 2);
  assert.equal(s.lines, 2);
  assert.equal(textStats("a\nb\n").lines, 2);
  assert.equal(textStats("").lines, 0);
});

test("commonest first, ties broken by the lower code point", () => {
  assert.deepEqual(textStats("cbbaac").counts.map(([c]) => c), ["a", "b", "c"]);
});

test("the held-out loss is add-one smoothed frequencies of the first 90 % scored on the last 10 %", () => {
  // 10 characters: train "aaaaaaaab" (a 8, b 1), held out "b"; vocabulary {a, b}: p(b) = (1 + 1) / (9 + 2).
  const s = textStats("aaaaaaaabb");
  assert.equal(s.valChars, 1);
  close(s.heldOutNats, -Math.log(2 / 11));
});

test("whitespace and invisible characters are shown by name, others as themselves", () => {
  assert.equal(charName(" "), "space");
  assert.equal(charName("\n"), "newline");
  assert.equal(charName("\t"), "tab");
  assert.equal(charName("\r"), "carriage return");
  assert.equal(charName("\u00a0"), "no-break space");
  assert.equal(charName("\u0007"), "U+0007");
  assert.equal(charName("e"), "e");
  assert.equal(isNamed(" "), true);
  assert.equal(isNamed("é"), false);
});

test("a preview and a snippet never split a surrogate pair, and a seed gives the same snippet", () => {
  assert.equal(preview("😀😀😀", 2), "😀😀");
  const text = Array.from({ length: 300 }, (_, i) => `line ${i} 😀\n`).join("");
  const a = snippet(text, 7, 100);
  assert.deepEqual(snippet(text, 7, 100), a);
  assert.notEqual(snippet(text, 8, 100).start, a.start);
  assert.equal(text[a.start - 1], "\n"); // it starts at a line
  assert.ok(!/[\ud800-\udbff]$/.test(a.text) && !/^[\udc00-\udfff]/.test(a.text));
  assert.deepEqual(snippet("short", 3), { start: 0, text: "short" });
});

test("more distinct characters than the studio's vocabulary: the note says how many are folded", () => {
  const text = Array.from({ length: 250 }, (_, i) => String.fromCodePoint(0x4e00 + i).repeat(i < 10 ? 3 : 1)).join("");
  const note = studioVerdict(textStats(text)).note ?? "";
  assert.match(note, new RegExp(`keeps the ${STUDIO_MAX_VOCAB - 1} commonest and reads the other 51 \\(51 occurrences\\)`));
});

test("the advice names the studio's measured preset, the size it was measured with", () => {
  const m = SIZES[advice.model.preset as keyof typeof SIZES];
  assert.ok(m, advice.model.preset);
  assert.deepEqual([m.layers, m.hidden], [advice.model.layers, advice.model.hidden]);
});

test("a text goes to the measured row nearest its size: each limit is the geometric mean of its neighbours", () => {
  for (const rows of [advice.studio, advice.zoo] as { chars: number; up_to: number | null }[][]) {
    rows.forEach((r, i) => {
      if (r.up_to === null) return assert.equal(i, rows.length - 1);
      assert.equal(r.up_to, Math.round(Math.sqrt(r.chars * rows[i + 1].chars)));
      assert.equal(rowFor(rows, r.up_to - 1), r);
      assert.equal(rowFor(rows, r.up_to), rows[i + 1]);
    });
    assert.equal(rowFor(rows, 1), rows[0]);
    assert.equal(rowFor(rows, 1e12), rows[rows.length - 1]);
  }
});

test("a small text: early stopping on, the minutes of the best check, and 'find more text'", () => {
  const r = recommend(5_000, advice);
  assert.equal(r.studio, advice.studio[0]);
  assert.equal(r.autoStop, true);
  assert.equal(r.minutes, advice.studio[0].best_minutes);
  assert.match(r.why.join(" "), /memorising the text/);
  assert.match(r.why.join(" "), /find more text/);
});

test("a text that still improves: early stopping off, the minutes to a readable sample", () => {
  const r = recommend(120_000, advice);
  assert.equal(r.studio, advice.studio[1]);
  assert.equal(r.autoStop, false);
  assert.equal(r.minutes, advice.studio[1].readable_minutes);
  close(r.minutesPerPass, (120_000 * 0.9) / advice.chars_per_s / 60);
  assert.match(r.why[0], new RegExp(`${advice.chars_per_s.toLocaleString("en")} characters a second`));
});

test("beyond the browser, 1 MB gets the size that did best on held-out Shakespeare, and the why says bigger did worse", () => {
  const r = recommend(1_000_000, advice);
  assert.equal(r.zoo.corpus, "tinyshakespeare");
  assert.ok(r.zoo.compared.every((c) => c.test_loss > r.zoo.test_loss));
  assert.match(r.why.join(" "), /the bigger ones did worse on held-out text/);
});

runTests();
