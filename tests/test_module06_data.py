"""Module 6's frame in CPython: the answer keys of its two exercises, its quiz, and its overview.

Architecture Matching (widgets/architecture-matching/matching.json) must explain every pairing of
task and architecture and have one best answer per task; Build the Pipeline
(widgets/pipeline-builder/pipeline.json) must accept only pipelines that run from the task's input
to text, explain every link of them, and name only known parts. The overview must link the module's
pages, and its time table is checked against paths.json by tests/test_module_catalogue.py.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coursekit.quizzes import load_quiz

ROOT = Path(__file__).resolve().parent.parent
MODULE = ROOT / "docs/modules/06-beyond-text"
MATCHING = json.loads((ROOT / "widgets/architecture-matching/matching.json").read_text(encoding="utf-8"))
PIPELINES = json.loads((ROOT / "widgets/pipeline-builder/pipeline.json").read_text(encoding="utf-8"))
OPTIONS = {o["id"] for o in MATCHING["options"]}
PARTS = {c["id"]: c for c in PIPELINES["components"]}
# The plan's four tasks, in its order, and the architecture each one is built around.
PLAN_TASKS = {
    "describe": "CNN + RNN",             # a picture in, a sentence out
    "translate": "Encoder-decoder",      # a sentence in, another out
    "transcribe": "Spectrogram + RNN",   # frames of sound read in order
    "answer": "CNN + RNN + RNN",         # a picture and a question in
}


# ---------------------------------------------------------------- Architecture Matching

def test_matching_has_the_plans_four_tasks_and_four_architectures():
    assert [t["id"] for t in MATCHING["tasks"]] == list(PLAN_TASKS)
    assert len(OPTIONS) == len(MATCHING["options"]) == 4


@pytest.mark.parametrize("task", MATCHING["tasks"], ids=lambda t: t["id"])
def test_matching_task_has_its_plan_answer_as_the_one_best(task):
    best = [o for o, f in task["feedback"].items() if f["verdict"] == "best"]
    assert best == [task["answer"]]
    assert next(o["name"] for o in MATCHING["options"] if o["id"] == task["answer"]) == PLAN_TASKS[task["id"]]


@pytest.mark.parametrize("task", MATCHING["tasks"], ids=lambda t: t["id"])
def test_matching_explains_every_architecture_on_every_task(task):
    assert set(task["feedback"]) == OPTIONS
    for option, f in task["feedback"].items():
        assert f["verdict"] in {"best", "partly", "wrong"}, (task["id"], option)
        assert len(f["why"].split()) >= 12, (task["id"], option)
    assert task["prompt"].strip() and task["io"].strip()


def test_matching_is_a_one_to_one_key():
    """Each architecture is the best answer of exactly one task, so the four can be matched without repeats."""
    assert sorted(t["answer"] for t in MATCHING["tasks"]) == sorted(OPTIONS)


# ---------------------------------------------------------------- Build the Pipeline

def test_pipeline_offers_the_plans_parts_with_inputs_and_text():
    names = {c["name"] for c in PIPELINES["components"]}
    assert {"CNN", "Encoder RNN", "Decoder RNN", "Attention", "Text"} <= names
    assert [c["id"] for c in PIPELINES["components"] if c["kind"] == "output"] == ["text"]
    for c in PIPELINES["components"]:
        assert c["kind"] in {"input", "part", "output"} and c["needs"].strip(), c["id"]


def test_pipeline_has_the_plans_three_tasks_each_from_its_own_input():
    assert [t["id"] for t in PIPELINES["tasks"]] == ["captioning", "video", "speech"]
    inputs = [t["input"] for t in PIPELINES["tasks"]]
    assert len(set(inputs)) == 3 and all(PARTS[i]["kind"] == "input" for i in inputs)


@pytest.mark.parametrize("task", PIPELINES["tasks"], ids=lambda t: t["id"])
def test_every_accepted_pipeline_runs_from_the_input_to_text_through_known_parts(task):
    chains = [tuple(a["chain"]) for a in task["accepted"]]
    assert len(set(chains)) == len(chains), "an accepted pipeline is listed twice"
    for chain in chains:
        assert chain[0] == task["input"] and chain[-1] == "text", chain
        assert all(p in PARTS and PARTS[p]["kind"] == "part" for p in chain[1:-1]), chain
    assert any(a["best"] for a in task["accepted"]), "no pipeline is marked best"
    for a in task["accepted"]:
        assert len(a["why"].split()) >= 12, a["chain"]


@pytest.mark.parametrize("task", PIPELINES["tasks"], ids=lambda t: t["id"])
def test_every_link_of_an_accepted_pipeline_is_explained_and_no_other(task):
    links = {f"{a}>{b}" for acc in task["accepted"] for a, b in zip(acc["chain"], acc["chain"][1:])}
    assert set(task["links"]) == links
    assert all(text.strip() for text in task["links"].values())


@pytest.mark.parametrize("task", PIPELINES["tasks"], ids=lambda t: t["id"])
def test_named_mistakes_are_links_between_known_parts_that_no_accepted_pipeline_uses(task):
    for key, text in task["mistakes"].items():
        a, b = key.split(">")
        assert a in PARTS and b in PARTS, key
        assert key not in task["links"], key
        assert text.strip().endswith("."), key


def test_attention_is_optional_and_better_in_every_task():
    """The brief's point: with and without attention both work, and a best pipeline uses it."""
    for task in PIPELINES["tasks"]:
        assert any("attention" in a["chain"] for a in task["accepted"] if a["best"]), task["id"]
        assert any("attention" not in a["chain"] for a in task["accepted"]), task["id"]
        assert all(not a["best"] for a in task["accepted"] if "attention" not in a["chain"]), task["id"]


# ---------------------------------------------------------------- quiz and pages

QUIZ = load_quiz("module-6-check")


@pytest.mark.parametrize("q", QUIZ["questions"], ids=lambda q: q["id"])
def test_quiz_marks_one_answer_right_and_explains_every_choice(q):
    correct = [c for c in q["choices"] if c.get("correct")]
    assert len(correct) == 1
    assert correct[0]["why"].startswith("Right"), correct[0]["why"]
    for c in q["choices"]:
        assert len(c["why"]) > 30, c["id"]
        if c is not correct[0]:
            assert not c["why"].startswith("Right"), c["id"]


@pytest.mark.parametrize("q", QUIZ["questions"], ids=lambda q: q["id"])
def test_quiz_review_links_point_at_a_heading_of_this_module(q):
    page, _, anchor = q["review"]["href"].removeprefix("../").partition("/#")
    text = (MODULE / f"{page}.md").read_text(encoding="utf-8")
    assert f"{{#{anchor}}}" in text, q["review"]["href"]


def test_overview_links_every_section_page_in_its_time_table():
    body = (MODULE / "index.md").read_text(encoding="utf-8").split("## The path through this module", 1)[1].split("\n## ", 1)[0]
    linked = re.findall(r"^\| \[[^\]]+\]\(([\w-]+\.md)\)", body, re.M)
    assert {"captioning.md", "translation.md", "model-size.md", "speech.md", "vqa.md", "patterns.md", "industry.md",
            "review.md"} <= set(linked)


def test_review_has_questions_rated_by_self_rating_and_the_modules_quiz():
    text = (MODULE / "review.md").read_text(encoding="utf-8")
    assert text.count('??? question "') >= 5
    assert text.index("name: self-rating") > text.rindex('??? question "')
    assert "quiz: module-6-check" in text


def test_patterns_page_embeds_both_exercises_and_the_brainstorm():
    text = (MODULE / "patterns.md").read_text(encoding="utf-8")
    for fence in ("name: architecture-matching", "name: pipeline-builder", "name: reflection"):
        assert f"```widget\n{fence}" in text, fence


def test_the_counts_the_pages_state_are_the_counts_of_what_they_show():
    """'Six industries' is the industry table's row count; 'Four multiple-choice questions' the quiz's."""
    words = {4: "Four", 6: "Six"}
    industry = (MODULE / "industry.md").read_text(encoding="utf-8")
    table = industry.split("{#table}", 1)[1].split("\n\n", 2)[1]
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| Industry")]
    assert f"## {words[len(rows)]} industries, one recipe" in industry
    review = (MODULE / "review.md").read_text(encoding="utf-8")
    assert f"{words[len(QUIZ['questions'])]} multiple-choice questions" in review
    matching = (MODULE / "patterns.md").read_text(encoding="utf-8")
    assert f"{words[len(MATCHING['tasks'])]} tasks, {words[len(MATCHING['options'])].lower()} architectures" in matching
