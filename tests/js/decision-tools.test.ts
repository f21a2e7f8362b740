/**
 * Unit tests of Module 8's decision tools, pure logic only: the "Should I use an RNN?" flowchart
 * (widgets/rnn-flowchart/logic.ts), build vs buy (widgets/build-vs-buy/logic.ts), the
 * architecture selection exercise (widgets/architecture-exercise/logic.ts) and the AI timeline's
 * focus and demo links (widgets/ai-timeline/timeline.ts). tests/test_decision_tools.py bundles
 * this file with esbuild and runs it in Node; each `test(...)` is one pytest case.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import * as flow from "../../widgets/rnn-flowchart/logic.ts";
import * as bvb from "../../widgets/build-vs-buy/logic.ts";
import * as ex from "../../widgets/architecture-exercise/logic.ts";
import { demoUrl, inFocus, nextInStory, TIMELINE, visible } from "../../widgets/ai-timeline/timeline.ts";

// ---------------------------------------------------------------- flowchart

const outcomeOf = (a: flow.Answers) => flow.recommend(a)?.outcome.id;

test("flowchart: five questions of 3, 2, 3, 3 and 2 choices give 108 distinct combinations", () => {
  assert.deepEqual(flow.QUESTIONS.map((q) => q.choices.length), [3, 2, 3, 3, 2]);
  const combos = flow.allAnswerCombinations();
  assert.equal(combos.length, 108);
  assert.equal(new Set(combos.map((a) => JSON.stringify(a))).size, 108);
});

test("flowchart: every combination gets one of the five outcomes, a reason for each step and a deciding rule", () => {
  const ids = Object.keys(flow.OUTCOMES);
  for (const a of flow.allAnswerCombinations()) {
    const r = flow.recommend(a);
    assert.ok(r, JSON.stringify(a));
    assert.ok(ids.includes(r.outcome.id), JSON.stringify(a));
    assert.equal(r.steps.length, 5, JSON.stringify(a));
    for (const s of r.steps) assert.ok(s.choice.reason.trim().length > 20, `${JSON.stringify(a)}: ${s.question.id}`);
    assert.ok(r.decision.trim().length > 20, JSON.stringify(a));
    assert.ok(!r.decision.includes("undefined"), r.decision);
  }
});

test("flowchart: each of the five outcomes is the answer for some combination", () => {
  const seen = new Set(flow.allAnswerCombinations().map(outcomeOf));
  assert.deepEqual([...seen].sort(), ["hybrid", "lstm", "pretrained", "rnn", "transformer"]);
});

test("flowchart: nothing is recommended until all five questions are answered", () => {
  const full: flow.Answers = { length: "short", streaming: "yes", compute: "low", data: "medium", latency: "strict" };
  for (const q of flow.QUESTIONS) {
    const partial = { ...full };
    delete partial[q.id];
    assert.equal(flow.recommend(partial), null, q.id);
  }
  assert.ok(flow.recommend(full));
});

test("flowchart: a wake word on a microcontroller (short, streaming, low budget, strict) gets a small GRU", () => {
  // Constant small work per audio frame, no network: the textbook case for a small recurrent net.
  assert.equal(outcomeOf({ length: "short", streaming: "yes", compute: "low", data: "medium", latency: "strict" }), "rnn");
});

test("flowchart: streaming windows of hundreds of readings on a GPU budget get an LSTM", () => {
  // Too long for a plain RNN's memory, still a stream: gates with a constant per-token cost.
  assert.equal(outcomeOf({ length: "medium", streaming: "yes", compute: "medium", data: "large", latency: "strict" }), "lstm");
});

test("flowchart: long documents offline with a large budget and plenty of labels get a Transformer", () => {
  assert.equal(outcomeOf({ length: "long", streaming: "no", compute: "high", data: "large", latency: "relaxed" }), "transformer");
});

test("flowchart: a long stream gets a hybrid, conv front end on a small budget, Transformer afterwards on a large one", () => {
  const small = flow.recommend({ length: "long", streaming: "yes", compute: "low", data: "medium", latency: "strict" })!;
  assert.equal(small.outcome.id, "hybrid");
  assert.match(small.decision, /convolutional front end/);
  const large = flow.recommend({ length: "long", streaming: "yes", compute: "high", data: "large", latency: "relaxed" })!;
  assert.equal(large.outcome.id, "hybrid");
  assert.match(large.decision, /Transformer over the full record/);
});

test("flowchart: little labelled data with no real-time constraint always points to an API or pre-trained model", () => {
  const offline = flow.allAnswerCombinations().filter((a) => a.data === "small" && a.streaming === "no" && a.latency === "relaxed");
  assert.equal(offline.length, 9);
  for (const a of offline) assert.equal(outcomeOf(a), "pretrained", JSON.stringify(a));
});

test("flowchart: a strict per-token latency counts as real time even without a stream", () => {
  assert.equal(outcomeOf({ length: "short", streaming: "no", compute: "high", data: "small", latency: "strict" }), "rnn");
  assert.equal(outcomeOf({ length: "short", streaming: "no", compute: "high", data: "small", latency: "relaxed" }), "pretrained");
});

test("flowchart: changing one earlier answer moves the recommendation (Transformer becomes hybrid when the input streams)", () => {
  const a: flow.Answers = { length: "long", streaming: "no", compute: "high", data: "large", latency: "relaxed" };
  assert.equal(outcomeOf(a), "transformer");
  assert.equal(outcomeOf({ ...a, streaming: "yes" }), "hybrid");
});

test("flowchart: the path drawn so far stops at the first unanswered question", () => {
  assert.deepEqual(flow.answeredPath({ length: "short", compute: "low" }).map((s) => s.question.id), ["length"]);
  assert.deepEqual(flow.answeredPath({ compute: "low" }), []);
});

test("flowchart: answers read back from storage keep only known questions and choices", () => {
  assert.deepEqual(flow.cleanAnswers({ length: "long", streaming: "maybe", extra: "x", compute: 3 }), { length: "long" });
  assert.deepEqual(flow.cleanAnswers("garbage"), {});
  assert.deepEqual(flow.cleanAnswers(null), {});
});

// ---------------------------------------------------------------- build vs buy

const top = (a: bvb.Answers) => bvb.rank(a)[0];
const allYes = (over: bvb.Answers = {}): bvb.Answers => ({
  standard: "yes", "data-leaves": "yes", edge: "no", sota: "yes", time: "yes", scale: "no", coverage: "no", weights: "no", compute: "medium", ...over,
});

test("build vs buy: every option is the top answer for some combination of answers", () => {
  const combos = bvb.allAnswerCombinations();
  assert.equal(combos.length, 2 ** 8 * 3);
  const tops = new Set(combos.map((a) => top(a).id));
  assert.deepEqual([...tops].sort(), [...bvb.OPTION_IDS].sort());
});

test("build vs buy: a standard task, data free to leave, quality and speed first: the cloud API", () => {
  assert.equal(top(allYes()).id, "api");
});

test("build vs buy: a standard task whose data must stay in house, at scale, with weights held: a local pre-trained model", () => {
  assert.equal(top(allYes({ "data-leaves": "no", sota: "no", time: "no", scale: "yes", weights: "yes" })).id, "pretrained");
});

test("build vs buy: a proprietary stream on an edge device with a small budget: a custom RNN/LSTM", () => {
  const a = { standard: "no", "data-leaves": "no", edge: "yes", sota: "no", time: "no", scale: "yes", coverage: "no", weights: "yes", compute: "low" };
  assert.equal(top(a).id, "custom-rnn");
});

test("build vs buy: a language no pre-trained model covers, months available and a GPU cluster: a custom Transformer", () => {
  const a = { standard: "no", "data-leaves": "no", edge: "no", sota: "yes", time: "no", scale: "no", coverage: "yes", weights: "yes", compute: "high" };
  assert.equal(top(a).id, "custom-transformer");
});

test("build vs buy: data that cannot leave rules out the cloud API with that reason, whatever else is answered", () => {
  for (const a of bvb.allAnswerCombinations().filter((x) => x["data-leaves"] === "no")) {
    const ranked = bvb.rank(a);
    const api = ranked.find((r) => r.id === "api")!;
    assert.ok(api.excluded.some((why) => why.includes("may not leave your environment")), JSON.stringify(a));
    assert.notEqual(ranked[0].id, "api", JSON.stringify(a));
    // Ruled-out options come after every allowed one.
    const firstOut = ranked.findIndex((r) => r.excluded.length > 0);
    assert.ok(ranked.slice(firstOut).every((r) => r.excluded.length > 0), JSON.stringify(a));
  }
});

test("build vs buy: needing the weights rules out the API, a low budget the custom Transformer", () => {
  const weights = bvb.rank(allYes({ weights: "yes" })).find((r) => r.id === "api")!;
  assert.match(weights.excluded.join(" "), /weights/);
  const low = bvb.rank(allYes({ compute: "low" })).find((r) => r.id === "custom-transformer")!;
  assert.match(low.excluded.join(" "), /compute/);
  assert.deepEqual(bvb.rank(allYes()).flatMap((r) => r.excluded), []);
});

test("build vs buy: the listed pushes of each option add up to its score and name no zero push", () => {
  for (const a of bvb.allAnswerCombinations()) {
    for (const r of bvb.rank(a)) {
      assert.equal(r.pushes.reduce((s, p) => s + p.points, 0), r.score, `${r.id} ${JSON.stringify(a)}`);
      assert.ok(r.pushes.every((p) => p.points !== 0 && p.choice.why.length > 20));
    }
  }
});

test("build vs buy: with nothing answered all four tie at zero, cheapest and quickest first", () => {
  assert.deepEqual(bvb.rank({}).map((r) => [r.id, r.score]), bvb.OPTION_IDS.map((id) => [id, 0]));
});

test("build vs buy: answers read back from storage keep only known questions and choices", () => {
  assert.deepEqual(bvb.cleanAnswers({ edge: "yes", compute: "huge", other: "no" }), { edge: "yes" });
});

test("build vs buy: the cost table has the plan's five approaches, each option once, quality 1 to 5", () => {
  assert.deepEqual(bvb.COSTS.map((c) => c.approach), ["Cloud API", "Fine-tuned API", "Pre-trained model, run locally", "Custom Transformer", "Custom RNN/LSTM"]);
  assert.deepEqual(bvb.COSTS.map((c) => c.option).filter(Boolean).sort(), [...bvb.OPTION_IDS].sort());
  assert.deepEqual(bvb.COSTS.map((c) => c.quality), [5, 5, 4, 4, 3]);
});

test("build vs buy: points are written with a sign and a true minus, zero without either", () => {
  assert.deepEqual([2, 0, -3].map(bvb.signed), ["+2", "0", "\u22123"]);
});

// ---------------------------------------------------------------- architecture exercise

test("exercise: five scenarios from five industries, each with accepted options, an answer and a trade-off", () => {
  assert.equal(ex.SCENARIOS.length, 5);
  assert.equal(new Set(ex.SCENARIOS.map((s) => s.industry)).size, 5);
  assert.equal(new Set(ex.SCENARIOS.map((s) => s.id)).size, 5);
  for (const s of ex.SCENARIOS) {
    assert.ok(s.accepted.length >= 1 && s.accepted.every((o) => ex.OPTION_IDS.includes(o)), s.id);
    assert.ok(s.situation.length > 100 && s.answer.length > 100 && s.tradeoff.length > 80, s.id);
  }
  assert.ok(ex.SCENARIOS.some((s) => s.accepted.length === 2), "no scenario accepts two answers");
});

test("exercise: an accepted pick matches, another differs, and no pick says so", () => {
  const tickets = ex.SCENARIOS.find((s) => s.id === "tickets")!;
  assert.equal(ex.verdict(tickets, "api"), "match");
  assert.equal(ex.verdict(tickets, "pretrained"), "match");
  assert.equal(ex.verdict(tickets, "custom-rnn"), "differs");
  assert.equal(ex.verdict(tickets, undefined), "no-pick");
  assert.match(ex.verdictText(tickets, "pretrained"), /matches our answer \(we accept Cloud API or Pre-trained model, run locally\)/);
  assert.match(ex.verdictText(tickets, "custom-rnn"), /differs from our answer, Cloud API or Pre-trained model, run locally/);
});

test("exercise: a saved state keeps only known scenarios, options and text", () => {
  const clean = ex.cleanState({
    picks: { "wake-word": "custom-rnn", tickets: "telepathy", gone: "api" },
    notes: { contracts: "Stays in house.", vibration: 7, gone: "x" },
    revealed: ["contracts", "gone", 3],
  });
  assert.deepEqual(clean, { picks: { "wake-word": "custom-rnn" }, notes: { contracts: "Stays in house." }, revealed: ["contracts"] });
  assert.deepEqual(ex.cleanState("nonsense"), ex.emptyState());
});

test("exercise: a state with only blank notes counts as empty", () => {
  assert.ok(ex.isEmpty({ picks: {}, notes: { tickets: "  \n" }, revealed: [] }));
  assert.ok(!ex.isEmpty({ picks: {}, notes: {}, revealed: ["tickets"] }));
});

test("exercise: the download holds every scenario, the reader's picks and notes, and our answer only where revealed", () => {
  const md = ex.toMarkdown({ picks: { contracts: "pretrained" }, notes: { contracts: "Confidential, so local." }, revealed: ["contracts"] }, "2026-01-05");
  assert.match(md, /^# Architecture selection: my answers/);
  assert.match(md, /Written on 2026-01-05/);
  for (const s of ex.SCENARIOS) assert.ok(md.includes(`. ${s.title} (${s.industry})`), s.id);
  assert.match(md, /\*\*My choice:\*\* Pre-trained model, run locally/);
  assert.match(md, /Confidential, so local\./);
  const contracts = ex.SCENARIOS.find((s) => s.id === "contracts")!;
  assert.ok(md.includes(contracts.tradeoff));
  const tickets = ex.SCENARIOS.find((s) => s.id === "tickets")!;
  assert.ok(!md.includes(tickets.answer), "an unrevealed answer was written");
  assert.equal(md.split("(none yet)").length - 1, 4);
});

// ---------------------------------------------------------------- AI timeline focus

test("timeline: the sequence-model line runs RNNs, LSTM 1997, seq2seq and attention 2014, Transformer 2017, BERT and GPT 2018", () => {
  const line = inFocus("sequence-models");
  const ids = line.map((m) => m.id);
  for (const id of ["elman", "lstm", "seq2seq", "attention", "transformer", "bert", "gpt"]) assert.ok(ids.includes(id), id);
  const year = (id: string) => line.find((m) => m.id === id)!.year;
  assert.deepEqual(["lstm", "seq2seq", "attention", "transformer", "bert", "gpt"].map(year), [1997, 2014, 2014, 2017, 2018, 2018]);
  assert.ok(line[0].year < 1990);
  assert.deepEqual(line.map((m) => m.year), [...line.map((m) => m.year)].sort((a, b) => a - b));
  for (const id of ["alexnet", "word2vec"]) assert.ok(!ids.includes(id), `${id} is not a sequence model`);
});

test("timeline: without a focus every milestone is listed, as on Module 0's page", () => {
  assert.equal(inFocus("").length, TIMELINE.milestones.length);
  assert.equal(visible("all").length, TIMELINE.milestones.length);
});

test("timeline: an unknown focus throws, naming the lines there are", () => {
  assert.throws(() => inFocus("no-such-line"), /"no-such-line".*sequence-models/);
});

test("timeline: the era filter narrows a focused line too", () => {
  const shown = visible("rnn-decade", TIMELINE, "sequence-models");
  assert.ok(shown.length > 0 && shown.every((m) => m.era === "rnn-decade"));
  assert.ok(shown.length < visible("rnn-decade").length);
});

test("timeline: a demo link resolves under the site root, and a milestone without one has none", () => {
  const root = new URL("https://example.org/course/assets/");
  const attention = TIMELINE.milestones.find((m) => m.id === "attention")!;
  assert.equal(demoUrl(attention, new URL("https://example.org/course/")), "https://example.org/course/modules/07-attention/alignment/");
  const gpt = TIMELINE.milestones.find((m) => m.id === "gpt")!;
  assert.equal(demoUrl(gpt, root), null);
});

test("timeline: the story plays the shown milestones in order and ends after the last", () => {
  const ids = visible("all", TIMELINE, "sequence-models").map((m) => m.id);
  assert.equal(nextInStory(ids, ids[0]), ids[1]);
  assert.equal(nextInStory(ids, ids[ids.length - 1]), null);
  assert.equal(nextInStory(ids, "no-such-milestone"), null);
});

runTests();
