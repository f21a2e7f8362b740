"""Module 10's milestones and badges page in Chromium: the widget shows what the other widgets
recorded (seeded in the exact shape they save, plus one real event: a text opened in the Dataset
Explorer), exports and imports progress (a corrupt file refused with nothing changed), and says so
when storage is denied; axe in both palettes."""
from __future__ import annotations

import json

from playwright.sync_api import expect

from capstone_stores import DAY, DENY_STORAGE, NOW, log, run, seed_script
from sitepages import axe_violations_by_scheme, open_widget

PAGE = "/modules/10-capstone/milestones/"
DATA = "/modules/10-capstone/data/"
RUN = run(NOW - 2 * DAY, 1.9)
SEEDED = {
    # lib/progress.ts recordLabPassed; studio-challenge markDone; neuron-detective scoreAfter; lib/achievements.ts recordStudioRun.
    "progress": {"visits": {}, "pages": {}, "labs": {"rnn_step": NOW - 3 * DAY}, "paths": {}},
    "studio-challenge:done": {
        "level2": {"value": 5.8, "step": 1000, "minutes": 3.2, "date": "2026-01-02T10:00:00.000Z"},
        "level3": {"value": 61, "step": 1582, "minutes": 5, "date": "2026-01-03T10:00:00.000Z"},
    },
    "neuron-detective:score": {"right": 5, "answered": 7},
    "achievements:log": log([RUN]),
}
SEED = seed_script(SEEDED)


def state(root, kind: str) -> dict[str, str]:
    return {li.get_attribute(f"data-{kind}"): li.get_attribute("data-done") for li in root.locator(f"li[data-{kind}]").all()}


def stored(page, key: str):
    raw = page.evaluate("(k) => localStorage.getItem(k)", f"rnn-course:{key}")
    return None if raw is None else json.loads(raw)


def test_the_checklist_shows_what_the_widgets_recorded_and_a_text_opened_in_the_explorer(page, site_server):
    page.add_init_script(SEED)
    explorer = open_widget(page, site_server, "dataset-explorer", path=DATA)
    explorer.locator('input[data-corpus][value="names"]').check()
    expect(explorer).to_have_attribute("data-shown", "names")
    events = stored(page, "achievements:log")["events"]
    assert [(e["kind"], e["text"]) for e in events] == [("data-explored", "names")]
    root = open_widget(page, site_server, "achievements", path=PAGE)
    assert state(root, "milestone") == {"bronze": "true", "silver": "true", "gold": "true", "diamond": "true", "champion": "true"}
    expect(root.locator("[data-role=count]")).to_have_text("5 of 5")
    expect(root.locator("progress")).to_have_attribute("value", "5")
    badges = state(root, "badge")
    assert {k for k, v in badges.items() if v == "true"} == {"first-epoch", "neural-interpreter", "creative-writer", "code-poet"}
    assert badges["full-stack"] == badges["loss-crusher"] == badges["optimization-guru"] == "false"
    expect(root.locator('[data-role="time"]')).to_contain_text("linux: 5 min of training over 1 finished run")
    expect(root).to_contain_text("Our reference runs")


def test_export_then_import_restores_progress_marked_imported_and_a_corrupt_file_changes_nothing(page, site_server, tmp_path):
    page.add_init_script(SEED)
    root = open_widget(page, site_server, "achievements", path=PAGE)
    with page.expect_download() as d:
        root.locator("[data-action=export]").click()
    exported = tmp_path / "progress.json"
    d.value.save_as(exported)
    doc = json.loads(exported.read_text(encoding="utf-8"))
    assert doc["format"] == "rnn-course/progress" and doc["version"] == 1
    assert doc["stores"]["log"]["runs"][0]["text"] == "linux"
    # A fresh browser: nothing stored (the seed runs on navigations only).
    page.evaluate("() => { localStorage.clear(); window.dispatchEvent(new CustomEvent('rnn-progress')); }")
    expect(root.locator("[data-role=count]")).to_have_text("0 of 5")
    root.locator("[data-role=file]").set_input_files(str(exported))
    expect(root).to_have_attribute("data-imported", "ok")
    expect(root.locator("[data-role=count]")).to_have_text("5 of 5")
    expect(root.locator('li[data-milestone="gold"]')).to_have_attribute("data-imported", "true")
    expect(root.locator('li[data-milestone="gold"]')).to_contain_text("imported from a file")
    before = page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())")
    doc["stores"]["progress"]["labs"]["rnn_step"] = NOW + 30 * DAY
    root.locator("[data-role=file]").set_input_files(
        {"name": "edited.json", "mimeType": "application/json", "buffer": json.dumps(doc).encode()})
    expect(root).to_have_attribute("data-imported", "refused")
    expect(root.locator("[data-role=import-note]")).to_contain_text("nothing was changed")
    expect(root.locator("[data-role=import-note]")).to_contain_text("in the future")
    root.locator("[data-role=file]").set_input_files({"name": "x.json", "mimeType": "application/json", "buffer": b"{oops"})
    expect(root.locator("[data-role=import-note]")).to_contain_text("not JSON")
    assert page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())") == before


def test_the_page_says_saving_is_off_when_storage_is_denied_and_axe_finds_nothing(page, site_server):
    page.add_init_script(DENY_STORAGE)
    root = open_widget(page, site_server, "achievements", path=PAGE)
    expect(root.locator("[data-role=save-note]")).to_contain_text("does not allow this site to save")
    expect(root.locator("[data-role=count]")).to_have_text("0 of 5")
    assert axe_violations_by_scheme(page) == {}
