"""Module 10's Dataset Explorer (widgets/dataset-explorer): its statistics of every text the site
ships, computed in Node by the widget's own logic, against Python's counts and the training
studio's own "frequencies alone" loss; its unit tests (tests/js/dataset-explorer.test.ts); and the
advice it gives, generated from our measurements (python -m coursekit.data_advice --check)."""
from __future__ import annotations

import inspect
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

import jsunit
from coursekit import data_advice
from studio_python import studio_session

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "docs" / "data" / "studio"
CORPORA = json.loads((DATA / "corpora.json").read_text(encoding="utf-8"))["corpora"]
ASTRAL = "a😀b😀\ncé\u00a0\r\n\t"  # as tests/js/dataset-explorer.values.ts writes it
NAMES = {" ": "space", "\n": "newline", "\t": "tab", "\r": "carriage return", "\u00a0": "no-break space"}

JS_TESTS = jsunit.source("dataset-explorer")
JS_VALUES = jsunit.values_source("dataset-explorer")


def texts() -> dict[str, str]:
    out = {c["id"]: (DATA / c["file"]).read_text(encoding="utf-8") for c in CORPORA}
    out["astral"] = ASTRAL
    return out


def python_stats(text: str) -> dict:
    """The figures the widget shows, counted independently: Counter, str.count, the formula."""
    counts = Counter(text)
    n = len(text)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], ord(kv[0])))[:30]
    return {
        "characters": n, "bytes": len(text.encode("utf-8")),
        "lines": text.count("\n") + (1 if text and not text.endswith("\n") else 0),
        "distinct": len(counts), "entropy_nats": -sum(k / n * math.log(k / n) for k in counts.values()),
        "top": [[c, k] for c, k in top],
    }


def studio_modules():
    """The studio's trainer.py and session.py, as its page loads them."""
    session = studio_session()
    return sys.modules["studio_trainer"], session


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=10)


def test_dataset_explorer_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)


def test_statistics_of_every_shipped_text_match_python(js_values):
    for cid, text in texts().items():
        js, py = js_values["stats"][cid], python_stats(text)
        for key in ("characters", "bytes", "lines", "distinct"):
            assert js[key] == py[key], (cid, key)
        assert math.isclose(js["entropy_nats"], py["entropy_nats"], rel_tol=1e-9), cid
        assert [[c, k] for c, k, _ in js["top"]] == py["top"], cid
        for c, _, name in js["top"]:
            assert name == NAMES.get(c, c), (cid, c)


def test_the_shipped_texts_sizes_agree_with_their_index(js_values):
    for c in CORPORA:
        js = js_values["stats"][c["id"]]
        assert (js["characters"], js["bytes"], js["distinct"]) == (c["characters"], c["bytes"], c["distinct"])


def test_held_out_frequencies_loss_is_the_studios_own(js_values):
    trainer, session = studio_modules()
    for c in CORPORA:
        corpus = trainer.Corpus.from_text((DATA / c["file"]).read_text(encoding="utf-8"))
        js = js_values["stats"][c["id"]]
        assert js["val_chars"] == len(corpus.val_ids)
        assert math.isclose(js["held_out_nats"], session.unigram_nats(corpus), rel_tol=1e-6), c["id"]


def test_the_vocabulary_cap_is_the_studios():
    _, session = studio_modules()
    ts = (ROOT / "widgets" / "dataset-explorer" / "logic.ts").read_text(encoding="utf-8")
    cap = int(re.search(r"STUDIO_MAX_VOCAB = (\d+);", ts).group(1))
    assert cap == inspect.signature(session.prepare).parameters["max_vocab"].default


def test_the_advice_and_its_table_are_current():
    assert data_advice.main(["--check"]) == 0


def test_the_advice_rows_are_the_measured_runs():
    a = json.loads(data_advice.JSON_OUT.read_text(encoding="utf-8"))
    levels = {lv["id"]: lv for lv in json.loads(data_advice.CHALLENGES.read_text(encoding="utf-8"))["levels"]}
    assert a["readable"]["val_loss"] == levels["level3"]["measured"]["curve"][-1]["val_loss"]
    for row in a["studio"]:
        curve = levels[row["level"]]["measured"]["curve"]
        assert row["best_val_loss"] == min(p["val_loss"] for p in curve)
        first = [p["minutes"] for p in curve if p["val_loss"] <= a["readable"]["val_loss"]]
        assert row["readable_minutes"] == (first[0] if first else None)
    for row in a["zoo"]:
        meta = json.loads((ROOT / "pretrained" / row["model"] / "meta.json").read_text(encoding="utf-8"))
        assert (row["parameters"], row["test_loss"]) == (meta["architecture"]["parameters"], meta["test"]["loss_nats"])


def test_the_page_shows_the_generated_table_and_the_widget():
    page = (ROOT / "docs" / "modules" / "10-capstone" / "data.md").read_text(encoding="utf-8")
    assert '--8<-- "docs/includes/generated/data-advice.md"' in page
    assert "name: dataset-explorer" in page
