/**
 * Unit tests of the training studio's pure logic (widgets/training-studio/logic.ts): what text it
 * accepts and the reason it gives otherwise, the settings' limits, and the dashboard's figures.
 * tests/test_training_studio_logic.py runs this file in Node; each `test(...)` is one pytest case.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import {
  charsPerSecond, checkText, countedSeconds, decodeUpload, formatBytes, formatDuration, overfitting, restoreSettings, secondsLeft,
  smoothCurve, textHash, trainerConfig, DEFAULTS, MAX_TEXT_BYTES, type StepRecord,
} from "../../widgets/training-studio/logic.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);

test("a UTF-8 file is read as text, its BOM dropped and its CRLF line ends made LF", () => {
  const r = decodeUpload(utf8("\uFEFFcafé\r\nline two\r\n"), "notes.txt");
  assert.deepEqual(r, { ok: true, text: "café\nline two\n" });
});

test("a file over the limit is refused with its size and the limit", () => {
  const r = decodeUpload(new Uint8Array(MAX_TEXT_BYTES + 1), "big.txt");
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.reason : "", /2\.0 MB; the studio trains on at most 2\.0 MB/);
});

test("an empty file is refused as empty", () => {
  const r = decodeUpload(new Uint8Array(0), "empty.txt");
  assert.deepEqual(r, { ok: false, reason: "empty.txt is empty: there is nothing to learn from." });
});

test("a file with NUL bytes is refused as binary", () => {
  const r = decodeUpload(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 65, 66]), "a.zip");
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.reason : "", /binary file \(it holds NUL bytes\)/);
});

test("a file of control bytes without NULs is refused as binary too", () => {
  const bytes = new Uint8Array(200).map((_, i) => (i % 2 ? 1 + (i % 7) : 65));
  const r = decodeUpload(bytes, "odd.bin");
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.reason : "", /binary file \(100 control bytes in its first 200\)/);
});

test("a Latin-1 file is refused as not UTF-8", () => {
  const r = decodeUpload(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]), "latin1.txt");
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.reason : "", /latin1\.txt is not UTF-8 text/);
});

test("pasted text is measured in UTF-8 bytes: a million three-byte characters is over 2 MB", () => {
  assert.equal(checkText("漢".repeat(700_000)).ok, false); // 2.1 MB of UTF-8 in 700,000 characters
  assert.equal(checkText("a".repeat(700_000)).ok, true);
  assert.deepEqual(checkText("  \n\t "), { ok: false, reason: "The text is empty: paste or upload some text first." });
});

test("settings out of range or of the wrong type fall back to their limits or defaults", () => {
  const s = restoreSettings({ cell: "transformer", size: "huge", seqLen: 100000, batch: -3, lr: "fast", minutes: 0.01, temperature: 9, autoStop: "yes" });
  assert.deepEqual(s, { ...DEFAULTS, seqLen: 256, batch: 1, minutes: 0.25, temperature: 2 });
  assert.deepEqual(restoreSettings(null), DEFAULTS);
});

test("the trainer's configuration names the size's layers and units", () => {
  assert.deepEqual(trainerConfig({ ...DEFAULTS, size: "large", cell: "gru" }), {
    cell: "gru", layers: 2, hidden: 128, seq_len: 64, batch: 32, lr: 0.003, seed: 0,
  });
});

test("the training curve averages buckets of iterations, each at its last step", () => {
  const rec = (step: number, loss: number): StepRecord => ({ step, loss, grad_norm: 1, chars: step * 10 });
  const records = [rec(1, 4), rec(2, 2), rec(3, 3), rec(4, 1), rec(5, 5)];
  assert.deepEqual(smoothCurve(records, 3), [[2, 3], [4, 2], [5, 5]]);
  assert.deepEqual(smoothCurve(records, 10), records.map((r) => [r.step, r.loss]));
  assert.deepEqual(smoothCurve([], 10), []);
});

test("the speed is characters over seconds of the latest slices", () => {
  const slices = [{ seconds: 5, chars: 100 }, { seconds: 6, chars: 600 }, { seconds: 4, chars: 400 }];
  assert.equal(charsPerSecond(slices, 10), 1000 / 10);
  assert.equal(charsPerSecond(slices, 100), 1100 / 15);
  assert.equal(charsPerSecond([]), null);
});

test("a slice counts the page's wait, but not a wait long after Python finished (a frozen hidden tab)", () => {
  assert.equal(countedSeconds(1.2, 1.0), 1.2);
  assert.equal(countedSeconds(3600, 1.0), 2);
});

test("time left counts down to zero and reads as minutes and seconds", () => {
  assert.equal(secondsLeft(5, 61), 239);
  assert.equal(secondsLeft(1, 100), 0);
  assert.equal(formatDuration(239), "3 min 59 s");
  assert.equal(formatDuration(38.4), "38 s");
  assert.equal(formatDuration(3725), "1 h 02 min");
});

test("overfitting is said only when validation rises while training falls", () => {
  const train: [number, number][] = [[100, 2.0], [200, 1.8], [300, 1.6], [400, 1.4]];
  assert.equal(overfitting([[100, 2.1], [200, 1.9], [300, 2.0], [400, 2.05]], train), true);
  assert.equal(overfitting([[100, 2.1], [200, 1.9], [300, 2.0], [400, 1.85]], train), false);
  const flat: [number, number][] = [[100, 2.0], [200, 1.8], [300, 1.9], [400, 1.95]];
  assert.equal(overfitting([[100, 2.1], [200, 1.9], [300, 2.0], [400, 2.05]], flat), false);
});

test("a text's fingerprint changes with any character and carries its length", () => {
  assert.notEqual(textHash("abc"), textHash("abd"));
  assert.match(textHash("hello"), /^5-[0-9a-f]{8}$/);
  assert.equal(formatBytes(2 * 1024 * 1024), "2.0 MB");
});

runTests();
