/**
 * Unit tests of the training challenges' pure logic (widgets/studio-challenge/logic.ts): when a
 * check meets a level, the words of a sample the reader judges, and the Boss leaderboard's file
 * format, with every reason an imported file is refused. tests/test_studio_challenge_logic.py runs
 * this file in Node; each `test(...)` is one pytest case.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import {
  boardFile, checkValue, cleanName, knownWords, meets, merge, ranked, readBoardFile, restoreBoard, sampleWords,
  BOARD_FORMAT, MAX_ENTRIES, MAX_NAME, type Entry, type Level,
} from "../../widgets/studio-challenge/logic.ts";

const SHA = "a".repeat(64);
const level = (metric: Level["metric"], target?: number) => ({ metric, target }) as Level;

function entry(over: Partial<Entry> = {}): Entry {
  return {
    id: "s-1", name: "ada", perplexity: Math.exp(1.9), nats: 1.9, cell: "lstm", layers: 1, hidden: 128, iterations: 1582,
    minutes: 5, date: "2026-12-05T10:00:00.000Z", source: "mine", ...over,
  };
}

const file = (entries: unknown[], over: Record<string, unknown> = {}) =>
  JSON.stringify({ format: BOARD_FORMAT, version: 1, hidden_sha256: SHA, exported: "2026-12-05T10:00:00.000Z", entries, ...over });

test("level 1 scores the training-text loss as a perplexity, and a check without it scores nothing", () => {
  assert.equal(checkValue(level("train_ppl", 3), { valLoss: 2.5, trainLoss: Math.log(2.9) })?.toFixed(6), "2.900000");
  assert.equal(checkValue(level("train_ppl", 3), { valLoss: 2.5, trainLoss: null }), null);
});

test("level 2 scores the validation loss as a perplexity", () => {
  assert.equal(checkValue(level("val_ppl", 6), { valLoss: Math.log(5.5), trainLoss: 0.1 })?.toFixed(6), "5.500000");
});

test("a target is met only strictly below it, as the plan's '< 3.0' says", () => {
  assert.equal(meets(level("train_ppl", 3), 2.999), true);
  assert.equal(meets(level("train_ppl", 3), 3), false);
  assert.equal(meets(level("hidden_ppl"), 1.5), false);
});

test("levels judged otherwise (words, the hidden text) are not scored by a check", () => {
  assert.equal(checkValue(level("real_words", 60), { valLoss: 1, trainLoss: 1 }), null);
  assert.equal(checkValue(level("hidden_ppl"), { valLoss: 1, trainLoss: 1 }), null);
});

test("the judged words are the sample's first 100, each marked by whether the level's text has it (case folded)", () => {
  const known = knownWords("To be, or not to be: that is the question.\nROMEO:\nO'er");
  const words = sampleWords("Romeo: to bee or NOT o'er", known);
  assert.deepEqual(words.map((w) => [w.text, w.known]), [["Romeo", true], ["to", true], ["bee", false], ["or", true], ["NOT", true], ["o'er", true]]);
  assert.equal(words[2].at, 10);
  assert.equal(sampleWords("a ".repeat(150), knownWords("a")).length, 100);
});

test("a name is trimmed to one line of at most 40 characters, and an empty one is 'anonymous'", () => {
  assert.equal(cleanName("  Ada \n Lovelace "), "Ada Lovelace");
  assert.equal(cleanName("   "), "anonymous");
  assert.equal(Array.from(cleanName("é".repeat(10_000))).length, MAX_NAME);
});

test("the board ranks the lowest perplexity first", () => {
  const r = ranked([entry({ id: "b", perplexity: 7, nats: Math.log(7) }), entry({ id: "a", perplexity: 6, nats: Math.log(6) })]);
  assert.deepEqual(r.map((e) => e.id), ["a", "b"]);
});

test("an exported board leaves the reference out and reads back as the same rows, marked imported", () => {
  const ref = entry({ id: "reference", source: "reference" });
  const out = boardFile([ref, entry()], SHA, new Date("2026-12-05T12:00:00Z"));
  assert.equal(out.entries.length, 1);
  const back = readBoardFile(JSON.stringify(out), "friend.json", SHA);
  assert.ok(back.ok);
  assert.deepEqual(back.ok && back.entries[0], { ...entry(), source: "imported", from: "friend.json" });
});

test("a file that is not JSON is refused and says so", () => {
  const r = readBoardFile("{not json", "x.json", SHA);
  assert.deepEqual(r, { ok: false, reason: "x.json is not a JSON file (it may be damaged or not a leaderboard)." });
});

test("a JSON file of another kind is refused", () => {
  const r = readBoardFile(JSON.stringify({ entries: [] }), "notes.json", SHA);
  assert.equal(!r.ok && r.reason, "notes.json is not a leaderboard exported by this course.");
});

test("a board scored on another hidden text is refused: its scores cannot be compared", () => {
  const r = readBoardFile(file([entry()], { hidden_sha256: "b".repeat(64) }), "old.json", SHA);
  assert.match(!r.ok ? r.reason : "", /scored on another hidden text/);
});

test("a board of another version is refused with both versions", () => {
  const r = readBoardFile(file([entry()], { version: 2 }), "new.json", SHA);
  assert.equal(!r.ok && r.reason, "new.json is a leaderboard of version 2; this page reads version 1.");
});

test("a hand-edited entry whose loss does not match its perplexity rejects the whole file, naming the entry", () => {
  const r = readBoardFile(file([entry(), entry({ id: "s-2", perplexity: 1.01 })]), "edited.json", SHA);
  assert.equal(!r.ok && r.reason, "Entry 2 of edited.json has a loss that does not match its perplexity; nothing was imported.");
});

test("impossible entries are refused: perplexity below 1, an unknown cell, a bad date, a long name", () => {
  const bad: [Partial<Entry>, RegExp][] = [
    [{ perplexity: 0.5, nats: Math.log(0.5) }, /perplexity outside/],
    [{ cell: "transformer" }, /unknown cell/],
    [{ date: "yesterday" }, /valid date/],
    [{ name: "x".repeat(41) }, /name of at most 40/],
    [{ id: "<script>" }, /valid id/],
    [{ layers: 9 }, /model size/],
  ];
  for (const [over, reason] of bad) {
    const r = readBoardFile(file([entry(over)]), "f.json", SHA);
    assert.match(!r.ok ? r.reason : "", reason);
  }
});

test("a file with more entries than the board keeps is refused", () => {
  const many = Array.from({ length: MAX_ENTRIES + 1 }, (_, i) => entry({ id: `s-${i}` }));
  const r = readBoardFile(file(many), "huge.json", SHA);
  assert.match(!r.ok ? r.reason : "", /1,001 entries; at most 1,000/);
});

test("importing rows already on the board adds only the new ones", () => {
  const m = merge([entry({ id: "a" })], [entry({ id: "a" }), entry({ id: "b" }), entry({ id: "b" })]);
  assert.deepEqual(m.entries.map((e) => e.id), ["a", "b"]);
  assert.equal(m.added, 1);
});

test("a stored board keeps its valid rows and drops hand-edited or foreign ones", () => {
  const kept = restoreBoard([entry({ id: "ok" }), { id: "x" }, entry({ id: "ref", source: "reference" }), entry({ id: "nan", perplexity: Number.NaN })]);
  assert.deepEqual(kept.map((e) => e.id), ["ok"]);
  assert.deepEqual(restoreBoard("garbage"), []);
});

runTests();
