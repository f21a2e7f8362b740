/**
 * Unit tests of Module 10's gallery, leaderboard and peer review (widgets/capstone-share/logic.ts)
 * and of the store of kept samples (widgets/lib/samples.ts, the studio's Keep button): each reason a
 * submission or review file is refused, the blinded order, the aggregated means, name capping.
 * tests/test_capstone_share.py runs this file in Node; each `test(...)` is one pytest case.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import type { StudioRun } from "../../widgets/lib/achievements.ts";
import { addKept, keptSample, isKept, MAX_KEPT, MAX_SAMPLE_CHARS, type KeptSample } from "../../widgets/lib/samples.ts";
import {
  aggregate, blinded, capName, categoryOf, galleryEntries, leaderboard, makeReview, makeSubmission, normalizeMarks, randomId,
  readReview, readSubmission, setMark, MAX_NOTE, type OurPick, type Review, type Submission,
} from "../../widgets/capstone-share/logic.ts";

const NOW = Date.parse("2026-12-05T12:00:00Z");

function kept(over: Partial<KeptSample> = {}): KeptSample {
  return {
    at: NOW - 1000, text: "ROMEO:\nWhat light", seed: "\n", step: 400, temperature: 0.8, textKind: "tinyshakespeare",
    textName: "tinyshakespeare (our excerpt)", cell: "lstm", layers: 1, hidden: 128, bestValLoss: 1.8, bestValPerplexity: Math.exp(1.8), ...over,
  };
}

const ID = "0123456789abcdef";
const sub = (n = 3, name = "Ada"): Submission =>
  makeSubmission(Array.from({ length: n }, (_, k) => kept({ at: NOW - k, text: `sample ${k}` })), name, ID, NOW).file;
const json = (v: unknown) => JSON.stringify(v);
const edited = (change: (d: any) => void) => {
  const d = JSON.parse(json(sub()));
  change(d);
  return json(d);
};
const refusedFor = (text: string, bytes = text.length) => {
  const r = readSubmission(text, bytes);
  assert.equal(r.ok, false, "the file was accepted");
  return (r as { reason: string }).reason;
};

test("a kept sample is capped at 2,000 characters and carries the best check up to its iteration", () => {
  const s = keptSample({
    sample: { step: 300, seed: "\n", temperature: 0.8, text: "x".repeat(5000) }, textName: "linux (our excerpt)", fixed: false,
    model: { cell: "gru", layers: 1, hidden: 64 }, val: [[100, 2.5], [200, 2.1], [300, 2.2], [400, 1.5]],
  }, NOW);
  assert.equal(s.text.length, MAX_SAMPLE_CHARS);
  assert.equal(s.textKind, "linux");
  assert.equal(s.bestValLoss, 2.1);
  assert.equal(s.bestValPerplexity, Math.exp(2.1));
  assert.ok(isKept(s));
  const none = keptSample({ sample: { step: 5, seed: "a", temperature: 1, text: "b" }, textName: "my.txt", fixed: false,
    model: { cell: "lstm", layers: 1, hidden: 64 }, val: [] }, NOW);
  assert.equal(none.bestValPerplexity, null);
  assert.equal(none.textKind, "upload");
});

test("the store keeps a sample once and drops the oldest past its cap", () => {
  const a = kept();
  assert.equal(addKept([a], { ...a, at: NOW }).added, false);
  const full = Array.from({ length: MAX_KEPT }, (_, k) => kept({ at: k, text: `t${k}` }));
  const r = addKept(full, kept({ at: NOW, text: "new" }));
  assert.equal(r.dropped, 1);
  assert.equal(r.list.length, MAX_KEPT);
  assert.equal(r.list[0].text, "t1");
  assert.equal(r.list.at(-1)!.text, "new");
  assert.equal(isKept({ ...a, bestValPerplexity: 0.5 }), false);
});

test("a display name is trimmed, capped at 40 characters with a note, and empty is Anonymous", () => {
  assert.deepEqual(capName("  Ada   Lovelace \n"), { name: "Ada Lovelace", note: "" });
  assert.equal(capName("   ").name, "Anonymous");
  const long = capName("x".repeat(10_000));
  assert.equal(long.name.length, 40);
  assert.match(long.note, /10,000 characters; the file keeps the first 40/);
  assert.equal(sub(1, "y".repeat(10_000)).name.length, 40);
});

test("a submission round-trips, holds at most five samples and never the uploaded file's name", () => {
  const s = makeSubmission(Array.from({ length: 7 }, (_, k) => kept({ at: k, textKind: "upload", textName: "diary.txt" })), "Ada", ID, NOW).file;
  assert.equal(s.samples.length, 5);
  assert.ok(!json(s).includes("diary.txt"));
  const r = readSubmission(json(s), json(s).length);
  assert.ok(r.ok);
  assert.match(randomId(), /^[0-9a-f]{16}$/);
});

test("a submission file is refused with its reason: size, JSON, format, version, id, name", () => {
  assert.match(refusedFor(json(sub()), 2 * 1024 * 1024), /2\.0 MB, more than the 1 MB/);
  assert.match(refusedFor("{oops"), /not JSON/);
  assert.match(refusedFor(edited((d) => (d.format = "rnn-course/progress"))), /not a submission file/);
  assert.match(refusedFor(edited((d) => (d.version = 2))), /version 2/);
  assert.match(refusedFor(edited((d) => (d.id = "nothex"))), /id is not 16 hexadecimal/);
  assert.match(refusedFor(edited((d) => (d.name = "z".repeat(10_000)))), /name is longer than 40/);
  assert.match(refusedFor(edited((d) => (d.created = "yesterday"))), /date is not a date/);
  for (const r of ["This file was not loaded, and nothing was changed"]) assert.match(refusedFor("[]"), new RegExp(r));
});

test("a submission file is refused for its samples: count, types, length, impossible figures", () => {
  assert.match(refusedFor(edited((d) => (d.samples = []))), /no samples/);
  assert.match(refusedFor(edited((d) => (d.samples = Array(6).fill(d.samples[0])))), /6 samples, more than 5/);
  assert.match(refusedFor(edited((d) => (d.samples[1].step = "400"))), /sample 2's iteration is not a count/);
  assert.match(refusedFor(edited((d) => (d.samples[0].text = "a".repeat(2001)))), /2,001 characters, more than 2,000/);
  assert.match(refusedFor(edited((d) => (d.samples[0].temperature = 0))), /temperature/);
  assert.match(refusedFor(edited((d) => (d.samples[0].run.cell = "transformer"))), /cell is not lstm/);
  assert.match(refusedFor(edited((d) => { d.samples[0].run.bestValPerplexity = 0.5; d.samples[0].run.bestValLoss = Math.log(0.5); })),
    /negative|below 1/);
  assert.match(refusedFor(edited((d) => { d.samples[0].run.bestValLoss = 0; d.samples[0].run.bestValPerplexity = 0.9; })), /below 1, which no model/);
  assert.match(refusedFor(edited((d) => (d.samples[0].run.bestValPerplexity = 3))), /does not match its loss/);
  assert.match(refusedFor(edited((d) => (d.samples[2] = "text"))), /sample 3 is not an object/);
});

test("the blinded order is a permutation of the samples and hides the author's name and figures", () => {
  const s = sub(5, "Secret Author");
  let x = 0.37;
  const random = () => (x = (x * 9301 + 0.49297) % 1);
  const b = blinded(s, random);
  assert.deepEqual(b.map((v) => v.index).sort(), [0, 1, 2, 3, 4]);
  assert.notDeepEqual(b.map((v) => v.index), [0, 1, 2, 3, 4]);
  for (const v of b) assert.equal(v.text, s.samples[v.index].text);
  const shown = json(b);
  assert.ok(!shown.includes("Secret Author") && !shown.includes("bestVal") && !shown.includes(ID));
  assert.deepEqual(blinded(sub(1), random).map((v) => v.index), [0]);
});

const rate = (sample: number, c: number, k: number, s: number, comment = "") => ({ sample, coherence: c, creativity: k, style: s, comment });

test("a review round-trips for the author's own submission and is refused for another one", () => {
  const mine = [sub()];
  const review = makeReview(ID, [rate(0, 4, 3, 5, "  nice  "), rate(1, 2, 2, 2)], "aaaaaaaaaaaaaaaa", NOW);
  assert.equal(review.ratings[0].comment, "nice");
  const r = readReview(json(review), 100, mine);
  assert.ok(r.ok);
  const other = readReview(json({ ...review, submission: "ffffffffffffffff" }), 100, mine);
  assert.equal(other.ok, false);
  assert.match((other as { reason: string }).reason, /reviews submission ffffffffffffffff, which is not one you exported/);
});

test("a review file is refused with its reason: JSON, format, ratings out of 1 to 5, unknown or repeated samples", () => {
  const mine = [sub(2)];
  const good = makeReview(ID, [rate(0, 4, 3, 5), rate(1, 1, 1, 1)], "bbbbbbbbbbbbbbbb", NOW);
  const why = (v: unknown) => {
    const r = readReview(typeof v === "string" ? v : json(v), 10, mine);
    assert.equal(r.ok, false);
    return (r as { reason: string }).reason;
  };
  assert.match(why("not json"), /not JSON/);
  assert.match(why({ ...good, format: "rnn-course/submission" }), /not a review file/);
  assert.match(why({ ...good, ratings: [rate(0, 6, 3, 3)] }), /Coherence rating is not a whole number from 1 to 5/);
  assert.match(why({ ...good, ratings: [rate(0, 3, 2.5, 3)] }), /Creativity rating/);
  assert.match(why({ ...good, ratings: [rate(2, 3, 3, 3)] }), /names a sample the submission does not have/);
  assert.match(why({ ...good, ratings: [rate(1, 3, 3, 3), rate(1, 3, 3, 3)] }), /sample 2 is rated twice/);
  assert.match(why({ ...good, ratings: [rate(0, 3, 3, 3, "c".repeat(501))] }), /comment/);
  assert.match(why({ ...good, ratings: [rate(0, 1, 1, 1), rate(1, 1, 1, 1), rate(0, 1, 1, 1)] }), /rates 3 samples, and the submission has 2/);
});

test("aggregation gives each rating's mean and count per sample and overall, a review counted once", () => {
  const s = sub(2);
  const reviews: Review[] = [
    makeReview(ID, [rate(0, 4, 2, 5, "good lines"), rate(1, 2, 4, 3)], "1111111111111111", NOW),
    makeReview(ID, [rate(0, 2, 3, 4)], "2222222222222222", NOW),
    makeReview(ID, [rate(0, 2, 3, 4)], "2222222222222222", NOW),
    makeReview("ffffffffffffffff", [rate(0, 1, 1, 1)], "3333333333333333", NOW),
  ];
  const a = aggregate(s, reviews);
  assert.equal(a.reviews, 2);
  assert.deepEqual(a.samples[0].ratings.coherence, { mean: 3, count: 2 });
  assert.deepEqual(a.samples[0].ratings.creativity, { mean: 2.5, count: 2 });
  assert.deepEqual(a.samples[1].ratings.style, { mean: 3, count: 1 });
  assert.deepEqual(a.overall.coherence, { mean: 8 / 3, count: 3 });
  assert.deepEqual(a.samples[0].comments, ["good lines"]);
  assert.deepEqual(aggregate(s, []).overall.style, { mean: null, count: 0 });
});

function run(over: Partial<StudioRun>): StudioRun {
  return { at: NOW, text: "linux", cell: "lstm", layers: 1, hidden: 128, steps: 100, chars: 1000, trainedS: 60, charsPerS: 16,
    bestValLoss: 2, bestValPerplexity: Math.exp(2), ...over };
}

test("the leaderboard ranks runs by perplexity per category and per text, ties by time", () => {
  assert.equal(categoryOf(run({ layers: 1, text: "upload" })), "beginner");
  assert.equal(categoryOf(run({ layers: 2, text: "linux" })), "intermediate");
  assert.equal(categoryOf(run({ layers: 2, text: "upload" })), "advanced");
  const runs = [
    run({ at: 1, bestValPerplexity: 7 }), run({ at: 2, bestValPerplexity: 5 }), run({ at: 3, text: "names", bestValPerplexity: 4 }),
    run({ at: 4, bestValPerplexity: 5 }), run({ at: 5, layers: 2, bestValPerplexity: 9 }),
  ];
  const [beginner, intermediate, advanced] = leaderboard(runs);
  assert.deepEqual(beginner.texts.map((t) => t.text), ["linux", "names"]);
  assert.deepEqual(beginner.texts[0].rows.map((r) => [r.rank, r.run.at]), [[1, 2], [2, 4], [3, 1]]);
  assert.deepEqual(intermediate.texts[0].rows.map((r) => r.run.at), [5]);
  assert.deepEqual(advanced.texts, []);
});

test("the gallery lists kept samples newest first, then ours; marks keep notes capped and drop empty ones", () => {
  const pick: OurPick = { id: "ours:names:0.5", model: "names", corpus: "names", layers: 2, hidden: 128, cell: "lstm", parameters: 271131,
    valBitsPerChar: 2.07, valPerplexity: 4.199, temperature: 0.5, text: "Janay, Anavita" };
  const e = galleryEntries([kept({ at: 1 }), kept({ at: 2 })], [pick]);
  assert.deepEqual(e.map((x) => x.id), ["kept:2", "kept:1", "ours:names:0.5"]);
  assert.match(e[2].figures, /Our model names .* validation perplexity 4\.2 per character/);
  let m = setMark({}, "kept:2", { liked: true });
  m = setMark(m, "kept:2", { note: "n".repeat(900) });
  assert.equal(m["kept:2"].note.length, MAX_NOTE);
  assert.deepEqual(setMark(setMark({}, "x", { liked: true }), "x", { liked: false }), {});
  assert.deepEqual(normalizeMarks({ a: { liked: true, note: 5 }, b: "junk", c: { liked: false, note: "" } }), { a: { liked: true, note: "" } });
  assert.deepEqual(normalizeMarks([1, 2]), {});
});

runTests();
