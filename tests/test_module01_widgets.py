"""Modules 0 and 1's widgets in Chromium: each renders, answers input correctly,
and keeps its state over a reload.

Expected answers come from the widgets' data files (read here in Python), so a
widget that shows one thing and checks another fails.
"""
from __future__ import annotations

import datetime
import json
from pathlib import Path

from playwright.sync_api import expect

from sitepages import open_widget

ROOT = Path(__file__).resolve().parent.parent
M0 = "/modules/00-why-it-matters/"
M1 = "/modules/01-why-sequences/"


def data(rel: str) -> dict:
    return json.loads((ROOT / "widgets" / rel).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- Module 0

def test_use_case_quiz_recommends_a_path_with_reasons_and_keeps_answers(page, site_server):
    quiz = data("use-case-quiz/quiz.json")
    root = open_widget(page, site_server, "use-case-quiz", path=M0)
    assert root.get_attribute("data-path") == ""
    # A leader who wants interview answers and uses NumPy: A and D tie, the goal decides for D.
    answers = {"role": "leader", "goal": "interview", "time": "evenings", "code": "daily", "data": "text"}
    for q, choice in answers.items():
        root.locator(f'[data-question="{q}"] input[value="{choice}"]').check()
    assert root.get_attribute("data-path") == "D"
    result = root.locator("[data-result]")
    assert quiz["paths"]["D"]["name"] in result.inner_text()
    assert result.get_by_role("link").first.get_attribute("href") == "../../paths/d-interview/"
    # Each of the path's modules links to its page once published, and says "coming soon" until then.
    for n in quiz["paths"]["D"]["modules"]:
        item = result.locator(f'[data-module="{n}"]')
        assert quiz["modules"][str(n)]["title"] in item.inner_text()
        path = quiz["modules"][str(n)]["path"]
        if path:
            assert item.get_by_role("link").get_attribute("href") == f"{site_server.url}/{path}", n
        else:
            assert item.get_by_role("link").count() == 0 and "(coming soon)" in item.inner_text(), n
    reasons = root.locator("[data-reasons] li").all_inner_texts()
    assert len(reasons) == 5 and "Path D +3" in reasons[1]
    assert "Paths A and D tied" in root.locator("[data-totals]").inner_text()

    root = open_widget(page, site_server, "use-case-quiz", reload=True)
    assert root.get_attribute("data-path") == "D"
    assert root.locator('[data-question="goal"] input[value="interview"]').is_checked()


def test_timeline_opens_milestones_from_the_keyboard_and_remembers_them(page, site_server):
    milestones = data("ai-timeline/milestones.json")["milestones"]
    root = open_widget(page, site_server, "ai-timeline", path=f"{M0}landscape/")
    toggles = root.locator("[data-toggle]")
    assert toggles.count() == len(milestones)
    toggles.first.focus()
    for _ in range(4):
        page.keyboard.press("ArrowDown")
    fifth = milestones[4]
    assert page.evaluate("document.activeElement.closest('[data-milestone]').dataset.milestone") == fifth["id"]
    page.keyboard.press("Enter")
    item = root.locator(f'[data-milestone="{fifth["id"]}"]')
    assert item.get_attribute("data-open") == "true"
    panel = item.locator("[data-panel]")
    assert fifth["title"] in panel.inner_text() and fifth["authors"] in panel.inner_text()
    root.locator("select[data-filter]").select_option("attention")
    shown = [m for m in milestones if m["era"] == "attention"]
    assert root.locator("[data-milestone]:visible").count() == len(shown)

    root = open_widget(page, site_server, "ai-timeline", reload=True)
    assert root.locator("select[data-filter]").input_value() == "attention"
    assert root.locator(f'[data-milestone="{fifth["id"]}"]').get_attribute("data-open") == "true"


# ---------------------------------------------------------------- Module 1

def test_sequence_zoo_steps_through_an_architecture_and_describes_each_step(page, site_server):
    page.emulate_media(reduced_motion="reduce")
    root = open_widget(page, site_server, "sequence-zoo", path=f"{M1}sequence-zoo/")
    root.locator("select[data-arch-select]").select_option("many-to-one")
    description = root.locator("[data-description]")
    assert description.inner_text().startswith("Step 1 of 4")
    assert "emits no output yet" in description.inner_text()
    nxt = root.get_by_role("button", name="Next step")
    for _ in range(3):
        nxt.click()
    assert "emits output y4" in description.inner_text()
    nxt.click()
    assert "4 inputs in, 1 output out" in description.inner_text()
    assert nxt.get_attribute("aria-disabled") == "true"
    # Reduced motion: the lit step changes without a transition.
    duration = page.evaluate("getComputedStyle(document.querySelector('.rnn-sz [data-step]')).transitionDuration")
    assert duration == "0s"

    root = open_widget(page, site_server, "sequence-zoo", reload=True)
    assert root.get_attribute("data-arch") == "many-to-one"


def test_sequence_zoo_play_advances_on_its_own_and_pause_stops_it(page, site_server):
    t0 = datetime.datetime(2026, 1, 5, 9, 0)
    page.clock.install(time=t0)
    root = open_widget(page, site_server, "sequence-zoo", path=f"{M1}sequence-zoo/")
    # From here the page's time moves only with run_for, however long a step takes on a busy machine
    # (an installed clock otherwise flows with real time: a slow Pause click let a frame go by).
    page.clock.pause_at(t0 + datetime.timedelta(minutes=5))
    root.locator("select[data-arch-select]").select_option("synced")
    root.get_by_role("button", name="Play").click()
    page.clock.run_for(1700)
    assert root.get_attribute("data-frame") == "1"
    root.get_by_role("button", name="Pause").click()
    page.clock.run_for(5000)
    assert root.get_attribute("data-frame") == "1"


def test_sequence_sorter_judges_keyboard_and_drag_placements_and_keeps_them(page, site_server):
    sorter = data("sequence-sorter/sorter.json")
    page.set_viewport_size({"width": 1280, "height": 2000})  # a drag must start and end inside the viewport
    root = open_widget(page, site_server, "sequence-sorter", path=f"{M1}sequence-zoo/")
    problems = sorter["problems"]
    wrong = next(t["id"] for t in sorter["types"] if t["id"] != problems[0]["answer"])
    card = root.locator(f'[data-problem="{problems[0]["id"]}"]')
    card.locator("select").select_option(wrong)
    assert card.get_attribute("data-result") == "wrong"
    assert "Not quite" in card.locator("[data-feedback]").inner_text()
    assert root.locator(f'[data-zone="{wrong}"] [data-problem="{problems[0]["id"]}"]').count() == 1
    for p in problems[:-1]:
        root.locator(f'[data-problem="{p["id"]}"] select').select_option(p["answer"])
    last = problems[-1]
    target = root.locator(f'[data-zone="{last["answer"]}"]')
    target.scroll_into_view_if_needed()  # the select placements above reflow the zones
    root.locator(f'[data-problem="{last["id"]}"]').drag_to(target)
    # The drop is handled by events after the mouse is released: wait for its result, don't sample it.
    expect(root.locator(f'[data-problem="{last["id"]}"]')).to_have_attribute("data-result", "correct")
    assert root.locator('[data-problem][data-result="correct"]').count() == len(problems)
    assert root.locator("[data-sorter-score]").inner_text().startswith(f"All {len(problems)} right")
    assert last["why"] in root.locator(f'[data-problem="{last["id"]}"] [data-feedback]').inner_text()

    root = open_widget(page, site_server, "sequence-sorter", reload=True)
    assert root.locator('[data-problem][data-result="correct"]').count() == len(problems)


def test_spot_the_sequence_scores_answers_and_keeps_points(page, site_server):
    examples = {e["id"]: e for e in data("spot-sequence/examples.json")["examples"]}
    root = open_widget(page, site_server, "spot-sequence", path=f"{M1}applications/")
    box = root.locator("[data-example]")
    first = examples[box.get_attribute("data-example")]
    root.get_by_role("button", name="Not sequential" if not first["sequential"] else "Sequential", exact=True).click()
    assert root.locator("[data-feedback]").get_attribute("data-result") == "right"
    assert root.locator("[data-points]").inner_text() == "1"
    root.get_by_role("button", name="Next example").click()
    second = examples[box.get_attribute("data-example")]
    assert second["id"] != first["id"]
    root.get_by_role("button", name="Sequential" if not second["sequential"] else "Not sequential", exact=True).click()
    assert root.locator("[data-feedback]").get_attribute("data-result") == "wrong"
    assert second["why"] in root.locator("[data-feedback]").inner_text()
    assert root.locator("[data-points]").inner_text() == "1"

    root = open_widget(page, site_server, "spot-sequence", reload=True)
    assert root.locator("[data-points]").inner_text() == "1"
    assert root.get_attribute("data-phase") == "answered"
    assert root.locator("[data-example]").get_attribute("data-example") == second["id"]


def test_reflection_is_saved_restored_and_downloaded(page, site_server):
    root = open_widget(page, site_server, "reflection", path=f"{M1}applications/")
    text = "1. Card transactions, many to one: flag fraud."
    area = root.get_by_role("textbox")
    area.fill(text)
    area.blur()
    assert root.locator("[data-saved]").inner_text() == "Saved in this browser."
    with page.expect_download() as info:
        root.get_by_role("button", name="Download as Markdown").click()
    download = info.value
    assert download.suggested_filename == "module-1-apply-it.md"
    content = Path(download.path()).read_text(encoding="utf-8")
    assert text in content and "> List 3 sequence problems" in content

    root = open_widget(page, site_server, "reflection", reload=True)
    assert root.get_by_role("textbox").input_value() == text


def test_module1_quick_quiz_scores_the_intended_answers_and_points_on_to_module_2(page, site_server):
    quiz = json.loads((ROOT / "docs/quizzes/module-1-quick.json").read_text(encoding="utf-8"))
    root = open_widget(page, site_server, "quiz", path=f"{M1}review/")
    for q in quiz["questions"]:
        box = root.locator(f'[data-question="{q["id"]}"]')
        box.locator(f'input[value="{next(c["id"] for c in q["choices"] if c.get("correct"))}"]').check()
        box.get_by_role("button", name="Check").click()
        assert box.get_attribute("data-result") == "correct"
    assert "3 of 3" in root.locator("[data-quiz-score]").inner_text()
    link = root.locator("[data-quiz-outcome]").get_by_role("link", name="Module 2")
    assert link.evaluate("a => a.href") == site_server.url + "/modules/02-rnn-architecture/"
