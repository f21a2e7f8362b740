"""Module 10's gallery, leaderboard and peer review (widgets/capstone-share, widgets/lib/samples.ts):
its unit tests in Node (tests/js/capstone-share.test.ts), our picks generated from Module 5's
samples (python -m coursekit.capstone_share --check), and the page that embeds it."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsunit
from coursekit import capstone_share

ROOT = Path(__file__).resolve().parent.parent
JS_TESTS = jsunit.source("capstone-share")
PAGE = ROOT / "docs" / "modules" / "10-capstone" / "share.md"


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=12)


def test_capstone_share_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)


def test_our_picks_are_current():
    assert capstone_share.main(["--check"]) == 0, "run python -m coursekit.capstone_share"


def test_our_picks_are_every_sample_of_module_5s_generated_pages():
    picks = json.loads(capstone_share.PICKS.read_text(encoding="utf-8"))["picks"]
    tabs = sum(p.read_text(encoding="utf-8").count('=== "Temperature') for p in capstone_share.SOURCES)
    assert len(picks) == tabs >= 2
    for p in picks:
        assert p["text"].strip() and p["text"] in (ROOT / p["source"]).read_text(encoding="utf-8").replace("\n    ", "\n")
        assert p["valPerplexity"] >= 1 and p["layers"] >= 1 and p["hidden"] >= 1


def test_the_page_embeds_the_widget_and_says_nothing_is_sent():
    page = PAGE.read_text(encoding="utf-8")
    assert "```widget\nname: capstone-share\n```" in page
    assert re.search(r"nothing .*is sent anywhere", page, re.S)
    for rating in ("Coherence", "Creativity", "Style match"):
        assert rating in page
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert '"10.4 Gallery, leaderboard and peer review": modules/10-capstone/share.md' in nav
