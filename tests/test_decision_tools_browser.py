"""Module 8's decision tools in Chromium: the "Should I use an RNN?" flowchart, build vs buy, the
architecture selection exercise, and the AI timeline focused on the sequence-model line.

Each widget is driven as a reader would (keyboard or clicks), checked for its announced result,
kept over a reload, and used with storage refused. Expected recommendations follow the rules of
the widgets' logic.ts files (their Node tests, tests/js/decision-tools.test.ts, enumerate them);
the timeline's expectations are read from milestones.json. The pages are checked with axe in both
palettes and for sideways scrolling on a 390 px phone, with every result shown.
"""
from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import expect

from conftest import checked_page
from sitepages import axe_violations_by_path, mount_all_widgets, mounted_widget, open_widget, viewport
from test_site_browser import RECORD_CSP, walk_pages

ROOT = Path(__file__).resolve().parent.parent
M8 = "/modules/08-modern-landscape/"
FLOWCHART = M8 + "when-to-use-rnns/"
BUILD = M8 + "build-vs-buy/"
HISTORY = M8 + "history/"
PAGES = [FLOWCHART, BUILD, HISTORY]
TIMELINE = json.loads((ROOT / "widgets/ai-timeline/milestones.json").read_text(encoding="utf-8"))
SCENARIOS = json.loads((ROOT / "widgets/architecture-exercise/scenarios.json").read_text(encoding="utf-8"))["scenarios"]
DENY_STORAGE = "Storage.prototype.setItem = () => { throw new DOMException('denied', 'SecurityError'); };"

# Every widget of the three pages with a result on show: answers and revealed model answers saved
# before the page loads (tests/sitepages.py's walk mounts widgets but answers nothing).
FILLED = {
    "rnn-flowchart:answers": {"length": "long", "streaming": "yes", "compute": "high", "data": "large", "latency": "relaxed"},
    "build-vs-buy:answers": {"standard": "yes", "data-leaves": "no", "edge": "no", "sota": "no", "time": "no",
                             "scale": "yes", "coverage": "no", "weights": "yes", "compute": "low"},
    "architecture-exercise:answers": {"picks": {s["id"]: "custom-rnn" for s in SCENARIOS},
                                      "notes": {s["id"]: "Because of the constraint." for s in SCENARIOS},
                                      "revealed": [s["id"] for s in SCENARIOS]},
    "ai-timeline:sequence-models:state": {"open": TIMELINE["focus"]["sequence-models"]["milestones"], "filter": "all"},
}
PRESET = "".join(f"localStorage.setItem({json.dumps('rnn-course:' + k)}, {json.dumps(json.dumps(v))});" for k, v in FILLED.items())


def stored(page, key: str):
    raw = page.evaluate("(k) => localStorage.getItem(k)", f"rnn-course:{key}")
    return None if raw is None else json.loads(raw)


def preset(page, key: str) -> None:
    """Save FILLED[key] before the page loads, as an earlier visit would have."""
    page.add_init_script(f"localStorage.setItem({json.dumps('rnn-course:' + key)}, {json.dumps(json.dumps(FILLED[key]))});")


# ---------------------------------------------------------------- flowchart

def test_flowchart_asks_one_question_at_a_time_from_the_keyboard_and_explains_its_recommendation(page, site_server):
    root = open_widget(page, site_server, "rnn-flowchart", path=FLOWCHART)
    assert root.locator("[data-question]").count() == 5
    assert root.locator("[data-question]:visible").count() == 1
    assert root.get_attribute("data-recommendation") == ""

    # A wake word on a microcontroller: short, streaming, low budget, medium data, strict latency.
    root.locator('[data-question="length"] input').first.focus()
    page.keyboard.press("Space")                      # under 100
    for key in ("Space", "Space", "ArrowDown", "Space"):  # streaming yes; low; small → medium; strict
        assert root.locator("[data-question]:visible").count() == root.locator("[data-question][data-answered=true]").count() + 1
        page.keyboard.press("Tab")
        page.keyboard.press(key)
    assert root.locator('[data-question="data"] input[value="medium"]').is_checked()
    assert root.get_attribute("data-recommendation") == "rnn"
    result = root.locator("[data-result]")
    assert result.get_attribute("aria-live") == "polite"
    expect(result).to_contain_text("Recommendation: A small recurrent network")
    assert "What decided it" in result.inner_text()
    # Every answered question stays on the path with what its answer contributed.
    assert root.locator("[data-question]:visible").count() == 5
    reasons = root.locator("[data-reason]").all_inner_texts()
    assert len(reasons) == 5 and all(len(r) > 40 for r in reasons), reasons
    assert result.locator("[data-steps] li").count() == 5


def test_flowchart_changing_an_earlier_answer_moves_the_recommendation_and_keeps_the_later_answers(page, site_server):
    preset(page, "rnn-flowchart:answers")  # long, streaming, high budget, large data, relaxed: hybrid
    root = open_widget(page, site_server, "rnn-flowchart", path=FLOWCHART)
    assert root.get_attribute("data-recommendation") == "hybrid"
    root.locator('[data-question="streaming"] label', has_text="No, the whole input is there first").click()
    assert root.get_attribute("data-recommendation") == "transformer"
    expect(root.locator("[data-result]")).to_contain_text("Recommendation: A Transformer")
    assert root.locator('[data-question="latency"] input[value="relaxed"]').is_checked()
    assert "No streaming" in root.locator('[data-question="streaming"] [data-reason]').inner_text()


def test_flowchart_answers_survive_a_reload_and_start_over_clears_them(page, site_server):
    root = open_widget(page, site_server, "rnn-flowchart", path=FLOWCHART)
    for q, v in FILLED["rnn-flowchart:answers"].items():
        root.locator(f'[data-question="{q}"] input[value="{v}"]').check()
    root = open_widget(page, site_server, "rnn-flowchart", reload=True)
    assert root.get_attribute("data-recommendation") == "hybrid"
    assert root.locator('[data-question="length"] input[value="long"]').is_checked()
    root.get_by_role("button", name="Start over").click()
    assert root.get_attribute("data-recommendation") == ""
    assert root.locator("[data-question]:visible").count() == 1
    assert stored(page, "rnn-flowchart:answers") is None


def test_flowchart_works_and_says_saving_is_off_when_storage_is_denied(page, site_server):
    page.add_init_script(DENY_STORAGE)
    root = open_widget(page, site_server, "rnn-flowchart", path=FLOWCHART)
    for q, v in FILLED["rnn-flowchart:answers"].items():
        root.locator(f'[data-question="{q}"] input[value="{v}"]').check()
    assert root.get_attribute("data-recommendation") == "hybrid"
    expect(root.locator("[data-save]")).to_contain_text("does not allow this site to save")


# ---------------------------------------------------------------- build vs buy

def test_build_vs_buy_ranks_the_options_with_the_answers_that_moved_each(page, site_server):
    root = open_widget(page, site_server, "build-vs-buy", path=BUILD)
    assert root.get_attribute("data-top") == ""
    for q, v in FILLED["build-vs-buy:answers"].items():
        root.locator(f'[data-question="{q}"] input[value="{v}"]').check()
    # Data that stays in house, weights to hold, cost at scale: a local pre-trained model.
    assert root.get_attribute("data-top") == "pretrained"
    result = root.locator("[data-result]")
    assert result.get_attribute("aria-live") == "polite"
    expect(result).to_contain_text("Best fit: Pre-trained model, run locally")
    options = root.locator("[data-ranking] > li")
    assert [o.get_attribute("data-option") for o in options.all()][:2] == ["pretrained", "custom-rnn"]
    top = options.first
    top.locator("summary", has_text="What moved it").click()
    assert "cost per query" in top.inner_text() and "+2" in top.inner_text()


def test_build_vs_buy_rules_out_the_api_when_data_cannot_leave_and_lists_it_last_with_why(page, site_server):
    preset(page, "build-vs-buy:answers")
    root = open_widget(page, site_server, "build-vs-buy", path=BUILD)
    options = root.locator("[data-ranking] > li")
    assert options.count() == 4
    api = root.locator('[data-ranking] > li[data-option="api"]')
    assert api.get_attribute("data-excluded") == "true"
    assert "may not leave your environment" in api.inner_text()
    # A low budget rules out the custom Transformer too; ruled-out options come last.
    assert [o.get_attribute("data-excluded") for o in options.all()] == ["false", "false", "true", "true"]


def test_build_vs_buy_shows_the_plans_cost_table_as_rough_estimates_with_the_top_option_marked(page, site_server):
    preset(page, "build-vs-buy:answers")
    root = open_widget(page, site_server, "build-vs-buy", path=BUILD)
    table = root.locator("table[data-costs]")
    assert "not measurements" in table.locator("caption").inner_text()
    assert table.locator("tbody tr").count() == 5
    assert table.locator('th[scope="col"]').count() == 5
    assert table.locator('tr[data-top="true"] th').inner_text().startswith("Pre-trained model, run locally")


def test_build_vs_buy_answering_data_may_leave_lets_the_api_back_in(page, site_server):
    root = open_widget(page, site_server, "build-vs-buy", path=BUILD)
    answers = {**FILLED["build-vs-buy:answers"], "weights": "no", "scale": "no", "sota": "yes", "time": "yes"}
    for q, v in answers.items():
        root.locator(f'[data-question="{q}"] input[value="{v}"]').check()
    assert root.get_attribute("data-top") != "api"
    root.locator('[data-question="data-leaves"] input[value="yes"]').check()
    assert root.get_attribute("data-top") == "api"
    assert root.locator('li[data-option="api"]').get_attribute("data-excluded") == "false"


def test_build_vs_buy_answers_survive_a_reload(page, site_server):
    root = open_widget(page, site_server, "build-vs-buy", path=BUILD)
    for q, v in FILLED["build-vs-buy:answers"].items():
        root.locator(f'[data-question="{q}"] input[value="{v}"]').check()
    root = open_widget(page, site_server, "build-vs-buy", reload=True)
    assert root.get_attribute("data-top") == "pretrained"
    assert root.locator('[data-question="compute"] input[value="low"]').is_checked()


# ---------------------------------------------------------------- architecture exercise

CONTRACTS = next(s for s in SCENARIOS if s["id"] == "contracts")


def test_exercise_saves_a_pick_and_a_justification_as_typed_and_restores_them(page, site_server):
    root = open_widget(page, site_server, "architecture-exercise", path=BUILD)
    assert root.locator("[data-scenario]").count() == len(SCENARIOS)
    case = root.locator('[data-scenario="contracts"]')
    case.get_by_label("Pre-trained model, run locally").check()
    case.get_by_label("Your justification for scenario 3").fill("Documents stay in the firm.")
    # Saved once typing pauses (debounced), without any button.
    page.wait_for_function("() => (localStorage.getItem('rnn-course:architecture-exercise:answers') || '')"
                           ".includes('Documents stay in the firm.')")
    root = open_widget(page, site_server, "architecture-exercise", reload=True)
    case = root.locator('[data-scenario="contracts"]')
    assert case.locator('input[value="pretrained"]').is_checked()
    assert case.locator("textarea[data-note]").input_value() == "Documents stay in the firm."


def test_exercise_reveals_the_model_answer_and_whether_the_pick_matches(page, site_server):
    root = open_widget(page, site_server, "architecture-exercise", path=BUILD)
    case = root.locator('[data-scenario="contracts"]')
    case.locator('input[value="pretrained"]').check()
    case.get_by_role("button", name="Reveal model answer").click()
    answer = case.locator("[data-answer]")
    assert answer.get_attribute("aria-live") == "polite"
    assert answer.get_attribute("data-verdict") == "match"
    assert CONTRACTS["tradeoff"] in answer.inner_text() and CONTRACTS["answer"] in answer.inner_text()
    assert case.get_by_role("button", name="Hide model answer").get_attribute("aria-expanded") == "true"
    case.locator('input[value="api"]').check()
    assert answer.get_attribute("data-verdict") == "differs"


def test_exercise_accepts_either_answer_where_a_scenario_has_two(page, site_server):
    two = [s for s in SCENARIOS if len(s["accepted"]) == 2]
    assert two
    root = open_widget(page, site_server, "architecture-exercise", path=BUILD)
    for s in two:
        case = root.locator(f'[data-scenario="{s["id"]}"]')
        case.get_by_role("button", name="Reveal model answer").click()
        for option in s["accepted"]:
            case.locator(f'input[value="{option}"]').check()
            assert case.locator("[data-answer]").get_attribute("data-verdict") == "match", (s["id"], option)


def test_exercise_downloads_the_answers_as_markdown_for_a_colleague(page, site_server):
    preset(page, "architecture-exercise:answers")
    root = open_widget(page, site_server, "architecture-exercise", path=BUILD)
    with page.expect_download() as info:
        root.get_by_role("button", name="Download my answers").click()
    download = info.value
    assert download.suggested_filename == "architecture-selection-answers.md"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.count("Because of the constraint.") == len(SCENARIOS)
    assert CONTRACTS["tradeoff"] in text
    expect(root.locator("[data-status]")).to_contain_text("Send it to a colleague")


def test_exercise_clear_empties_everything_and_undo_brings_it_back(page, site_server):
    preset(page, "architecture-exercise:answers")
    root = open_widget(page, site_server, "architecture-exercise", path=BUILD)
    case = root.locator('[data-scenario="contracts"]')
    root.get_by_role("button", name="Clear", exact=True).click()
    assert root.locator("textarea[data-note]").evaluate_all("els => els.map(e => e.value).join('')") == ""
    assert root.locator("input:checked").count() == 0 and root.locator("[data-answer][data-verdict]").count() == 0
    assert stored(page, "architecture-exercise:answers") is None
    root.get_by_role("button", name="Undo clear").click()
    assert case.locator("textarea[data-note]").input_value() == "Because of the constraint."
    assert stored(page, "architecture-exercise:answers") == FILLED["architecture-exercise:answers"]


def test_exercise_works_and_says_saving_is_off_when_storage_is_denied(page, site_server):
    page.add_init_script(DENY_STORAGE)
    root = open_widget(page, site_server, "architecture-exercise", path=BUILD)
    case = root.locator('[data-scenario="wake-word"]')
    case.locator('input[value="custom-rnn"]').check()
    case.get_by_role("button", name="Reveal model answer").click()
    assert case.locator("[data-answer]").get_attribute("data-verdict") == "match"
    expect(root.locator("[data-save]")).to_contain_text("does not allow this site to save")


# ---------------------------------------------------------------- timeline

def test_focused_timeline_lists_only_the_sequence_line(page, site_server):
    line = TIMELINE["focus"]["sequence-models"]["milestones"]
    root = open_widget(page, site_server, "ai-timeline", path=HISTORY)
    assert root.locator("[data-milestone]").evaluate_all("els => els.map(e => e.dataset.milestone)") == line


def test_focused_timeline_links_a_milestones_live_demo_only_where_one_exists(page, site_server):
    root = open_widget(page, site_server, "ai-timeline", path=HISTORY)
    attention = root.locator('[data-milestone="attention"]')
    attention.locator("[data-toggle]").click()
    assert attention.locator("a[data-demo]").get_attribute("href") == f"{site_server.url}/modules/07-attention/alignment/"
    gpt = root.locator('[data-milestone="gpt"]')
    gpt.locator("[data-toggle]").click()
    assert gpt.locator("[data-panel]").is_visible() and gpt.locator("a[data-demo]").count() == 0


def test_a_demo_link_opens_the_page_where_the_demo_runs(page, site_server):
    root = open_widget(page, site_server, "ai-timeline", path=HISTORY)
    root.locator('[data-milestone="attention"] [data-toggle]').click()
    root.locator('[data-milestone="attention"] a[data-demo]').click()
    page.wait_for_url(f"{site_server.url}/modules/07-attention/alignment/")
    mounted_widget(page, "attention-visualizer")


def test_focused_timeline_keeps_its_state_apart_from_module_0s_full_timeline(page, site_server):
    root = open_widget(page, site_server, "ai-timeline", path=HISTORY)
    root.locator('[data-milestone="attention"] [data-toggle]').click()
    root.locator("select[data-filter]").select_option("rnn-decade")
    root = open_widget(page, site_server, "ai-timeline", path="/modules/00-why-it-matters/landscape/")
    assert root.locator("[data-milestone]").count() == len(TIMELINE["milestones"])
    assert root.locator("select[data-filter]").input_value() == "all"
    assert root.locator('[data-milestone="attention"]').get_attribute("data-open") == "false"
    root = open_widget(page, site_server, "ai-timeline", path=HISTORY)
    assert root.locator("select[data-filter]").input_value() == "rnn-decade"
    assert root.locator('[data-milestone="attention"]').get_attribute("data-open") == "true"


def test_playing_the_story_opens_each_milestone_alone_in_order(page, site_server):
    """Watched at whatever moments the machine allows: every look finds one milestone open, and the
    milestones seen come in the line's order."""
    line = TIMELINE["focus"]["sequence-models"]["milestones"]
    root = open_widget(page, site_server, "ai-timeline", path=HISTORY)
    root.evaluate("(el) => { el.dataset.playMs = '150'; }")
    root.locator('[data-action="play"]').click()
    seen = []
    while len(seen) < 3:
        page.wait_for_function("([el, n]) => el.dataset.playStep && el.dataset.playStep !== n",
                               arg=[root.element_handle(), seen[-1] if seen else ""])
        now = root.evaluate("(el) => ({ step: el.dataset.playStep, open: [...el.querySelectorAll("
                            "'[data-milestone][data-open=\"true\"]')].map((e) => e.dataset.milestone) })")
        assert now["open"] == [now["step"]]                       # one at a time, the one announced
        seen.append(now["step"])
    # (where it starts is the pause test's: on a loaded machine the first look may come steps later)
    assert [line.index(s) for s in seen] == sorted({line.index(s) for s in seen})   # forward, in the line's order


def test_pause_stops_the_story_where_it_is(page, site_server):
    line = TIMELINE["focus"]["sequence-models"]["milestones"]
    root = open_widget(page, site_server, "ai-timeline", path=HISTORY)
    root.evaluate("(el) => { el.dataset.playMs = '60000'; }")   # the first milestone stays a minute
    play = root.locator('[data-action="play"]')
    play.click()
    assert play.get_attribute("aria-pressed") == "true" and root.get_attribute("data-play-step") == line[0]
    play.click()
    assert play.get_attribute("aria-pressed") == "false" and root.get_attribute("data-playing") == "false"
    assert play.inner_text() == "Play the story"
    year = next(m for m in TIMELINE["milestones"] if m["id"] == line[0])["year"]
    assert root.locator("[data-now]").inner_text().startswith(f"{year}: ")
    assert root.locator('[data-milestone][data-open="true"]').count() == 1


def test_the_story_stops_at_the_last_milestone(page, site_server):
    line = TIMELINE["focus"]["sequence-models"]["milestones"]
    root = open_widget(page, site_server, "ai-timeline", path=HISTORY)
    root.evaluate("(el) => { el.dataset.playMs = '20'; }")
    root.locator('[data-action="play"]').click()
    page.wait_for_function("(el) => el.dataset.playing === 'false'", arg=root.element_handle())
    assert root.get_attribute("data-play-step") == line[-1]
    assert root.locator('[data-action="play"]').inner_text() == "Play the story again"


# ---------------------------------------------------------------- the pages

def test_module8_pages_load_without_errors_or_csp_violations_with_every_result_shown(browser, site_server, page_log, request):
    # Under the site's Content-Security-Policy (other tests bypass it), as the every-page walk runs.
    with checked_page(browser, site_server.url, page_log, request, bypass_csp=False) as page:
        page.add_init_script(RECORD_CSP + PRESET)
        walk_pages(page, site_server, PAGES)


def test_module8_pages_have_no_axe_violations_light_and_dark_with_every_result_shown(page, site_server):
    page.add_init_script(PRESET)
    assert axe_violations_by_path(page, site_server.url, PAGES) == {}


def test_module8_pages_do_not_scroll_sideways_on_a_phone(page, site_server):
    page.set_viewport_size(viewport(390))
    page.add_init_script(PRESET)
    for path in PAGES:
        page.goto(site_server.url + path)
        assert mount_all_widgets(page) >= 1
        assert page.locator("[data-widget][data-state=ready]").count() == page.locator("[data-widget]").count()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path}: the page is {width} px wide at 390 px"
