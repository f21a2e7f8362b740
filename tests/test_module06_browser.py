"""Module 6's frame in Chromium: Architecture Matching by mouse (drag and drop) and by keyboard
(pick up and place, the menu), Build the Pipeline by keyboard and by mouse, the brainstorm note,
and the exercise page with every verdict on show checked with axe (light and dark), the keyboard and a
390 px phone. Expected verdicts and explanations are read from the widgets' JSON keys.
"""
from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import expect

from conftest import checked_page
from sitepages import axe_violations_by_path, mount_all_widgets, open_widget, viewport
from test_site_browser import KEYBOARD, RECORD_CSP, walk_pages

ROOT = Path(__file__).resolve().parent.parent
M6 = "/modules/06-beyond-text/"
PATTERNS = M6 + "patterns/"
MATCHING = json.loads((ROOT / "widgets/architecture-matching/matching.json").read_text(encoding="utf-8"))
PIPELINES = json.loads((ROOT / "widgets/pipeline-builder/pipeline.json").read_text(encoding="utf-8"))
TASKS = {t["id"]: t for t in MATCHING["tasks"]}
NAMES = {o["id"]: o["name"] for o in MATCHING["options"]}
PARTS = {c["id"]: c["name"] for c in PIPELINES["components"]}
PIPE = {t["id"]: t for t in PIPELINES["tasks"]}

# Every verdict on show for axe and the phone: each task placed (one wrong, one defensible) and
# checked; every pipeline built and checked (one best, one wrong, one unfinished).
WRONG_ON_DESCRIBE = next(o for o, f in TASKS["describe"]["feedback"].items() if f["verdict"] == "wrong")
PARTLY_ON_TRANSCRIBE = next(o for o, f in TASKS["transcribe"]["feedback"].items() if f["verdict"] == "partly")
FILLED = {
    "architecture-matching:state": {"placements": {"describe": WRONG_ON_DESCRIBE, "translate": TASKS["translate"]["answer"],
                                                   "transcribe": PARTLY_ON_TRANSCRIBE, "answer": TASKS["answer"]["answer"]},
                                    "checked": True},
    "pipeline-builder:state": {"chains": {"captioning": next(a["chain"] for a in PIPE["captioning"]["accepted"] if a["best"]),
                                          "video": ["frames", "cnn", "decoder", "text"], "speech": ["spectrogram", "encoder"]},
                               "checked": ["captioning", "video", "speech"]},
    "reflection:module-6-brainstorm": {"text": "Damage photos to a claim summary.", "savedAt": 1},
}
PRESET = "".join(f"localStorage.setItem({json.dumps('rnn-course:' + k)}, {json.dumps(json.dumps(v))});" for k, v in FILLED.items())


def stored(page, key: str):
    raw = page.evaluate("(k) => localStorage.getItem(k)", f"rnn-course:{key}")
    return None if raw is None else json.loads(raw)


# ---------------------------------------------------------------- Architecture Matching

def test_matching_by_drag_and_by_keyboard_explains_each_placement_and_try_again_keeps_the_best(page, site_server):
    page.set_viewport_size({"width": 1280, "height": 2000})  # a drag must start and end inside the viewport
    root = open_widget(page, site_server, "architecture-matching", path=PATTERNS)
    task = lambda tid: root.locator(f'[data-task="{tid}"]')

    # Mouse: drag the best architecture onto "Describe this image", and a wrong one onto "Translate".
    root.locator(f'[data-option="{TASKS["describe"]["answer"]}"]').drag_to(task("describe"))
    expect(task("describe").locator("[data-slot]")).to_have_text(NAMES[TASKS["describe"]["answer"]])
    wrong = next(o for o, f in TASKS["translate"]["feedback"].items() if f["verdict"] == "wrong")
    root.locator(f'[data-option="{wrong}"]').drag_to(task("translate"))
    expect(task("translate").locator("[data-slot]")).to_have_text(NAMES[wrong])

    # Keyboard: pick an architecture up with Enter, Tab to the task's Place button, Enter.
    root.locator(f'[data-option="{TASKS["transcribe"]["answer"]}"]').focus()
    page.keyboard.press("Enter")
    place = task("transcribe").locator('[data-action="place"]')
    expect(place).to_be_visible()
    place.focus()
    page.keyboard.press("Enter")
    expect(task("transcribe").locator("[data-slot]")).to_have_text(NAMES[TASKS["transcribe"]["answer"]])
    expect(place).to_be_hidden()
    # Keyboard: the task's own menu.
    task("answer").locator("select").select_option(TASKS["answer"]["answer"])

    root.get_by_role("button", name="Check").focus()
    page.keyboard.press("Enter")
    for tid in ("describe", "transcribe", "answer"):
        expect(task(tid)).to_have_attribute("data-verdict", "best")
        assert TASKS[tid]["feedback"][TASKS[tid]["answer"]]["why"] in task(tid).locator("[data-feedback]").inner_text()
    expect(task("translate")).to_have_attribute("data-verdict", "wrong")
    assert TASKS["translate"]["feedback"][wrong]["why"] in task("translate").locator("[data-feedback]").inner_text()
    expect(root.locator("[data-score]")).to_contain_text(f"3 of {len(TASKS)} best matches")

    root.get_by_role("button", name="Try again").click()
    assert stored(page, "architecture-matching:state")["placements"] == {t: TASKS[t]["answer"] for t in ("describe", "transcribe", "answer")}
    expect(task("translate").locator("[data-slot]")).to_have_text("Drop an architecture here")
    expect(task("describe").locator("[data-feedback]")).to_be_hidden()

    root = open_widget(page, site_server, "architecture-matching", reload=True)
    expect(root.locator('[data-task="describe"] [data-slot]')).to_have_text(NAMES[TASKS["describe"]["answer"]])
    expect(root.locator('[data-task="translate"] select')).to_have_value("")


def test_matching_shows_a_checked_defensible_answer_after_a_reload_and_escape_puts_a_pick_back(page, site_server):
    page.add_init_script(f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1'); {PRESET} }}")
    root = open_widget(page, site_server, "architecture-matching", path=PATTERNS)
    box = root.locator('[data-task="transcribe"]')
    expect(box).to_have_attribute("data-verdict", "partly")
    assert f"{NAMES[TASKS['transcribe']['answer']]} fits better" in box.locator("[data-feedback]").inner_text()
    chip = root.locator(f'[data-option="{TASKS["translate"]["answer"]}"]')
    chip.focus()
    page.keyboard.press("Enter")
    expect(chip).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Escape")
    expect(chip).to_have_attribute("aria-pressed", "false")
    expect(root.locator('[data-action="place"]:visible')).to_have_count(0)


def test_matching_by_touch_taps_an_architecture_then_the_task(browser, site_server, page_log, request):
    with checked_page(browser, site_server.url, page_log, request, has_touch=True, is_mobile=True,
                      viewport={"width": 390, "height": 844}) as page:
        root = open_widget(page, site_server, "architecture-matching", path=PATTERNS)
        task = root.locator('[data-task="translate"]')
        root.locator(f'[data-option="{TASKS["translate"]["answer"]}"]').tap()
        task.locator('[data-action="place"]').tap()
        expect(task.locator("[data-slot]")).to_have_text(NAMES[TASKS["translate"]["answer"]])
        expect(root.locator("[data-announce]")).to_contain_text("placed on")


# ---------------------------------------------------------------- Build the Pipeline

def test_pipeline_built_by_keyboard_names_the_first_wrong_link_then_accepts_the_fix_and_keeps_it(page, site_server):
    root = open_widget(page, site_server, "pipeline-builder", path=PATTERNS)
    sec = root.locator('[data-pipeline="captioning"]')
    for part in ("image", "cnn", "encoder", "decoder", "text"):
        sec.get_by_role("button", name=f"Add {PARTS[part]}", exact=True).focus()
        page.keyboard.press("Enter")
    expect(sec.locator("[data-chain] > li")).to_have_count(5)
    sec.get_by_role("button", name="Check this pipeline").focus()
    page.keyboard.press("Enter")
    expect(sec).to_have_attribute("data-result", "wrong")
    feedback = sec.locator("[data-feedback]").inner_text()
    assert feedback.startswith(f"The first wrong link is {PARTS['cnn']} \u2192 {PARTS['encoder']}"), feedback
    assert PIPE["captioning"]["mistakes"]["cnn>encoder"] in feedback

    # Remove the encoder from the keyboard: the verdict goes (the pipeline changed) and focus stays in the list.
    sec.get_by_role("button", name=f"Remove {PARTS['encoder']} (part 3)").focus()
    page.keyboard.press("Enter")
    expect(sec.locator("[data-feedback]")).to_be_hidden()
    assert page.evaluate("document.activeElement.closest('[data-chain]') !== null")
    sec.get_by_role("button", name="Check this pipeline").click()
    expect(sec).to_have_attribute("data-result", "works")

    # Attention added at the end, moved up twice by keyboard to sit between the CNN and the decoder.
    sec.get_by_role("button", name=f"Add {PARTS['attention']}", exact=True).focus()
    page.keyboard.press("Enter")
    sec.get_by_role("button", name=f"Move {PARTS['attention']} (part 5) up").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # focus follows the moved part's Up button
    expect(sec.locator("[data-chain] > li")).to_have_count(5)
    order = sec.locator("[data-chain] > li").evaluate_all("els => els.map((e) => e.dataset.step)")
    assert order == ["image", "cnn", "attention", "decoder", "text"]
    sec.get_by_role("button", name="Check this pipeline").focus()
    page.keyboard.press("Enter")
    expect(sec).to_have_attribute("data-result", "best")

    root = open_widget(page, site_server, "pipeline-builder", reload=True)
    sec = root.locator('[data-pipeline="captioning"]')
    expect(sec).to_have_attribute("data-result", "best")
    expect(sec.locator("[data-flow]")).to_have_text(" \u2192 ".join(PARTS[p] for p in order))


def test_pipeline_by_mouse_tells_an_unfinished_pipeline_what_comes_next_and_clear_empties_it(page, site_server):
    root = open_widget(page, site_server, "pipeline-builder", path=PATTERNS)
    sec = root.locator('[data-pipeline="speech"]')
    for part in ("spectrogram", "encoder"):
        sec.get_by_role("button", name=f"Add {PARTS[part]}", exact=True).click()
    sec.get_by_role("button", name="Check this pipeline").click()
    expect(sec).to_have_attribute("data-result", "incomplete")
    expect(sec.locator("[data-feedback]")).to_contain_text(f"After {PARTS['encoder']}, this task can go on with")
    sec.get_by_role("button", name="Add Text", exact=True).click()
    sec.get_by_role("button", name="Check this pipeline").click()
    expect(sec).to_have_attribute("data-result", "works")  # CTC: no decoder
    sec.get_by_role("button", name="Clear").click()
    expect(sec.locator("[data-chain] > li")).to_have_count(0)
    expect(sec.locator("[data-empty]")).to_be_visible()
    assert "speech" not in (stored(page, "pipeline-builder:state") or {"chains": {}})["chains"]


# ---------------------------------------------------------------- brainstorm and pages

def test_brainstorm_note_is_saved_and_restored(page, site_server):
    root = open_widget(page, site_server, "reflection", path=PATTERNS)
    area = root.get_by_role("textbox")
    area.fill("Scans of delivery notes to a structured order.")
    area.blur()
    expect(root.locator("[data-saved]")).to_have_text("Saved in this browser.")
    root = open_widget(page, site_server, "reflection", reload=True)
    expect(root.get_by_role("textbox")).to_have_value("Scans of delivery notes to a structured order.")


def test_the_exercise_page_with_every_verdict_shown_loads_under_the_csp_and_a_keyboard_reaches_every_control(browser, site_server, page_log, request):
    # The every-page walk sees the widgets as they start; here every verdict and the pick-up are on
    # show, under the site's Content-Security-Policy (other tests bypass it).
    with checked_page(browser, site_server.url, page_log, request, bypass_csp=False) as page:
        page.add_init_script(RECORD_CSP + PRESET)
        walk_pages(page, site_server, [PATTERNS])
        page.goto(site_server.url + PATTERNS)
        mount_all_widgets(page)
        page.locator('[data-widget="architecture-matching"] [data-option]').first.click()  # the Place buttons show
        assert page.evaluate(KEYBOARD) == []


def test_the_exercise_page_has_no_axe_violations_light_and_dark_with_every_verdict_shown(page, site_server):
    page.add_init_script(PRESET)
    assert axe_violations_by_path(page, site_server.url, [PATTERNS]) == {}


def test_the_exercise_page_with_every_verdict_shown_does_not_scroll_sideways_on_a_phone(page, site_server):
    page.set_viewport_size(viewport(390))
    page.add_init_script(PRESET)
    for path in [PATTERNS]:
        page.goto(site_server.url + path)
        mount_all_widgets(page)
        assert page.locator("[data-widget][data-state=ready]").count() == page.locator("[data-widget]").count()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path}: the page is {width} px wide at 390 px"
