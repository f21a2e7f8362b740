"""The question-answering widget (widgets/scene-vqa/) in Chromium on the shipped model: the
browser's answer and probabilities equal coursekit.vqa's (Python onnxruntime, the same ONNX file)
for questions from the menu and typed ones; unknown words and an empty question get their
sentences and the question is kept; the verdict is the grammar's. One page
load serves the module."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from build_models.scenes import data, questions
from coursekit import vqa
from conftest import checked_page
from sitepages import count_grows, mounted_widget

ROOT = Path(__file__).resolve().parent.parent
PAGE = "/modules/06-beyond-text/vqa/"
LONG_MS = 120_000
TOLERANCE = 1e-5


@pytest.fixture(scope="module")
def ref():
    return vqa.load(ROOT / "pretrained" / "vqa-scenes")


@pytest.fixture(scope="module")
def shared(browser, site_server, request):
    from conftest import PageLog
    log = PageLog()
    with checked_page(browser, site_server.url, log, request) as pg:
        pg.goto(site_server.url + PAGE)
        root = mounted_widget(pg, "scene-vqa")
        count_grows(pg, root, "answered", beyond=0, timeout=LONG_MS)
        yield pg, root


def answered(page, root, action) -> dict:
    """Run `action`, wait for the next answer (or sentence), return what the widget shows."""
    count_grows(page, root, "answered", action, timeout=LONG_MS)
    assert root.get_attribute("data-state") != "error", root.inner_text()
    box = root.locator('[data-role="answer"]')
    top = root.locator('[data-role="top"] li')
    return {"scene": data.Scene.from_json(json.loads(root.get_attribute("data-scene"))),
            "answer": box.get_attribute("data-answer"), "words": box.get_attribute("data-words"),
            "top": [(top.nth(i).get_attribute("data-answer"), float(top.nth(i).get_attribute("data-prob"))) for i in range(top.count())],
            "verdict": root.locator('[data-role="verdict"]').get_attribute("data-verdict"),
            "message": root.locator('[data-role="message"]').inner_text()}


def test_a_menu_question_gets_python_onnxruntimes_answer_and_probabilities(shared, ref):
    page, root = shared
    got = answered(page, root, lambda: root.locator('select[data-role="example"]').select_option(index=4))
    menu = root.locator('select[data-role="menu"]')
    value = menu.locator("option").nth(3).get_attribute("value")
    got = answered(page, root, lambda: menu.select_option(value))
    want = ref.answer_scene(got["scene"], value.split())
    assert got["words"] == value and got["answer"] == want["answer"]
    probs = dict(zip(ref.answers, want["probs"]))
    assert [a for a, _ in got["top"]] == [ref.answers[i] for i in np.argsort(-want["probs"], kind="stable")[:5]]
    assert max(abs(p - probs[a]) for a, p in got["top"]) < TOLERANCE
    cell = int(np.argmax(want["alpha"]))
    assert f"row {cell // 8 + 1}, column {cell % 8 + 1}" in root.locator('[data-role="looked"]').inner_text()
    truth = questions.truth(got["scene"], value.split())
    assert got["verdict"] == ("right" if truth.answer == got["answer"] else "wrong")


def test_a_typed_question_on_a_random_scene_matches_python(shared, ref):
    page, root = shared
    answered(page, root, lambda: root.locator('button[data-action="random"]').click())
    box = root.locator('input[data-role="question"]')
    box.fill("How many objects are there?")
    got = answered(page, root, lambda: box.press("Enter"))
    want = ref.answer_scene(got["scene"], "How many objects are there?")
    assert got["words"] == "how many objects are there" and got["answer"] == want["answer"]
    assert got["verdict"] == ("right" if want["answer"] == str(len(got["scene"].shapes)) else "wrong")


def test_unknown_words_are_named_and_the_question_is_kept(shared):
    page, root = shared
    box = root.locator('input[data-role="question"]')
    box.fill("what hue is the fridge")
    got = answered(page, root, lambda: root.locator('button[data-action="ask"]').click())
    assert "“hue”, “fridge”" in got["message"]
    assert got["answer"] is None and box.input_value() == "what hue is the fridge"


def test_an_empty_question_gets_a_sentence(shared):
    page, root = shared
    box = root.locator('input[data-role="question"]')
    box.fill("  ")
    got = answered(page, root, lambda: box.press("Enter"))
    assert "The question is empty" in got["message"] and got["answer"] is None


def test_an_empty_scene_gets_a_sentence_and_no_menu_questions(shared):
    page, root = shared
    box = root.locator('input[data-role="question"]')
    box.fill("how many objects are there")
    got = answered(page, root, lambda: root.locator('button[data-action="clear"]').click())
    assert "The scene is empty" in got["message"] and got["answer"] is None
    assert root.locator('select[data-role="menu"] optgroup').count() == 0


def test_a_question_the_grammar_does_not_ask_has_no_verdict(shared, ref):
    page, root = shared
    answered(page, root, lambda: root.locator('select[data-role="example"]').select_option(index=0))
    box = root.locator('input[data-role="question"]')
    box.fill("what colour is the objects")
    got = answered(page, root, lambda: box.press("Enter"))
    assert got["answer"] == ref.answer_scene(got["scene"], "what colour is the objects")["answer"]
    assert got["verdict"] == "none"
