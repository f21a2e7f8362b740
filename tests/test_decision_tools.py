"""Module 8's decision tools and the AI timeline's focus, without a browser.

tests/js/decision-tools.test.ts holds the cases of the pure logic (the flowchart's 108 answer
combinations, build vs buy's ranking and hard constraints, the exercise's verdicts and download,
the timeline's focus); tests/jsunit.py runs them, one pytest case each. The rest checks the data
files against the site: every demo link of the timeline leads to a page of the course that runs a
widget, and every milestone of a focus line exists.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import jsunit

ROOT = Path(__file__).resolve().parent.parent
JS_TESTS = jsunit.source("decision-tools")
TIMELINE = json.loads((ROOT / "widgets/ai-timeline/milestones.json").read_text(encoding="utf-8"))
WITH_DEMO = [m for m in TIMELINE["milestones"] if "demo" in m]


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=30)


def test_decision_tool_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)


def page_source(path: str) -> Path:
    """docs/<page>.md for a site path such as 'modules/07-attention/alignment/#anchor'."""
    return ROOT / "docs" / (path.split("#", 1)[0].rstrip("/") + ".md")


@pytest.mark.parametrize("m", WITH_DEMO, ids=lambda m: m["id"])
def test_timeline_demo_links_lead_to_a_course_page_that_runs_a_widget(m):
    source = page_source(m["demo"]["path"])
    assert source.is_file(), f"{m['id']}: {source.relative_to(ROOT)} does not exist"
    text = source.read_text(encoding="utf-8")
    widgets = set(re.findall(r"```widget\nname: ([\w-]+)", text)) - {"quiz", "self-rating"}
    assert widgets, f"{m['id']}: {source.relative_to(ROOT)} embeds no live widget"
    anchor = m["demo"]["path"].partition("#")[2]
    assert not anchor or f"{{#{anchor}}}" in text, f"{m['id']}: no heading {{#{anchor}}} on the page"
    assert m["demo"]["label"].strip()


def test_the_demo_links_cover_the_lines_milestones_the_course_demonstrates():
    """The plan's lineage: the RNN, the LSTM, seq2seq and attention each have a demo in the course."""
    assert {"elman", "lstm", "seq2seq", "attention"} <= {m["id"] for m in WITH_DEMO}


def test_every_milestone_of_a_focus_line_exists():
    ids = {m["id"] for m in TIMELINE["milestones"]}
    for name, line in TIMELINE["focus"].items():
        assert line["label"].strip(), name
        assert set(line["milestones"]) <= ids, name
        assert len(set(line["milestones"])) == len(line["milestones"]), name


def test_module_8_links_to_its_folder():
    assert TIMELINE["modules"]["8"]["path"] == "modules/08-modern-landscape/"
