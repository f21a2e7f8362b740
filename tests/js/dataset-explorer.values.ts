/**
 * The Dataset Explorer's statistics of each text the site ships (docs/data/studio), and of a few
 * awkward strings, for tests/test_dataset_explorer.py to compare with Python's own counts. tests/jsunit.py (`values`) runs it.
 */
import { readFileSync } from "node:fs";
import { printValues } from "./harness.ts";
import { charName, textStats, type TextStats } from "../../widgets/dataset-explorer/logic.ts";

const dir = "docs/data/studio";
const corpora = (JSON.parse(readFileSync(`${dir}/corpora.json`, "utf-8")) as { corpora: { id: string; file: string }[] }).corpora;

const summary = (s: TextStats) => ({
  characters: s.characters, bytes: s.bytes, lines: s.lines, distinct: s.counts.length,
  entropy_nats: s.entropyNats, held_out_nats: s.heldOutNats, val_chars: s.valChars,
  top: s.counts.slice(0, 30).map(([c, k]) => [c, k, charName(c)]),
});

const texts: Record<string, string> = Object.fromEntries(corpora.map((c) => [c.id, readFileSync(`${dir}/${c.file}`, "utf-8")]));
texts["astral"] = "a😀b😀\ncé\u00a0\r\n\t"; // surrogate pairs, 2-byte and control characters, no final newline
const stats: Record<string, unknown> = {};
for (const [id, text] of Object.entries(texts)) {
  const s = textStats(text);
  stats[id] = summary(s);
}
printValues({ stats });
