/**
 * Unit tests of the learning-path progress logic (widgets/lib/progress.ts)
 * and the python-snippet's decisions (widgets/python-snippet/model.ts):
 * plain functions, no DOM. tests/test_progress_model.py bundles this file
 * with esbuild and runs it in Node; each `test(...)` becomes one pytest case.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import { formatMinutes, normalize, pageOfPath, stepView, summarize, unitOfPath, type Progress } from "../../widgets/lib/progress.ts";
import { describeRun, restore } from "../../widgets/python-snippet/model.ts";


const empty = (): Progress => ({ visits: {}, pages: {}, labs: {}, paths: {} });
const M2 = { unit: "02-rnn-architecture", labs: ["softmax", "rnn_step"], pages: ["02-rnn-architecture", "02-rnn-architecture/review"] };

test("a module page, and any page under it, belongs to its module", () => {
  assert.equal(unitOfPath("/modules/02-rnn-architecture/"), "02-rnn-architecture");
  assert.equal(unitOfPath("/course/modules/02-rnn-architecture/review/"), "02-rnn-architecture");
  assert.equal(unitOfPath("/appendices/a-readiness/numpy/"), "a-readiness");
  assert.equal(unitOfPath("/paths/b-practitioner/"), null);
  assert.equal(unitOfPath("/"), null);
});

test("damaged saved progress becomes empty parts, good parts are kept", () => {
  assert.deepEqual(normalize(null), empty());
  assert.deepEqual(normalize("junk"), empty());
  const p = normalize({ visits: { a: 5, b: "x" }, labs: [], paths: { b: { done: { c: 3 } } } });
  assert.deepEqual(p, { visits: { a: 5 }, pages: {}, labs: {}, paths: { b: { resetAt: 0, done: { c: 3 } } } });
});

test("a step is not started, then in progress when visited, then done when its labs pass", () => {
  const p = empty();
  assert.equal(stepView(p, "b", M2).status, "not-started");
  p.visits[M2.unit] = 10;
  p.pages[M2.unit] = 10;
  assert.equal(stepView(p, "b", M2).status, "in-progress");
  p.labs.softmax = 11;
  assert.equal(stepView(p, "b", M2).status, "in-progress");
  p.labs.rnn_step = 12;
  const v = stepView(p, "b", M2);
  assert.equal(v.status, "done");
  assert.deepEqual(v.labs, [{ id: "softmax", passed: true }, { id: "rnn_step", passed: true }]);
});

test("a page key names the unit's index page by the unit, its other pages by unit/page", () => {
  assert.equal(pageOfPath("/modules/02-rnn-architecture/"), "02-rnn-architecture");
  assert.equal(pageOfPath("/course/modules/02-rnn-architecture/review/"), "02-rnn-architecture/review");
  assert.equal(pageOfPath("/modules/02-rnn-architecture/index.html"), "02-rnn-architecture");
  assert.equal(pageOfPath("/appendices/b-further-reading/"), "b-further-reading");
  assert.equal(pageOfPath("/paths/b-practitioner/"), null);
});

test("opening one page of a module without labs starts it; opening all its pages finishes it", () => {
  const step = { unit: "01-why-sequences", labs: [], pages: ["01-why-sequences", "01-why-sequences/data"] };
  const p = empty();
  p.visits["01-why-sequences"] = 1;
  p.pages["01-why-sequences"] = 1;
  const half = stepView(p, "a", step);
  assert.equal(half.status, "in-progress");
  assert.deepEqual([half.pagesVisited, half.pagesTotal], [1, 2]);
  p.pages["01-why-sequences/data"] = 2;
  assert.equal(stepView(p, "a", step).status, "done");
});

test("passing every lab a step counts finishes it even with pages unopened", () => {
  const p = empty();
  p.labs.softmax = 1;
  p.labs.rnn_step = 2;
  assert.equal(stepView(p, "b", { ...M2, pages: ["02-rnn-architecture", "02-rnn-architecture/review"] }).status, "done");
});

test("a unit not written yet is neither ticked nor counted, even if marked", () => {
  const p = empty();
  const soon = { unit: "07-attention", labs: [], pages: [], available: false };
  p.paths.a = { resetAt: 0, done: { "07-attention": 1 } };
  assert.equal(stepView(p, "a", soon).status, "unavailable");
  const views = [stepView(p, "a", M2), stepView(p, "a", soon)];
  assert.equal(summarize(views, [30, 90]), "0 of 1 steps done, about 30 min left. 1 more step is coming soon and not counted.");
  p.labs.softmax = 1;
  p.labs.rnn_step = 1;
  assert.equal(summarize([stepView(p, "a", M2), stepView(p, "a", soon)], [30, 90]),
    "All 1 steps written so far done. Well done! 1 more step is coming soon and not counted.");
});

test("a passed lab without a visit counts as started", () => {
  const p = empty();
  p.labs.rnn_step = 1;
  assert.equal(stepView(p, "c", M2).status, "in-progress");
});

test("marking done completes a step; a reset forgets earlier visits for that path only", () => {
  const p = empty();
  p.visits[M2.unit] = 10;
  p.labs.softmax = 10;
  p.labs.rnn_step = 10;
  p.paths.b = { resetAt: 20, done: {} };
  assert.equal(stepView(p, "b", M2).status, "not-started");
  assert.equal(stepView(p, "c", M2).status, "done");
  p.visits[M2.unit] = 30; // visited again after the reset
  p.pages[M2.unit] = 30;
  assert.equal(stepView(p, "b", M2).status, "in-progress");
  p.paths.b.done[M2.unit] = 31;
  const v = stepView(p, "b", M2);
  assert.equal(v.status, "done");
  assert.equal(v.markedDone, true);
});

test("the summary counts done steps and the time left", () => {
  const views = [M2, M2, M2].map(() => stepView(empty(), "b", M2));
  assert.equal(summarize(views, [20, 45, 40]), "0 of 3 steps done, about 1 h 45 min left.");
  views[1] = { ...views[1], status: "done" };
  assert.equal(summarize(views, [20, 45, 40]), "1 of 3 steps done, about 1 h left.");
  assert.equal(summarize(views.map((v) => ({ ...v, status: "done" as const })), [1, 2, 3]), "All 3 steps written so far done. Well done!");
});

test("minutes are written as the build writes them", () => {
  assert.deepEqual([45, 60, 105, 120].map(formatMinutes), ["45 min", "1 h", "1 h 45 min", "2 h"]);
});

test("a snippet edit comes back only while the page's code is unchanged", () => {
  assert.deepEqual(restore(null, "orig"), { code: "orig", stale: false });
  assert.deepEqual(restore({ code: "mine", original: "orig" }, "orig"), { code: "mine", stale: false });
  assert.deepEqual(restore({ code: "mine", original: "older" }, "orig"), { code: "orig", stale: true });
  assert.deepEqual(restore({ code: 3 }, "orig"), { code: "orig", stale: false });
});

test("a snippet run is described in one sentence", () => {
  const error = { type: "NameError", message: "name 'z' is not defined", line: 2, traceback: "" };
  assert.deepEqual(describeRun({ status: "finished", error: null, outputCut: false }, true), { text: "Finished.", error: false });
  assert.equal(describeRun({ status: "finished", error: null, outputCut: false }, false).text, "Finished. (It printed nothing.)");
  assert.equal(describeRun({ status: "finished", error, outputCut: false }, true).text, "Stopped with NameError on line 2: name 'z' is not defined");
  const stopped = { status: "stopped", via: "interrupt", stopMs: 5, outputCut: false } as const;
  assert.deepEqual(describeRun({ ...stopped, reason: "user" }, false), { text: "Stopped.", error: false });
  assert.equal(describeRun({ ...stopped, reason: "time-limit" }, false).error, true);
});

runTests();
