/**
 * Unit tests of Module 6's exercises, pure logic only: Architecture Matching
 * (widgets/architecture-matching/logic.ts) and Build the Pipeline (widgets/pipeline-builder/logic.ts).
 * tests/test_module06_js.py bundles this file with esbuild and runs it in Node; each `test(...)` is
 * one pytest case. Expected answers are read from the widgets' own JSON keys, not restated here.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import * as am from "../../widgets/architecture-matching/logic.ts";
import * as pb from "../../widgets/pipeline-builder/logic.ts";

const task = (id: string) => pb.PIPELINES.tasks.find((t) => t.id === id)!;
const ids = pb.PIPELINES.components.map((c) => c.id);

// ---------------------------------------------------------------- Architecture Matching

test("matching: the best option on every task is judged right and its explanation is shown", () => {
  for (const t of am.MATCHING.tasks) {
    const j = am.judge(t, t.answer)!;
    assert.equal(j.verdict, "best", t.id);
    assert.ok(j.text.startsWith("Right"), j.text);
    assert.ok(j.text.includes(t.feedback[t.answer].why), t.id);
  }
});

test("matching: a defensible option names the better one, a wrong one says so, both with their reason", () => {
  for (const t of am.MATCHING.tasks) {
    const best = am.optionById(t.answer)!.name;
    for (const o of am.MATCHING.options.filter((o) => o.id !== t.answer)) {
      const j = am.judge(t, o.id)!;
      assert.ok(j.text.includes(t.feedback[o.id].why), `${t.id}/${o.id}`);
      if (j.verdict === "partly") assert.ok(j.text.includes(`${best} fits better`), j.text);
      else assert.ok(j.text.startsWith(`Not ${o.name}`), j.text);
    }
  }
});

test("matching: nothing placed gives no verdict, and an unknown option is no placement", () => {
  const t = am.MATCHING.tasks[0];
  assert.equal(am.judge(t, undefined), null);
  assert.equal(am.judge(t, "transformer"), null);
});

test("matching: the score counts best matches only, and Try again keeps exactly those", () => {
  const [a, b] = am.MATCHING.tasks;
  const partly = am.MATCHING.options.find((o) => b.feedback[o.id].verdict !== "best")!.id;
  const placements = { [a.id]: a.answer, [b.id]: partly };
  assert.equal(am.score(placements), 1);
  assert.deepEqual(am.keepBest(placements), { [a.id]: a.answer });
  const all = Object.fromEntries(am.MATCHING.tasks.map((t) => [t.id, t.answer]));
  assert.equal(am.score(all), am.MATCHING.tasks.length);
});

test("matching: a saved state keeps known tasks and options only, and is unchecked when empty", () => {
  const t = am.MATCHING.tasks[0];
  const s = am.cleanState({ placements: { [t.id]: t.answer, ghost: t.answer, [am.MATCHING.tasks[1].id]: "nope" }, checked: true });
  assert.deepEqual(s, { placements: { [t.id]: t.answer }, checked: true });
  assert.deepEqual(am.cleanState({ placements: {}, checked: true }), { placements: {}, checked: false });
  assert.deepEqual(am.cleanState("garbage"), { placements: {}, checked: false });
});

test("matching: the summary counts placements before Check and best matches after", () => {
  const t = am.MATCHING.tasks[0];
  const n = am.MATCHING.tasks.length;
  assert.equal(am.summary({ placements: { [t.id]: t.answer }, checked: false }), `1 of ${n} tasks have an architecture.`);
  assert.ok(am.summary({ placements: { [t.id]: t.answer }, checked: true }).startsWith(`1 of ${n} best matches, ${n - 1} not placed yet`));
  const all = Object.fromEntries(am.MATCHING.tasks.map((x) => [x.id, x.answer]));
  assert.ok(am.summary({ placements: all, checked: true }).startsWith(`All ${n} best matches`));
});

// ---------------------------------------------------------------- Build the Pipeline

test("pipeline: every accepted pipeline is judged right, the best ones as best", () => {
  for (const t of pb.PIPELINES.tasks) {
    for (const a of t.accepted) {
      const r = pb.check(t, a.chain);
      assert.equal(r.status, a.best ? "best" : "works", `${t.id}: ${a.chain}`);
      assert.ok(r.text.includes(a.why), t.id);
    }
  }
});

test("pipeline: an empty pipeline asks for the task's input first", () => {
  for (const t of pb.PIPELINES.tasks) {
    const r = pb.check(t, []);
    assert.equal(r.status, "empty");
    assert.ok(r.text.includes(pb.PIPELINES.components.find((c) => c.id === t.input)!.name), r.text);
  }
});

test("pipeline: a wrong input is the first wrong part, named with the right one", () => {
  const r = pb.check(task("speech"), ["image", "encoder", "text"]);
  assert.equal(r.status, "wrong");
  assert.deepEqual(r.link, [0, 0]);
  assert.match(r.text, /starts from Spectrogram, not from Image/);
});

test("pipeline: captioning through an encoder RNN fails at the link from CNN to Encoder RNN with the task's own reason", () => {
  const t = task("captioning");
  const r = pb.check(t, ["image", "cnn", "encoder", "decoder", "text"]);
  assert.equal(r.status, "wrong");
  assert.deepEqual(r.link, [1, 2]);
  assert.ok(r.text.startsWith("The first wrong link is CNN \u2192 Encoder RNN (parts 2 and 3)."), r.text);
  assert.ok(r.text.includes(t.mistakes["cnn>encoder"]), r.text);
  for (const id of ["attention", "decoder"]) {
    assert.ok(r.text.includes(`${pb.PIPELINES.components.find((c) => c.id === id)!.name} (${t.links[`cnn>${id}`]})`), r.text);
  }
  assert.match(r.text, /After CNN, this task can go on with /);
});

test("pipeline: only the first wrong link is named, even when later ones are wrong too", () => {
  const r = pb.check(task("video"), ["frames", "cnn", "decoder", "image", "text"]);
  assert.deepEqual(r.link, [1, 2]);
  assert.ok(r.text.includes(task("video").mistakes["cnn>decoder"]), r.text);
});

test("pipeline: a wrong link without a sentence of its own says what the misplaced part is for", () => {
  const r = pb.check(task("captioning"), ["image", "attention"]);
  assert.deepEqual(r.link, [0, 1]);
  const attention = pb.PIPELINES.components.find((c) => c.id === "attention")!;
  assert.ok(r.text.includes(`Attention ${attention.needs}.`), r.text);
  assert.ok(r.text.includes(`After Image, this task needs CNN: ${task("captioning").links["image>cnn"]}.`), r.text);
});

test("pipeline: a right but unfinished pipeline is incomplete and says what may come next", () => {
  const r = pb.check(task("speech"), ["spectrogram", "encoder"]);
  assert.equal(r.status, "incomplete");
  const t = task("speech");
  assert.ok(r.text.includes("After Encoder RNN, this task can go on with "), r.text);
  for (const id of ["attention", "decoder", "text"]) {
    assert.ok(r.text.includes(`${pb.PIPELINES.components.find((c) => c.id === id)!.name} (${t.links[`encoder>${id}`]})`), r.text);
  }
});

test("pipeline: every pipeline of up to three parts gets a sentence without gaps, for every task", () => {
  const chains: string[][] = [[]];
  for (let n = 0; n < 3; n++) for (const c of chains.filter((x) => x.length === n)) for (const id of ids) chains.push([...c, id]);
  for (const t of pb.PIPELINES.tasks) {
    for (const c of chains) {
      const r = pb.check(t, c);
      assert.ok(r.text.length > 40, `${t.id}: ${c}`);
      assert.ok(!/undefined|null|NaN/.test(r.text), `${t.id}: ${c}: ${r.text}`);
    }
  }
});

test("pipeline: moving a part swaps it with its neighbour and stops at the ends", () => {
  assert.deepEqual(pb.moved(["a", "b", "c"], 1, -1), ["b", "a", "c"]);
  assert.deepEqual(pb.moved(["a", "b", "c"], 1, 1), ["a", "c", "b"]);
  assert.deepEqual(pb.moved(["a", "b", "c"], 0, -1), ["a", "b", "c"]);
  assert.deepEqual(pb.moved(["a", "b", "c"], 2, 1), ["a", "b", "c"]);
});

test("pipeline: a saved state keeps known tasks and parts, at most MAX_PARTS, and drops stale checks", () => {
  const s = pb.cleanState({
    chains: { captioning: ["image", "bogus", "cnn"], video: Array(pb.MAX_PARTS + 3).fill("cnn"), ghost: ["image"] },
    checked: ["captioning", "speech", 3],
  });
  assert.deepEqual(s.chains.captioning, ["image", "cnn"]);
  assert.equal(s.chains.video.length, pb.MAX_PARTS);
  assert.equal("ghost" in s.chains, false);
  assert.deepEqual(s.checked, ["captioning"]);
  assert.deepEqual(pb.cleanState(null), { chains: {}, checked: [] });
});

runTests();
