"""Module 3's lab page in Chromium: a typical mistake gets its targeted feedback from Pyodide.

Every lab's typed solution is already graded in the page by
tests/test_lab_browser.py (parametrised over all labs). Diagnoses only run
when a check fails, so this test makes them run in Pyodide too, for both labs
of one page: one page, one Python boot.
"""
from __future__ import annotations

from playwright.sync_api import expect

from labpage import LabPage, lab_file, open_lab

MISTAKES = [("lstm_step", "mistakes/gate_order.py"), ("gradient_through_time", "mistakes/no_transpose.py")]


def feedback_of(source: str) -> str:
    return source.splitlines()[0].split("feedback:", 1)[1].strip()


def test_module3_lab_mistakes_get_their_feedback_in_the_page(page, site_server):
    open_lab(page, site_server, MISTAKES[0][0])
    for lab_id, mistake in MISTAKES:
        lab = LabPage(page, lab_id)
        lab.root.scroll_into_view_if_needed()
        lab.wait_for_editor()
        source = lab_file(lab_id, mistake)
        assert lab.run_code(source) == "failed"
        expect(lab.root.locator(".rnn-lab__feedback")).to_contain_text(feedback_of(source))
