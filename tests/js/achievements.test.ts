/**
 * Unit tests of Module 10's milestones, badges and progress file (widgets/lib/achievements.ts):
 * evaluate() on crafted stores, each reason an imported file is refused, and the merge.
 * tests/test_achievements.py runs this file in Node; each `test(...)` is one pytest case.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import {
  evaluate, exportFile, merge, readProgressFile, studioRun, textKind, timePerPhase,
  FILE_FORMAT, MAX_RUNS, type Course, type Sources,
} from "../../widgets/lib/achievements.ts";
import raw from "../../widgets/achievements/course.json" with { type: "json" };
import { empty, run, NOW, T } from "./achievements.stores.ts";

const course = raw as Course;

const done = (value: number, h: number) => ({ value, step: 1000, minutes: 3, date: new Date(T(h)).toISOString() });
const byId = (xs: { id: string; done: boolean }[]) => Object.fromEntries(xs.map((x) => [x.id, x.done]));
const file = (stores: unknown, over: Record<string, unknown> = {}) =>
  JSON.stringify({ format: FILE_FORMAT, version: 1, exported: new Date(NOW).toISOString(), stores, ...over });

test("nothing stored: no milestone and no badge", () => {
  const r = evaluate(empty(), course, 5);
  assert.ok(r.milestones.every((m) => !m.done) && r.badges.every((b) => !b.done));
  assert.deepEqual(r.milestones.map((m) => m.id), ["bronze", "silver", "gold", "diamond", "champion"]);
});

test("a text opened gives bronze only; a finished run gives bronze, silver and First Epoch", () => {
  const s = empty();
  s.log.events.push({ kind: "data-explored", at: T(9), text: "linux" });
  assert.deepEqual(byId(evaluate(s, course, 5).milestones), { bronze: true, silver: false, gold: false, diamond: false, champion: false });
  const r = empty();
  r.log.runs.push(run());
  const e = evaluate(r, course, 5);
  assert.equal(byId(e.milestones).silver, true);
  assert.equal(byId(e.milestones).bronze, true);
  assert.equal(byId(e.badges)["first-epoch"], true);
});

test("gold and diamond come from challenge levels 2 and 3, champion from three cells, the interpreter badge from BADGE_AT", () => {
  const s = empty();
  s.challenges = { level2: done(5.9, 4), level3: done(61, 3) };
  s.detective = { right: 3, answered: 4 };
  const e = evaluate(s, course, 5);
  assert.deepEqual(byId(e.milestones), { bronze: false, silver: false, gold: true, diamond: true, champion: true });
  assert.equal(byId(e.badges)["creative-writer"], true);
  assert.equal(byId(e.badges)["neural-interpreter"], false);
  s.detective = { right: 5, answered: 9 };
  assert.equal(byId(evaluate(s, course, 5).badges)["neural-interpreter"], true);
  assert.equal(e.milestones[2].at, T(4));
});

test("Loss Crusher needs the Boss below the reference perplexity", () => {
  const s = empty();
  s.challenges = { boss: done(course.thresholds.crusher_ppl - 0.01, 1) };
  assert.equal(byId(evaluate(s, course, 5).badges)["loss-crusher"], true);
  s.challenges = { boss: done(course.thresholds.crusher_ppl, 1) };
  assert.equal(byId(evaluate(s, course, 5).badges)["loss-crusher"], false);
});

test("Code Poet needs a run on the Linux text below the measured loss", () => {
  const s = empty();
  s.log.runs.push(run({ text: "linux", bestValLoss: course.thresholds.code_val_loss + 0.01 }));
  assert.equal(byId(evaluate(s, course, 5).badges)["code-poet"], false);
  s.log.runs.push(run({ at: T(1), text: "linux", bestValLoss: course.thresholds.code_val_loss - 0.01 }));
  assert.equal(byId(evaluate(s, course, 5).badges)["code-poet"], true);
  s.log.runs = [run({ text: "upload", bestValLoss: 0.5 })];
  assert.equal(byId(evaluate(s, course, 5).badges)["code-poet"], false);
});

test("Optimization Guru: a run twice as fast as the first on the same text, not on another", () => {
  const s = empty();
  s.log.runs = [run({ at: T(5), charsPerS: 10_000 }), run({ at: T(4), text: "names", charsPerS: 30_000 }), run({ at: T(3), charsPerS: 19_999 })];
  assert.equal(byId(evaluate(s, course, 5).badges)["optimization-guru"], false);
  s.log.runs.push(run({ at: T(2), charsPerS: 20_000 }));
  const g = evaluate(s, course, 5).badges.find((b) => b.id === "optimization-guru")!;
  assert.equal(g.done, true);
  assert.equal(g.at, T(2));
});

test("Full Stack needs every lab and every milestone", () => {
  const s = empty();
  s.log.runs.push(run());
  s.challenges = { level2: done(5.9, 4), level3: done(61, 3) };
  s.detective = { right: 3, answered: 3 };
  for (const id of course.labs.slice(1)) s.progress.labs[id] = T(2);
  assert.equal(byId(evaluate(s, course, 5).badges)["full-stack"], false);
  s.progress.labs[course.labs[0]] = T(1);
  assert.equal(byId(evaluate(s, course, 5).badges)["full-stack"], true);
});

test("a studio run's record: text kind, model, speed and the best validation loss", () => {
  const r = studioRun("linux (our excerpt)", { cell: "gru", layers: 2, hidden: 128, fixed: false }, 100, { step: 50, chars: 102_400 },
    [[10, 3], [20, 2.5], [30, 2.7]], NOW)!;
  assert.deepEqual([r.text, r.cell, r.layers, r.steps, r.chars, r.charsPerS, r.bestValLoss], ["linux", "gru", 2, 50, 102_400, 1024, 2.5]);
  assert.equal(r.bestValPerplexity, Math.exp(2.5));
  assert.equal(studioRun("x", { cell: "lstm", layers: 1, hidden: 64, fixed: false }, 10, { step: 1, chars: 1 }, []), null);
  assert.equal(textKind("notes.txt"), "upload");
  assert.equal(textKind("Level 1's text (x)", true), "challenge");
});

test("time per phase: training seconds per text and the time between dated milestones", () => {
  const s = empty();
  s.log.events.push({ kind: "data-explored", at: T(10), text: "linux" });
  s.log.runs = [run({ at: T(8), trainedS: 300 }), run({ at: T(6), trainedS: 120 })];
  const e = evaluate(s, course, 5);
  const t = timePerPhase(s, e.milestones);
  assert.deepEqual(t.training, [{ text: "tinyshakespeare", seconds: 420, runs: 2 }]);
  assert.deepEqual(t.between, [{ from: "bronze", to: "silver", ms: 2 * 3600_000 }]);
});

function full(): Sources {
  const s = empty();
  s.progress.labs = { rnn_step: T(3) };
  s.challenges = { level2: done(5.9, 4) };
  s.detective = { right: 2, answered: 3 };
  s.log.runs = [run()];
  s.log.events = [{ kind: "data-explored", at: T(6), text: "linux" }];
  return s;
}

test("an exported file reads back as the same stores", () => {
  const s = full();
  const text = JSON.stringify(exportFile(s, NOW));
  const r = readProgressFile(text, text.length, NOW);
  assert.ok(r.ok);
  if (r.ok) assert.deepEqual(r.stores, { ...s, progress: s.progress, log: s.log });
});

const refusals: [string, string | ((s: ReturnType<typeof full>) => unknown), RegExp][] = [
  ["not JSON", "{not json", /not JSON/],
  ["another format", file({}, { format: "rnn-course/boss-leaderboard" }), /not a progress file/],
  ["another version", file({}, { version: 2 }), /version 2/],
  ["a lab time in the future", (s) => void (s.progress.labs.x = NOW + 86_400_000), /in the future/],
  ["a negative time", (s) => void (s.progress.visits.x = -5), /negative time/],
  ["a negative count", (s) => void (s.detective.right = -1), /two counts/],
  ["more right answers than answers", (s) => void (s.detective.right = 9), /more right answers/],
  ["a run's perplexity below 1", (s) => void Object.assign(s.log.runs[0], { bestValPerplexity: 0.9, bestValLoss: Math.log(0.9) }), /negative|below 1/],
  ["a challenge perplexity below 1", (s) => void (s.challenges.level2.value = 0.5), /below 1/],
  ["a run of the wrong type", (s) => void ((s.log.runs[0] as unknown as Record<string, unknown>).steps = "many"), /steps is not a count/],
  ["too many runs", (s) => void (s.log.runs = Array.from({ length: MAX_RUNS + 1 }, (_, i) => run({ at: T(1) + i }))), /more than 200/],
  ["a missing store", (s) => void delete (s as Partial<Sources>).challenges, /challenges are missing/],
];
test("an import is refused whole for each impossible or malformed part, saying why", () => {
  for (const [name, change, reason] of refusals) {
    let text: string;
    if (typeof change === "string") text = change;
    else {
      const s = full();
      change(s);
      text = file(s);
    }
    const r = readProgressFile(text, text.length, NOW);
    assert.equal(r.ok, false, `${name}: accepted`);
    if (!r.ok) {
      assert.match(r.reason, reason, name);
      assert.match(r.reason, /nothing was changed/, name);
    }
  }
});

test("a file over 1 MB is refused by its size alone", () => {
  const r = readProgressFile("", 1024 * 1024 + 1, NOW);
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.reason, /more than the 1 MB/);
});

test("a merge unites labs, runs and levels, keeps the better scores, and marks what came from the file", () => {
  const mine = full();
  const theirs = empty();
  theirs.progress.labs = { rnn_step: T(9), lstm_step: T(2) };
  theirs.challenges = { level2: done(5.5, 1), level3: done(70, 1), boss: done(7, 1) };
  mine.challenges.boss = done(7.4, 2);
  theirs.detective = { right: 6, answered: 8 };
  theirs.log.runs = [run(), run({ at: T(1), text: "linux" })];
  const m = merge(mine, theirs);
  assert.deepEqual(Object.keys(m.progress.labs).sort(), ["lstm_step", "rnn_step"]);
  assert.equal(m.progress.labs.rnn_step, T(3));
  assert.deepEqual(m.log.imported.labs, ["lstm_step"]);
  assert.equal(m.challenges.level2.value, 5.9, "a level done here stays as it was");
  assert.equal(m.challenges.level3.imported, true);
  assert.equal(m.challenges.boss.value, 7, "the Boss keeps the lower perplexity");
  assert.deepEqual(m.detective, { right: 6, answered: 8 });
  assert.equal(m.log.imported.detective, true);
  assert.equal(m.log.runs.length, 2, "the run with the same time is not doubled");
  assert.equal(m.log.runs[1].imported, true);
  assert.equal(m.log.runs[0].imported, undefined);
  const e = evaluate(m, course, 5);
  assert.equal(e.milestones.find((x) => x.id === "diamond")!.imported, true);
  assert.equal(e.milestones.find((x) => x.id === "silver")!.imported, false);
});

runTests();
