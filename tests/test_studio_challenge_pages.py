"""The challenges page says what the code measured: its table and every figure its prose quotes
are read here from docs/data/studio/challenges.json (coursekit.studio_challenges), from the model
it compares with, and from the studio's own baseline, so the page cannot drift from them."""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

from coursekit import studio_challenges as sc
from test_studio_session import session  # noqa: F401  (the fixture)

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs/modules/04-char-language-modeling/challenges.md").read_text(encoding="utf-8")
PROSE = re.sub(r"\s+", " ", PAGE)
LEVELS = {lvl["id"]: lvl for lvl in json.loads(sc.OUT.read_text(encoding="utf-8"))["levels"]}


def table_rows() -> list[list[str]]:
    block = PAGE.split("<!-- challenge-table -->")[1].split("<!-- /challenge-table -->")[0]
    return [[c.strip() for c in line.strip("|").split("|")] for line in block.strip().splitlines()[2:]]


def test_the_table_quotes_each_levels_text_target_time_and_measurement():
    l1, l2, l3, boss = (LEVELS[k] for k in ("level1", "level2", "level3", "boss"))
    rows = table_rows()
    assert len(rows) == 4
    for row, lvl in zip(rows, (l1, l2, l3, boss)):
        assert row[0].startswith("★" * lvl["stars"] + " ") and row[0].endswith(lvl["title"])
        assert f"{lvl['text']['end']:,} characters" in row[1]
    for row, lvl in ((rows[0], l1), (rows[1], l2)):
        r = lvl["measured"]["reached"]
        assert f"below {lvl['target']:.1f}" in row[2] and row[3] == f"{lvl['minutes']} minutes"
        assert row[4] == f"reached at iteration {r['step']:,}, about {r['minutes']:.1f} minutes"
    assert row_has(rows[2], f"{l3['target']} of 100", f"{l3['minutes']} minutes",
                   f"median {l3['measured']['real_words']['median']:g} of 100 after {l3['minutes']} minutes")
    assert row_has(rows[3], f"{boss['reference']['perplexity']:.3f}",
                   f"reach {boss['beaten_by']['perplexity']:.3f} after {boss['beaten_by']['minutes']} minutes")


def row_has(row: list[str], *parts: str) -> bool:
    return all(any(p in cell for cell in row) for p in parts)


def test_the_prose_quotes_the_speed_the_hidden_text_and_the_reference():
    boss = LEVELS["boss"]
    assert f"{sc.BROWSER_CHARS_PER_S:,} characters a second" in PROSE
    assert f"the last {boss['hidden']['end'] - boss['hidden']['start']:,} characters of tinyshakespeare" in PROSE
    assert f"the studio's defaults after {boss['reference']['minutes']} minutes" in PROSE
    assert f"left to train for {boss['beaten_by']['minutes']} minutes, beat it" in PROSE
    assert f"at least {LEVELS['level3']['target']} of the 100" in PROSE


def test_the_prose_quotes_level_ones_best_held_out_score_and_the_training_text_size():
    l1 = LEVELS["level1"]
    best = min(p["val_loss"] for p in l1["measured"]["curve"])
    assert f"a held-out perplexity of about {math.exp(best):.1f}" in PROSE
    assert f"nearly memorised {round(l1['text']['end'] * 0.9, -3):,.0f} characters" in PROSE


def test_the_comparison_with_our_largest_model_and_the_frequency_baseline_are_computed(session):
    meta = json.loads((ROOT / "docs/pretrained/shakespeare/meta.json").read_text(encoding="utf-8"))
    assert f"scores {math.exp(meta['validation']['loss_nats']):.2f} on its held-out text" in PROSE
    text = sc.TEXT.read_text(encoding="utf-8")[: LEVELS["level2"]["text"]["end"]]
    baseline = math.exp(session.prepare(text, "page")["unigram_nats"])
    assert f"would score about {baseline:.0f} on this text" in PROSE
