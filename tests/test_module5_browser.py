"""Module 5 and the appendices in Chromium: Spot the Bug, the interview self-quiz,
and the cheat sheets printed to PDF (one page per sheet).

Expected answers come from the data file the build wrote, never from the page's
own verdicts.
"""
from __future__ import annotations

import json
import re

import pytest

from sitepages import mounted_widget, open_widget

SPOT = "/modules/05-experiments/spot-the-bug/"
INTERVIEW = "/appendices/e-interview/"
SHEETS = "/appendices/d-cheat-sheets/"


@pytest.fixture(scope="module")
def spot_data(built_site):
    return json.loads((built_site / "assets/data/spot-the-bug.json").read_text())


def test_spot_the_bug_scores_marks_against_the_checkers_key(page, site_server, spot_data):
    root = open_widget(page, site_server, "spot-the-bug", path=SPOT)
    sample = spot_data["samples"][0]
    assert root.get_attribute("data-sample") == sample["id"]
    errors = [e["token"] for e in sample["errors"]]
    innocent = next(i for i, t in enumerate(sample["tokens"]) if t.strip() and i not in errors)
    marked = errors[1:] + [innocent]  # miss the first error, raise one false alarm
    for i in marked:
        root.locator(f'[data-token="{i}"]').click()
    root.locator('[data-action="check"]').click()
    found = len(errors) - 1
    assert root.locator("[data-score]").inner_text() == (
        f"You found {found} of {len(errors)} error{'s' if len(errors) != 1 else ''}, with 1 false alarm.")
    assert root.locator(f'[data-token="{errors[0]}"]').get_attribute("data-result") == "miss"
    assert root.locator(f'[data-token="{innocent}"]').get_attribute("data-result") == "false-alarm"
    for i in errors[1:]:
        assert root.locator(f'[data-token="{i}"]').get_attribute("data-result") == "hit"
    assert sample["errors"][0]["why"] in root.locator("[data-feedback]").inner_text()

    page.reload()  # marks and the checked state come back
    root = mounted_widget(page, "spot-the-bug")
    assert root.locator('[aria-pressed="true"]').count() == len(marked)
    assert root.locator(f'[data-token="{errors[0]}"]').get_attribute("data-result") == "miss"
    assert re.match(rf"Checked 1 of {len(spot_data['samples'])} samples", root.locator("[data-total]").inner_text())


def test_spot_the_bug_works_from_the_keyboard(page, site_server, spot_data):
    root = open_widget(page, site_server, "spot-the-bug", path=SPOT)
    tokens = root.locator("[data-token]")
    tokens.first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    second = tokens.nth(1)
    assert second.evaluate("(el) => el === document.activeElement")
    assert second.get_attribute("aria-pressed") == "true"
    root.locator('[data-action="next"]').click()
    assert root.get_attribute("data-sample") == spot_data["samples"][1 % len(spot_data["samples"])]["id"]
    assert root.locator('[aria-pressed="true"]').count() == 0


def test_interview_self_quiz_hides_and_counts_answers(page, site_server):
    root = open_widget(page, site_server, "interview-quiz", path=INTERVIEW)
    answers = page.locator("article details.question")
    n = answers.count()
    assert n == 6
    root.locator('[data-action="read"]').click()
    assert page.locator("article details.question[open]").count() == n
    root.locator('[data-action="quiz"]').click()
    assert page.locator("article details.question[open]").count() == 0
    answers.nth(2).locator("summary").click()
    page.wait_for_function("() => document.querySelector('[data-progress]').textContent.includes('1 of 6')")
    page.reload()
    root = mounted_widget(page, "interview-quiz")
    assert root.get_attribute("data-mode") == "quiz"
    assert page.locator("article details.question[open]").count() == 1
    assert answers.nth(2).get_attribute("open") is not None


def pdf_pages(pdf: bytes) -> int:
    """Pages of a PDF: pypdf when installed, else the page objects in the bytes."""
    try:
        import io

        from pypdf import PdfReader
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_cheat_sheets_print_one_page_each(page, site_server, paper):
    page.goto(site_server.url + SHEETS)
    sheets = page.locator(".rnn-sheet").count()
    assert sheets == 4
    assert pdf_pages(page.pdf(format=paper, print_background=True)) == sheets
