/**
 * Unit tests of the project template selector's pure logic (widgets/project-template/logic.ts),
 * on the committed catalogue: a saved choice read back safely, and the facts a card shows.
 * tests/test_capstone_templates.py runs this file in Node; each `test(...)` is one pytest case.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import { aboutTime, facts, projectOf, restoreChoice, successText, type Catalogue } from "../../widgets/project-template/logic.ts";
import raw from "../../docs/data/capstone/templates.json";

const cat = raw as unknown as Catalogue;

test("every difficulty and domain names exactly one project", () => {
  for (const d of Object.keys(cat.levels)) for (const k of Object.keys(cat.domains)) {
    assert.equal(projectOf(cat, { difficulty: d, domain: k })?.id, `${d}-${k}`);
  }
  assert.equal(projectOf(cat, { difficulty: "expert", domain: "text" }), undefined);
});

test("a saved choice is kept only when it names a project; anything else falls back to the first", () => {
  assert.deepEqual(restoreChoice({ difficulty: "advanced", domain: "music" }, cat), { difficulty: "advanced", domain: "music" });
  const first = { difficulty: cat.projects[0].difficulty, domain: cat.projects[0].domain };
  for (const bad of [null, "x", 3, [], { difficulty: "advanced" }, { difficulty: "advanced", domain: "poetry" }]) {
    assert.deepEqual(restoreChoice(bad, cat), first);
  }
});

test("a measured project's success text states its targets and what our run reached", () => {
  const p = projectOf(cat, { difficulty: "intermediate", domain: "code" })!;
  const text = successText(p);
  assert.ok(text.includes(`below ${p.targets!.val_perplexity.toFixed(1)}`), text);
  assert.ok(text.includes(`our run: ${p.measured!.val_perplexity.toFixed(2)}`), text);
  assert.ok(text.includes(`${Math.round(p.targets!.closed_fraction! * 100)}% of generated top-level blocks`), text);
});

test("the custom projects have no measured target and say what to compare with instead", () => {
  const p = projectOf(cat, { difficulty: "advanced", domain: "custom" })!;
  assert.equal(p.measured, null);
  assert.match(successText(p), /ignores context/);
  const f = Object.fromEntries(facts(p, cat.machine));
  assert.match(f.Time, /Depends on your text/);
  assert.match(f.Data, /tag/);
});

test("times read as seconds below a minute and a half, else as minutes", () => {
  assert.equal(aboutTime(42), "about 42 seconds");
  assert.equal(aboutTime(150), "about 3 minutes");
});

runTests();
