/**
 * Unit tests of the lab's state logic and the runtime's progress text: plain
 * functions, no DOM. tests/test_lab_model.py bundles this file with esbuild
 * and runs it in Node; each `test(...)` becomes one pytest case.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import { describeProgress, type RunResult } from "../../widgets/runtime/pyodide/client.ts";
import {
  errorLineOf, hashText, outputCutMessage, parseLabMeta, restoreCode, timeLimitMessage, tooLargeMessage, verdictFor,
} from "../../widgets/lab/model.ts";


const STARTER = "def softmax(y):\n    pass\n";
const check = (name: string, status: "pass" | "fail" | "error", extra = {}) => ({
  name, public: true, status, message: status === "pass" ? "" : `${name} went wrong`,
  input: "y = [1.]", expected: "[1.]", got: "[2.]", feedback: null, ...extra,
});
const graded = (report: object): RunResult => ({ status: "graded", report: report as never, outputCut: false });

test("a first visit shows the starter", () => {
  const r = restoreCode(null, STARTER);
  assert.deepEqual(r, { code: STARTER, starterHash: hashText(STARTER), starterChanged: false });
});

test("saved code comes back", () => {
  const r = restoreCode({ code: "mine", starterHash: hashText(STARTER), savedAt: 1 }, STARTER);
  assert.equal(r.code, "mine");
  assert.equal(r.starterChanged, false);
});

test("saved code from an older starter is kept and flagged", () => {
  const r = restoreCode({ code: "mine", starterHash: hashText("old starter"), savedAt: 1 }, STARTER);
  assert.equal(r.code, "mine");
  assert.equal(r.starterChanged, true);
  assert.equal(r.starterHash, hashText("old starter"));
});

test("saved code that is the new starter is not flagged", () => {
  const r = restoreCode({ code: STARTER, starterHash: hashText("old starter"), savedAt: 1 }, STARTER);
  assert.equal(r.starterChanged, false);
});

test("unreadable saved data falls back to the starter", () => {
  for (const junk of [42, "text", { code: 1 }, []]) assert.equal(restoreCode(junk, STARTER).code, STARTER);
});

test("hashText tells texts apart and is stable", () => {
  assert.equal(hashText(STARTER), hashText(STARTER));
  assert.notEqual(hashText(STARTER), hashText(STARTER + " "));
  assert.match(hashText(""), /^[0-9a-f]+$/);
});

test("lab.json is validated field by field", () => {
  const ok = { id: "softmax", title: "T", difficulty: 2, time_limit_s: 5, entry: "softmax", hints: ["a", "b"] };
  assert.deepEqual(parseLabMeta(ok, "softmax"), {
    id: "softmax", title: "T", difficulty: 2, timeLimitS: 5, entry: "softmax", hints: ["a", "b"],
  });
  assert.throws(() => parseLabMeta({ ...ok, difficulty: 4 }, "softmax"), /difficulty/);
  assert.throws(() => parseLabMeta({ ...ok, time_limit_s: 0 }, "softmax"), /time_limit_s/);
  assert.throws(() => parseLabMeta({ ...ok, hints: [1] }, "softmax"), /hints/);
  assert.throws(() => parseLabMeta(null, "softmax"), /not an object/);
});

test("all public checks passing on Run points to Check", () => {
  const v = verdictFor(graded({ status: "passed", error: null, checks: [check("a", "pass")], feedback: [], passed: 1, total: 1 }), "run", 5);
  assert.equal(v.status, "passed");
  assert.equal(v.summary, "All 1 public checks passed. Press Check to add the hidden checks.");
});

test("a failed run puts the diagnosis first and does not repeat it per check", () => {
  const diagnosis = "You forgot np.exp.";
  const v = verdictFor(graded({
    status: "failed", error: null, feedback: [diagnosis], passed: 1, total: 2,
    checks: [check("a", "pass"), check("b", "fail", { feedback: diagnosis })],
  }), "check", 5);
  assert.equal(v.status, "failed");
  assert.equal(v.summary, "1 of 2 checks passed. Read the feedback below.");
  assert.deepEqual(v.feedback, [diagnosis]);
  assert.equal(v.checks[1].feedback, null);
  assert.deepEqual(v.checks[1].details.map((d) => d.label), ["Input", "Expected", "Got"]);
  assert.deepEqual(v.checks[0].details, []); // a passing check shows no input/expected/got
});

test("code that cannot load is an error naming its line", () => {
  const error = { type: "NameError", message: "name 'x' is not defined", line: 4, traceback: "..." };
  const v = verdictFor(graded({ status: "error", error, checks: [], feedback: [], passed: 0, total: 3 }), "run", 5);
  assert.equal(v.status, "error");
  assert.equal(v.summary, "Your code could not run: NameError on line 4.");
  assert.equal(v.error, error);
});

test("the time limit and Stop read differently", () => {
  const stopped = (reason: "user" | "time-limit"): RunResult =>
    ({ status: "stopped", reason, via: "interrupt", stopMs: 10, outputCut: false });
  assert.deepEqual([verdictFor(stopped("time-limit"), "run", 7).status, verdictFor(stopped("time-limit"), "run", 7).summary],
    ["error", timeLimitMessage(7)]);
  assert.equal(timeLimitMessage(7), "Your code ran longer than 7 s and was stopped. Look for a loop that never ends.");
  assert.deepEqual([verdictFor(stopped("user"), "run", 7).status, verdictFor(stopped("user"), "run", 7).summary], ["idle", "Stopped."]);
});

test("the editor marks the load error's line, else the first erroring check's", () => {
  const error = { type: "ValueError", message: "boom", line: 9, traceback: "..." };
  const loadError = verdictFor(graded({ status: "error", error, checks: [], feedback: [], passed: 0, total: 1 }), "run", 5);
  assert.equal(errorLineOf(loadError), 9);
  const inCheck = verdictFor(graded({
    status: "failed", error: null, feedback: [], passed: 0, total: 2,
    checks: [check("a", "fail"), check("b", "error", { error: { ...error, line: 6 } })],
  }), "run", 5);
  assert.equal(errorLineOf(inCheck), 6);
  assert.equal(errorLineOf(verdictFor(graded({ status: "passed", error: null, checks: [], feedback: [], passed: 0, total: 0 }), "run", 5)), null);
});

test("a broken runtime is an error with its reason", () => {
  const v = verdictFor({ status: "failed", message: "the grader crashed", outputCut: false }, "check", 5);
  assert.equal(v.status, "error");
  assert.match(v.summary, /the grader crashed/);
});

test("messages about sizes read naturally", () => {
  assert.equal(outputCutMessage(20000), "Output cut after 20,000 characters.");
  assert.match(tooLargeMessage(250_000), /^That would make your code 250 KB long; a lab holds at most 200 KB/);
});

test("progress names the file and how far it is", () => {
  const loading = (file: string | null, loaded: number, total: number | null, restarting = false) =>
    describeProgress({ phase: "loading", file, loaded, total, restarting });
  assert.deepEqual(loading("pyodide.asm.wasm", 3_000_000, 12_000_000),
    { label: "Loading Python: pyodide.asm.wasm, 3.0 of 12.0 MB", fraction: 0.25 });
  assert.deepEqual(loading("python_stdlib.zip", 1_000_000, null), { label: "Loading Python: python_stdlib.zip, 1.0 MB", fraction: null });
  assert.equal(loading("pyodide.asm.wasm", 10, 10).label, "Loading Python: starting up…");
  assert.equal(loading(null, 0, null, true).label, "Restarting Python…");
  assert.equal(describeProgress({ phase: "failed", message: "HTTP 404" }).label, "Python could not be loaded: HTTP 404.");
});

runTests();
