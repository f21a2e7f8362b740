"""Module 6 § 6.4's page: its figures are the generator's (coursekit.vqa_pages, from the shipped
model), the page includes them, and what the prose says of the measurements holds for the
measured numbers in docs/assets/data/vqa.json."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from build_models.scenes import data, questions
from coursekit import vqa_pages

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "modules" / "06-beyond-text" / "vqa.md"


@pytest.fixture(scope="module")
def rendered():
    return vqa_pages.render_all()


@pytest.fixture(scope="module")
def figures():
    return json.loads(vqa_pages.DATA.read_text())


@pytest.fixture(scope="module")
def prose():
    return re.sub(r"\s+", " ", PAGE.read_text())


def test_generated_figures_are_up_to_date(rendered):
    stale = [str(p.relative_to(ROOT)) for p, text in rendered.items() if not p.is_file() or p.read_text() != text]
    assert not stale, f"run python -m coursekit.vqa_pages: {stale}"


def test_the_page_includes_the_generated_figures_and_the_widget():
    page = PAGE.read_text()
    for name in ("vqa-accuracy", "vqa-examples", "vqa-errors"):
        assert f'--8<-- "docs/includes/generated/{name}.md"' in page
    assert "```widget\nname: scene-vqa\n```" in page


def test_the_world_and_answers_the_page_describes_are_the_grammars(prose):
    assert f"closed set** of {len(questions.ANSWERS)}" in prose and f"a list of {len(questions.ANSWERS)}" in prose
    assert f"{len(questions.QWORDS)} question words" in prose
    assert data.HELD_OUT == {("cyan", "square"), ("purple", "triangle")} and "a cyan square or a purple triangle" in prose
    for t in questions.TYPES:
        answers = ", ".join(questions.ANSWERS_BY_TYPE[t])
        assert answers in prose, t


def test_every_type_beats_its_prior_on_new_scenes(prose, figures):
    acc = figures["accuracy"]["test"]
    assert "every type is far above its prior" in prose
    assert all(acc[t]["accuracy"] - acc[t]["prior"] >= 0.3 for t in questions.TYPES)
    assert "Colour and size questions are nearly always right" in prose
    assert min(acc["colour"]["accuracy"], acc["size"]["accuracy"]) >= 0.95


def test_relations_are_the_weakest_type_and_counting_next(prose, figures):
    acc = figures["accuracy"]["test"]
    ranked = sorted(questions.TYPES, key=lambda t: acc[t]["accuracy"])
    assert "**Relations are the weakest type**" in prose and "Shape and existence follow, then counting" in prose
    assert ranked[:2] == ["relation", "count"] and figures["weakest_test"] == "relation"
    assert acc["count"]["accuracy"] - acc["relation"]["accuracy"] >= 0.1          # "by a clear margin"
    assert "most of the commonest errors above are relations" in prose
    assert sum(r["type"] == "relation" for r in figures["test_confusions"]) > len(figures["test_confusions"]) / 2


def test_on_novel_scenes_shape_falls_most_and_counting_least(prose, figures):
    test, novel = figures["accuracy"]["test"], figures["accuracy"]["novel"]
    drop = {t: test[t]["accuracy"] - novel[t]["accuracy"] for t in questions.TYPES}
    assert "Accuracy falls for every type" in prose and all(d > 0 for d in drop.values())
    assert "**shape questions fall the most**, to not far above the prior" in prose
    assert max(drop, key=drop.get) == "shape" and novel["shape"]["accuracy"] - novel["shape"]["prior"] < 0.15
    assert "Counting falls the least" in prose and min(drop, key=drop.get) == "count"


def test_counting_mistakes_in_the_table_are_off_by_one(prose, figures):
    rows = [r for r in figures["test_confusions"] if r["type"] == "count"]
    assert "its counting mistakes in the table are off by one" in prose
    assert rows and all(abs(int(r["true"]) - int(r["predicted"])) == 1 for r in rows)


def test_the_held_out_existence_question_is_answered_from_the_words(prose, figures):
    held = figures["held_out_existence"]
    assert f"{held['questions']} times when the pair was in the picture" in prose
    assert '"no" every time' in prose and held["said_no"] == held["questions"] > 0
    trained = [q for _, q in (questions.question("train", i) for i in range(3000))
               if q.type == "exist" and tuple(q.words[3:5]) in {("cyan", "square"), ("purple", "triangle")}]
    assert trained and all(q.answer == "no" for q in trained)        # "in training ... always answered no"
