/**
 * Unit tests of the pure logic behind four small reader features: Spot the
 * Sequence's industry choice (widgets/spot-sequence/game.ts), the demo
 * gallery's favourite names (widgets/demo-gallery/logic.ts) and the
 * read-aloud widget (widgets/read-aloud/logic.ts). tests/test_reader_extras_js.py
 * bundles this file with esbuild and runs it in Node; each `test(...)` is one pytest case.
 * (The grid search's preset export is tested with the rest of Module 9: tests/js/module9.test.ts.)
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import {
  answer, chooseIndustry, countIn, current, EXAMPLES, INDUSTRIES, newGame, next, restore, roundOrder,
} from "../../widgets/spot-sequence/game.ts";
import { FAVOURITES_MAX, parseFavourites, removeFavourite, toggleFavourite } from "../../widgets/demo-gallery/logic.ts";
import { parseTimelapse, pickVoice, sampleLabel, speechChunks, unsupportedReason } from "../../widgets/read-aloud/logic.ts";

// ---------------------------------------------------------------- Spot the Sequence

test("every industry has examples, and every example names known industries", () => {
  const ids = INDUSTRIES.map((i) => i.id);
  for (const e of EXAMPLES) {
    assert.ok(e.industries.length >= 1, e.id);
    for (const i of e.industries) assert.ok(ids.includes(i), `${e.id}: unknown industry ${i}`);
  }
  for (const i of ids) assert.ok(countIn(i) >= 3, `${i} has only ${countIn(i)} examples`);
});

test("an industry's examples come first, then all the others, each once", () => {
  for (const { id } of INDUSTRIES) {
    const order = roundOrder(7, EXAMPLES, id);
    const n = countIn(id);
    assert.ok(order.slice(0, n).every((e) => e.industries.includes(id)), id);
    assert.ok(order.slice(n).every((e) => !e.industries.includes(id)), id);
    assert.deepEqual(order.map((e) => e.id).sort(), EXAMPLES.map((e) => e.id).sort());
  }
});

test("without an industry the round order is the plain shuffle", () => {
  assert.deepEqual(roundOrder(2015, EXAMPLES, "").map((e) => e.id), roundOrder(2015).map((e) => e.id));
});

test("choosing an industry restarts the round and keeps the points", () => {
  let s = newGame(2015);
  const ex = current(s)!;
  s = next(answer(s, ex.sequential));
  assert.equal(s.points, 1);
  const chosen = chooseIndustry(s, "logistics");
  assert.equal(chosen.industry, "logistics");
  assert.equal(chosen.index, 0);
  assert.equal(chosen.answer, null);
  assert.equal(chosen.points, 1);
  assert.ok(current(chosen)!.industries.includes("logistics"));
  assert.equal(chooseIndustry(chosen, "logistics"), chosen, "choosing the same industry changes nothing");
  assert.equal(chooseIndustry(chosen, "astrology").industry, "", "an unknown industry means no preference");
});

test("a saved industry is restored; an old save without one, or an unknown one, reads as none", () => {
  const saved = { ...newGame(3), index: 2, points: 2, roundRight: 2, industry: "media" };
  assert.deepEqual(restore(JSON.parse(JSON.stringify(saved)), 1), saved);
  const old = { seed: 3, index: 2, answer: null, points: 2, roundRight: 2, streak: 0, best: 1, rounds: 0 };
  assert.deepEqual(restore(old, 1), { ...old, industry: "" });
  const gone = restore({ ...saved, industry: "astrology" }, 1);
  assert.equal(gone.industry, "");
  assert.equal(gone.index, 0, "the order changed, so the round starts over");
  assert.equal(gone.points, 2);
});

// ---------------------------------------------------------------- demo gallery favourites

test("a name is kept by one toggle and let go by the next", () => {
  const one = toggleFavourite([], "ava");
  assert.deepEqual(one, ["ava"]);
  assert.deepEqual(toggleFavourite(one, "liam"), ["ava", "liam"]);
  assert.deepEqual(toggleFavourite(["ava", "liam"], "ava"), ["liam"]);
  assert.deepEqual(removeFavourite(["ava", "liam"], "liam"), ["ava"]);
  assert.deepEqual(removeFavourite(["ava"], "zoe"), ["ava"]);
});

test("a saved favourites list is checked: strings only, trimmed, no blanks or repeats", () => {
  assert.deepEqual(parseFavourites(["ava", " ava ", "", 3, null, "liam"]), ["ava", "liam"]);
  assert.deepEqual(parseFavourites("ava"), []);
  assert.deepEqual(parseFavourites(null), []);
});

test("the favourites list keeps the newest names when it is full", () => {
  let list: string[] = [];
  for (let i = 0; i < FAVOURITES_MAX + 5; i++) list = toggleFavourite(list, `n${i}`);
  assert.equal(list.length, FAVOURITES_MAX);
  assert.equal(list[0], "n5");
  assert.equal(list[list.length - 1], `n${FAVOURITES_MAX + 4}`);
});

// ---------------------------------------------------------------- read aloud

test("speech pieces join back to the sample and stay short", () => {
  const sample = "\n\"Very well at once,\" said Boris.\n\nAnd the time was doing nothing " + "word ".repeat(80) +
    "end. " + "x".repeat(450) + " tail";
  const chunks = speechChunks(sample, 200);
  assert.equal(chunks.join(""), sample);
  for (const c of chunks) assert.ok(c.trimEnd().length <= 200, JSON.stringify(c));
  for (const c of chunks.slice(1)) assert.ok(!/^\s/.test(c), `a piece starts with whitespace: ${JSON.stringify(c)}`);
  assert.deepEqual(speechChunks("short one."), ["short one."]);
  assert.deepEqual(speechChunks(""), [""]);
});

test("speech pieces are cut at a sentence end when one is near", () => {
  const text = "A".repeat(150) + ". " + "b ".repeat(60);
  const [first] = speechChunks(text, 200);
  assert.equal(first, "A".repeat(150) + ". ");
});

test("an English voice is preferred, the default one first", () => {
  const v = (lang: string, isDefault = false) => ({ lang, default: isDefault, name: `${lang}${isDefault ? "*" : ""}` });
  assert.equal(pickVoice([v("de-DE", true), v("en-GB"), v("en-US", true)])!.name, "en-US*");
  assert.equal(pickVoice([v("de-DE", true), v("en-GB")])!.name, "en-GB");
  assert.equal(pickVoice([v("fr-FR"), v("de-DE", true)])!.name, "de-DE*");
  assert.equal(pickVoice([]), null);
});

test("reading aloud says why it is off: no speech synthesis, or no voice", () => {
  assert.equal(unsupportedReason(true, 2), null);
  assert.match(unsupportedReason(false, 0)!, /no speech synthesis/);
  assert.match(unsupportedReason(true, 0)!, /no voice/);
});

test("a time-lapse file is checked and its samples sorted and labelled", () => {
  const tl = parseTimelapse({ model_id: "m", sample_temperature: 0.8, points: [
    { iter: 1200, val_loss: 1.274, sample: "in mass" }, { iter: 100, val_loss: 2.524, sample: "igum" }, { iter: 5, val_loss: 3 } ] });
  assert.deepEqual(tl.points.map((p) => p.iter), [100, 1200]);
  assert.equal(tl.temperature, 0.8);
  assert.equal(sampleLabel(tl.points[1]), "Iteration 1,200 (validation loss 1.27)");
  assert.throws(() => parseTimelapse({ points: [] }), /not in the expected format/);
  assert.throws(() => parseTimelapse(null), /not in the expected format/);
});

runTests();
