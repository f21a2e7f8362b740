/**
 * Unit tests of the widgets' shared helpers (widgets/lib/): latest() and the abort helpers that
 * tie work to a mount's signal, the number formats, ids, the query helper, saveAndSay and the
 * chart pieces of plot.ts. tests/test_widget_lib_js.py runs this file in Node; each `test(...)`
 * becomes one pytest case.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import { latest } from "../../widgets/lib/latest.ts";
import { interval, onAbort, timeout } from "../../widgets/lib/abort.ts";
import { fixed, percent, short } from "../../widgets/lib/numbers.ts";
import { uniqueId } from "../../widgets/lib/ids.ts";
import { finder } from "../../widgets/lib/dom.ts";
import { saveAndSay } from "../../widgets/lib/storage.ts";
import { axes, chartSvg, frame, linear, linePoints, logarithmic, niceTicks, xTicks, yTicks } from "../../widgets/lib/plot.ts";

test("latest: each next() aborts the signal before it, and only that one", () => {
  const runs = latest();
  const a = runs.next();
  assert.equal(a.aborted, false);
  const b = runs.next();
  assert.equal(a.aborted, true);
  assert.equal(b.aborted, false);
  const c = runs.next();
  assert.equal(b.aborted, true);
  assert.equal(c.aborted, false);
});

test("latest: cancel() aborts the current request without starting another", () => {
  const runs = latest();
  const a = runs.next();
  runs.cancel();
  assert.equal(a.aborted, true);
  runs.cancel(); // nothing running: no error
  assert.equal(runs.next().aborted, false);
});

test("latest: the parent's abort (the unmount) aborts the current request and every later one", () => {
  const mount = new AbortController();
  const runs = latest(mount.signal);
  const a = runs.next();
  mount.abort();
  assert.equal(a.aborted, true);
  assert.equal(runs.next().aborted, true, "a request started after the unmount starts aborted");
});

test("latest: a superseded request's abort listeners run at once, so its model job is cancelled", () => {
  const runs = latest();
  const cancelled: string[] = [];
  runs.next().addEventListener("abort", () => cancelled.push("first"));
  runs.next().addEventListener("abort", () => cancelled.push("second"));
  assert.deepEqual(cancelled, ["first"]);
});

test("onAbort: runs once on abort, and at once for a signal already aborted", () => {
  const c = new AbortController();
  let n = 0;
  onAbort(c.signal, () => n++);
  assert.equal(n, 0);
  c.abort();
  c.abort();
  assert.equal(n, 1);
  onAbort(c.signal, () => n++);
  assert.equal(n, 2);
});

/** Replace the global timer functions while `fn` runs, recording what was set and cleared. */
function withFakeTimers(fn: (log: string[]) => void): void {
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = ["setInterval", "clearInterval", "setTimeout", "clearTimeout"].map((k) => [k, g[k]] as const);
  const log: string[] = [];
  let next = 1;
  g.setInterval = () => (log.push(`setInterval ${next}`), next++);
  g.setTimeout = () => (log.push(`setTimeout ${next}`), next++);
  g.clearInterval = (id: number) => log.push(`clearInterval ${id}`);
  g.clearTimeout = (id: number) => log.push(`clearTimeout ${id}`);
  try {
    fn(log);
  } finally {
    for (const [k, v] of saved) g[k] = v;
  }
}

test("interval and timeout: the mount's abort clears them", () => {
  withFakeTimers((log) => {
    const c = new AbortController();
    interval(() => undefined, 250, c.signal);
    timeout(() => undefined, 30, c.signal);
    assert.deepEqual(log, ["setInterval 1", "setTimeout 2"]);
    c.abort();
    assert.deepEqual(log.slice(2), ["clearInterval 1", "clearTimeout 2"]);
  });
});

test("interval: its stop clears it before the unmount does", () => {
  withFakeTimers((log) => {
    const c = new AbortController();
    const stop = interval(() => undefined, 250, c.signal);
    stop();
    assert.deepEqual(log, ["setInterval 1", "clearInterval 1"]);
  });
});

test("numbers: fixed keeps its decimals with a true minus sign and never shows minus zero", () => {
  assert.equal(fixed(0.5, 3), "0.500");
  assert.equal(fixed(-1.25, 2), "\u22121.25");
  assert.equal(fixed(-0.0001, 3), "0.000");
  assert.equal(fixed(-0, 2), "0.00");
});

test("numbers: short drops trailing zeros; percent rounds a share", () => {
  assert.equal(short(0.5), "0.5");
  assert.equal(short(-1.2501, 2), "\u22121.25");
  assert.equal(short(-0.001, 2), "0");
  assert.equal(short(3), "3");
  assert.equal(percent(0.4236), "42%");
  assert.equal(percent(0.035, 1), "3.5%");
});

test("uniqueId: never the same id twice, with the prefix asked for", () => {
  const a = uniqueId("rnn-x");
  const b = uniqueId("rnn-x");
  assert.notEqual(a, b);
  assert.match(a, /^rnn-x-\d+$/);
});

test("finder: a missing element of the widget's own markup throws, naming the selector", () => {
  const hit = { id: "found" };
  const root = { querySelector: (sel: string) => (sel === "[data-here]" ? hit : null) } as unknown as ParentNode;
  const $ = finder(root);
  assert.equal($("[data-here]") as unknown, hit);
  assert.throws(() => $("[data-gone]"), /\[data-gone\]/);
});

test("saveAndSay: a refused save is said in the note and reported", () => {
  // Node has no localStorage: the save is refused, as in a browser that denies storage.
  const note = { textContent: "old" } as HTMLElement;
  assert.equal(saveAndSay("k", { a: 1 }, note), false);
  assert.match(note.textContent ?? "", /will be lost on reload/);
});

test("plot: linear and log scales map their ends, flipping y", () => {
  const sy = linear(0, 10, 200, 20);
  assert.equal(sy(0), 200);
  assert.equal(sy(10), 20);
  assert.equal(sy(5), 110);
  const sx = logarithmic(10, 1000, 0, 100);
  assert.equal(sx(10), 0);
  assert.equal(sx(100), 50);
  assert.equal(sx(1000), 100);
  assert.equal(linear(3, 3, 7, 9)(3), 7, "an empty range maps to its start");
});

test("plot: nice ticks are round numbers covering the range", () => {
  assert.deepEqual(niceTicks(0, 1, 4), [0, 0.5, 1]);
  assert.deepEqual(niceTicks(0, 2000, 5), [0, 500, 1000, 1500, 2000]);
  assert.deepEqual(niceTicks(2, 2), [2]);
});

test("plot: x labels that would touch are left out, the last one kept", () => {
  const f = frame(200, 100, { left: 20, right: 10, top: 5, bottom: 30 });
  const ticks = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => ({ value: v * 1000, label: `${v * 1000}` }));
  const svg = xTicks(f, ticks, linear(0, 10000, f.x0, f.x1), "c");
  const shown = [...svg.matchAll(/>([^<]+)<\/text>/g)].map((m) => m[1]);
  assert.ok(shown.length < ticks.length && shown.length >= 2, shown.join(","));
  assert.equal(shown[shown.length - 1], "10000");
});

test("plot: ticks, axes and points carry the caller's classes and escape their text", () => {
  const f = frame(300, 200, { left: 40, right: 10, top: 10, bottom: 40 });
  const sy = linear(0, 1, f.y1, f.y0);
  const y = yTicks(f, [{ value: 0, label: "<0>" }], sy, "rnn-q", true);
  assert.match(y, /class="rnn-q__grid"/);
  assert.match(y, /class="rnn-q__tick"[^>]*>&lt;0&gt;</);
  assert.equal((axes(f, "rnn-q").match(/class="rnn-q__axis"/g) ?? []).length, 2);
  assert.equal(linePoints([[0, 0], [1, NaN], [1, 1]], linear(0, 1, 40, 290), sy), "40.0,160.0 290.0,10.0");
});

test("plot: the svg is an image named by its title and described by its desc", () => {
  const f = frame(300, 200, { left: 40, right: 10, top: 10, bottom: 40 });
  const svg = chartSvg(f, "rnn-q", { title: "Loss <by> step", description: "d", idPrefix: "p" }, "");
  assert.match(svg, /^<svg class="rnn-q" viewBox="0 0 300 200" role="img" aria-labelledby="p-title" aria-describedby="p-desc">/);
  assert.match(svg, /<title id="p-title">Loss &lt;by&gt; step<\/title><desc id="p-desc">d<\/desc>/);
  assert.doesNotMatch(chartSvg(f, "", { title: "t", idPrefix: "q" }, ""), /aria-describedby|class=/);
});

runTests();
