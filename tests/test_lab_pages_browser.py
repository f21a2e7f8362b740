"""Lab pages in Chromium: typical mistakes get their targeted feedback from Pyodide.

Every lab's typed solution is already graded in the page by
tests/test_lab_browser.py (parametrised over all labs). Diagnoses only run
when a check fails, so these tests make them run in Pyodide too, for every
lab of a page: one page, one Python boot.
"""
from __future__ import annotations

from playwright.sync_api import expect

from labpage import LabPage, lab_file, open_lab

MODULE3 = [("lstm_step", "mistakes/gate_order.py"), ("gradient_through_time", "mistakes/no_transpose.py")]
# Module 7: one mistake per lab; the beam search one fails on the toy model that the starter shows.
MODULE7 = [("compute_attention", "mistakes/softmax_wrong_axis.py"), ("additive_score", "mistakes/tanh_wrong_place.py"),
           ("beam_search", "mistakes/greedy_only.py")]


def feedback_of(source: str) -> str:
    return source.splitlines()[0].split("feedback:", 1)[1].strip()


def assert_mistakes_get_their_feedback(page, site_server, mistakes) -> None:
    open_lab(page, site_server, mistakes[0][0])
    for lab_id, mistake in mistakes:
        lab = LabPage(page, lab_id)
        lab.root.scroll_into_view_if_needed()
        lab.wait_for_editor()
        source = lab_file(lab_id, mistake)
        assert lab.run_code(source) == "failed"
        expect(lab.root.locator(".rnn-lab__feedback")).to_contain_text(feedback_of(source))


def test_module3_lab_mistakes_get_their_feedback_in_the_page(page, site_server):
    assert_mistakes_get_their_feedback(page, site_server, MODULE3)


def test_module7_lab_mistakes_get_their_feedback_in_the_page(page, site_server):
    assert_mistakes_get_their_feedback(page, site_server, MODULE7)
