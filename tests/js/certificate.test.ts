/**
 * Unit tests of the certificate (widgets/certificate): the claims made from crafted stores (nothing
 * without a verifying record, imported records apart, completion only when everything is done here),
 * the name rules, the layout kept inside the border, the canonical text and its code, and the PDF
 * writer's structure. tests/test_certificate.py runs this file in Node; each `test(...)` is one case.
 */
import assert from "node:assert/strict";
import { runTests, test } from "./harness.ts";
import { evaluate, type Course, type Sources } from "../../widgets/lib/achievements.ts";
import raw from "../../widgets/achievements/course.json" with { type: "json" };
import labsRaw from "../../widgets/certificate/labs.json" with { type: "json" };
import { empty, run, NOW, T } from "./achievements.stores.ts";
import {
  canonical, certificate, checkName, headline, layout, plainText, verificationCode, wrap, IMPORTED_HEADING, LAB_SKILLS,
  MAX_NAME, SHEET, type Certificate, type LabMeta,
} from "../../widgets/certificate/logic.ts";
import { helveticaWidth, pdfString, winAnsi, writePdf } from "../../widgets/certificate/pdf.ts";
import { pdfMeasure, pdfPage } from "../../widgets/certificate/view.ts";

const course = raw as Course;
const meta = labsRaw as LabMeta;
const BADGE_AT = 5;

const done = (value: number, h: number) => ({ value, step: 1000, minutes: 3, date: new Date(T(h)).toISOString() });
const cert = (s: Sources, name = "Ada Lovelace") => certificate(name, s, course, evaluate(s, course, BADGE_AT), meta, NOW);
const allLines = (c: Certificate) => c.sections.flatMap((x) => x.lines);

/** Every lab passed, all five milestones and the Boss, seen in this browser. */
function everything(): Sources {
  const s = empty();
  for (const id of course.labs) s.progress.labs[id] = T(30);
  s.log.runs.push(run({ text: "linux" }));
  s.challenges = { level2: done(5.8, 4), level3: done(61, 3), boss: done(7.0, 2) };
  s.detective = { right: 5, answered: 6 };
  return s;
}

// A fake measure: every character half an em wide (a CJK one a whole em).
const fake = (text: string, size: number, bold: boolean) => [...text].reduce((w, ch) => w + (ch.codePointAt(0)! > 0x2e80 ? 1 : bold ? 0.6 : 0.5), 0) * size;

function inside(c: Certificate, measure = fake) {
  const lay = layout(c, "0123456789ab", measure);
  const inner = lay.borders[lay.borders.length - 1].inset;
  for (const l of lay.lines) {
    const w = measure(l.text, l.size, l.bold);
    assert.ok(l.x >= lay.box.left - 0.01 && l.x + w <= lay.box.right + 0.01, `"${l.text}" runs past the sides (${l.x}+${w})`);
    assert.ok(l.y - l.size >= lay.box.top - 1 && l.y + l.size * 0.3 <= lay.box.bottom, `"${l.text}" runs past the top or bottom (${l.y})`);
  }
  assert.ok(lay.box.left > inner && lay.box.top > inner && lay.box.right < SHEET.width - inner && lay.box.bottom < SHEET.height - inner);
  return lay;
}

// crypto.subtle is asynchronous: the codes are computed before the (synchronous) cases run.
const stable = everything();
const codeA = await verificationCode(cert(stable));
const codeA2 = await verificationCode(cert(structuredClone(stable)));
const codeB = await verificationCode(cert(stable, "Ada Lovelace."));
const editedCert = cert(stable);
editedCert.sections[0].lines[0] += " and more";
const codeEdited = await verificationCode(editedCert);

test("nothing stored: the certificate claims nothing and says so", () => {
  const c = cert(empty());
  assert.deepEqual(c.sections, []);
  assert.deepEqual(c.imported, []);
  assert.equal(c.completed, false);
  assert.match(headline(c).statement, /Nothing has been verified/);
  assert.doesNotMatch(headline(c).title + headline(c).statement, /complet/i);
});

test("a passed lab is listed under its module with counts, skill and date", () => {
  const s = empty();
  s.progress.labs.lstm_step = Date.parse("2026-12-05T09:00:00Z");
  const c = cert(s);
  assert.equal(c.sections.length, 1);
  assert.equal(c.sections[0].heading, "Module 3: The vanishing gradient problem and LSTMs: 1 of 2 labs passed");
  assert.deepEqual(c.sections[0].lines, ["Implemented an LSTM step in NumPy (lab lstm_step, passed 2026-12-05)"]);
});

test("no claim without a verifying record: visits, a wrong answer count and a failed Boss claim nothing", () => {
  const s = empty();
  s.progress.visits["03-vanishing-gradients-lstm"] = T(1);
  s.progress.pages["03-vanishing-gradients-lstm/labs"] = T(1);
  s.detective = { right: 2, answered: 9 };
  s.challenges = { boss: done(9.5, 2) };
  const c = cert(s);
  assert.deepEqual(c.sections, []);
  // A lab id the course does not have (an edited store) is not claimed either.
  const t = empty();
  t.progress.labs.made_up_lab = T(1);
  assert.deepEqual(cert(t).sections, []);
});

test("milestones and badges are listed only when evaluate() says done, with their dates", () => {
  const s = empty();
  s.log.runs.push(run({ at: Date.parse("2026-12-01T10:00:00Z") }));
  const c = cert(s);
  const lines = allLines(c);
  assert.ok(lines.includes("Loaded and preprocessed a text for training (milestone Bronze), 2026-12-01"), lines.join("\n"));
  assert.ok(lines.includes("Finished a training run with a validation check (milestone Silver), 2026-12-01"));
  assert.ok(lines.includes("Finished a first training run (badge First Epoch), 2026-12-01"));
  assert.equal(lines.length, 3);
  assert.ok(!lines.some((l) => /Gold|Diamond|Champion|Code Poet/.test(l)));
});

test("imported labs and milestones are listed apart, as not verified here, and never make a completion", () => {
  const s = everything();
  s.log.imported.labs.push("softmax");
  s.challenges.level2 = { ...s.challenges.level2, imported: true };
  const c = cert(s);
  assert.equal(c.completed, false);
  assert.ok(c.imported.some((l) => l.startsWith(LAB_SKILLS.softmax)), c.imported.join("\n"));
  assert.ok(c.imported.some((l) => l.includes("milestone Gold")));
  assert.ok(!allLines(c).some((l) => l.startsWith(LAB_SKILLS.softmax) || l.includes("milestone Gold")));
  const mod2 = c.sections.find((x) => x.heading.startsWith("Module 2"))!;
  assert.match(mod2.heading, /1 of 2 labs passed/);
  assert.match(plainText(c, "x"), new RegExp(IMPORTED_HEADING));
});

test("completion only with every lab passed and all five milestones reached here", () => {
  const c = cert(everything());
  assert.equal(c.completed, true);
  assert.equal(headline(c).title, "Certificate of completion");
  assert.match(headline(c).statement, /completed the course's labs and capstone milestones/);
  const s = everything();
  delete s.progress.labs.beam_search;
  assert.equal(cert(s).completed, false);
  assert.equal(headline(cert(s)).title, "Certificate of achievement");
  const t = everything();
  t.detective = { right: 2, answered: 2 };
  assert.equal(cert(t).completed, false);
});

test("every course lab has a skill sentence and a module, and labs.json names every lab", () => {
  for (const id of course.labs) {
    assert.ok(LAB_SKILLS[id], `no skill sentence for ${id}`);
    assert.ok(meta.titles[id], `no title for ${id}`);
    assert.equal(meta.units.filter((u) => u.labs.includes(id)).length, 1, `${id} is not in exactly one unit`);
  }
});

test("name rules: trimmed, empty refused, 61 characters refused with the limit, 10,000 refused fast, Unicode kept", () => {
  assert.deepEqual(checkName("  Ada  "), { ok: true, name: "Ada" });
  for (const blank of ["", "   ", "\t\n"]) {
    const r = checkName(blank);
    assert.ok(!r.ok && /needs a name/.test(r.reason));
  }
  assert.ok(checkName("a".repeat(MAX_NAME)).ok);
  const long = checkName("a".repeat(MAX_NAME + 1));
  assert.ok(!long.ok && long.reason.includes(`at most ${MAX_NAME}`) && long.reason.includes("nothing was cut"));
  const t0 = performance.now();
  const huge = checkName("名".repeat(10_000));
  assert.ok(!huge.ok && huge.reason.includes("10,000 characters"));
  assert.ok(performance.now() - t0 < 1000);
  assert.deepEqual(checkName("Zoë 李小龍 Ørsted-Þór"), { ok: true, name: "Zoë 李小龍 Ørsted-Þór" });
  // Counted in characters, not UTF-16 units: 60 emoji-free astral letters fit.
  assert.ok(checkName("𝒜".repeat(MAX_NAME)).ok);
  assert.ok(!checkName("Ada\nLovelace").ok);
  assert.ok(!checkName("!!!").ok);
  // A decomposed é becomes one character.
  assert.deepEqual(checkName("Zoe\u0308"), { ok: true, name: "Zoë" });
});

test("the name is text: markup in it stays as typed in the claims and the alt text", () => {
  const c = cert(empty(), "<img src=x onerror=alert(1)>");
  assert.equal(c.name, "<img src=x onerror=alert(1)>");
  assert.ok(plainText(c, "abc").includes("<img src=x onerror=alert(1)>"));
});

test("wrap breaks at spaces and inside a word too wide for the line", () => {
  assert.deepEqual(wrap("aa bb cc", 10, false, 20, fake), ["aa", "bb", "cc"]);
  assert.deepEqual(wrap("aaaaaaaa", 10, false, 20, fake), ["aaaa", "aaaa"]);
  assert.deepEqual(wrap("", 10, false, 20, fake), []);
});

test("every line stays inside the border: the full course, 200 claims, the longest names", () => {
  inside(cert(everything()));
  inside(cert(everything()), pdfMeasure);
  inside(cert(everything(), "W".repeat(MAX_NAME)), pdfMeasure);
  inside(cert(everything(), "龍".repeat(MAX_NAME)));
  const many = cert(everything(), "Ada Lovelace");
  many.sections.push({ heading: "Many", lines: Array.from({ length: 200 }, (_, i) => `A long claim number ${i} that needs most of a line of the sheet to say what it says`) });
  many.imported = Array.from({ length: 40 }, (_, i) => `imported claim ${i}`);
  const lay = inside(many);
  assert.equal(lay.columns, 2);
  assert.ok(lay.leftOut > 0 && lay.lines.some((l) => l.text.startsWith(`… and ${lay.leftOut} more`)));
  const few = inside(cert(everything()));
  assert.equal(few.leftOut, 0, "the whole course fits without leaving anything out");
});

test("the canonical text and code are stable and change with any edit", () => {
  assert.match(codeA, /^[0-9a-f]{12}$/);
  assert.equal(codeA, codeA2);
  assert.notEqual(codeA, codeB);
  assert.notEqual(codeA, codeEdited);
  assert.equal(canonical(cert(stable)), canonical(cert(structuredClone(stable))));
  assert.match(canonical(cert(stable)), /"issued":"2026-12-05"/);
});

test("WinAnsi: Latin-1 and the typographer's quotes kept, anything else becomes ?", () => {
  assert.deepEqual(winAnsi("Aé“€"), [0x41, 0xe9, 0x93, 0x80]);
  assert.deepEqual(winAnsi("李😀"), [0x3f, 0x3f]);
  assert.equal(pdfString("a(b)\\é"), "(a\\(b\\)\\\\\\351)");
  assert.equal(helveticaWidth("AV", 1000, false), 1334);
  assert.equal(helveticaWidth("~", 1000, true), 584);
});

function text(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => String.fromCharCode(b)).join("");
}

test("the PDF: one page, xref offsets in bytes that point at their objects, the text present", () => {
  const c = cert(everything(), "Zoë (the “best”) 李");
  const pdf = writePdf(pdfPage(layout(c, "0123456789ab", pdfMeasure)), "Certificate: Zoë");
  const s = text(pdf);
  assert.ok(s.startsWith("%PDF-1.4\n"));
  assert.ok(s.endsWith("%%EOF\n"));
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(s)![1]);
  assert.ok(s.startsWith("xref\n0 8\n", startxref));
  const entries = s.slice(startxref).split("\n").slice(3, 10);
  entries.forEach((e, i) => {
    const off = Number(e.slice(0, 10));
    assert.ok(s.startsWith(`${i + 1} 0 obj`, off), `object ${i + 1} is not at ${off}`);
  });
  assert.equal((s.match(/\/Type \/Page\b/g) ?? []).length, 1);
  assert.match(s, /\/Count 1/);
  assert.match(s, /\/MediaBox \[0 0 841\.89 595\.28\]/);
  const len = Number(/\/Length (\d+) >>\nstream\n/.exec(s)![1]);
  const start = s.indexOf("stream\n") + 7;
  assert.equal(s.slice(start + len, start + len + 10), "\nendstream");
  assert.ok(s.includes("(Zo\\353 \\(the \\223best\\224\\) ?)"), "the name in WinAnsi");
  assert.ok(s.includes("Implemented an LSTM step in NumPy"));
  assert.ok(/\/BaseFont \/Helvetica-Bold/.test(s) && /\/Encoding \/WinAnsiEncoding/.test(s));
  assert.ok(pdf.every((b, i) => b < 128 || i < 16), "only the header's marker is above ASCII");
});

runTests();
