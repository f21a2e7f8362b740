"""Module 4's training challenges in Chromium: a level trains on its own fixed text, a check that
meets its target marks it done for good, level 3's words are judged by the reader, and the Boss
level scores a model on the hidden text, keeps the score on a local leaderboard and exports and
imports it as a file, refusing a bad one without losing a row.

The targets a reader must reach take minutes (tests/test_studio_challenges.py checks them in
CPython); here a test hook raises a target so that a tiny run of seconds meets it, and every wait
is on the widget's data attributes, never on the clock."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitepages import axe_violations_by_scheme, hold_python, open_widget
from test_training_studio_browser import LONG_MS, set_tiny_run, wait

ROOT = Path(__file__).resolve().parent.parent
PAGE = "/modules/04-char-language-modeling/challenges/"
CHALLENGES = json.loads((ROOT / "docs/data/studio/challenges.json").read_text(encoding="utf-8"))
HIDDEN_SHA = next(lvl for lvl in CHALLENGES["levels"] if lvl["id"] == "boss")["hidden"]["sha256"]


def open_challenges(page, site_server, target: float | None = None):
    page.add_init_script("window.RNN_INTERRUPT_GRACE_MS = 30000;")
    if target is not None:
        page.add_init_script(f"window.RNN_CHALLENGE_TARGET = {target};")
    root = open_widget(page, site_server, "studio-challenge", path=PAGE)
    page.wait_for_function("(el) => el.querySelector('.rnn-ts[data-mode]')", arg=root.element_handle(), timeout=LONG_MS)
    return root


def choose(root, level_id: str):
    root.locator(f'input[data-level][value="{level_id}"]').check()
    root.page.wait_for_function("([el, id]) => el.dataset.level === id && el.querySelector('.rnn-ts[data-mode]')",
                                arg=[root.element_handle(), level_id], timeout=LONG_MS)


def train_tiny(root, checks: int = 1):
    """Read the level's text, start a tiny run and wait for `checks` validation checks."""
    studio = root.locator(".rnn-ts")
    studio.locator('[data-action="prepare"]').click()
    wait(root.page, studio, "el.dataset.mode === 'prepared'")
    set_tiny_run(studio)
    studio.locator('[data-action="start"]').click()
    wait(root.page, studio, f"Number(el.dataset.valChecks) >= {checks}")
    return studio


def stop(studio):
    studio.locator('[data-action="stop"]').click()
    wait(studio.page, studio, "el.dataset.mode === 'done'")


def test_a_level_met_by_a_check_is_marked_done_and_stays_done_after_a_reload(page, site_server):
    root = open_challenges(page, site_server, target=1000)
    assert root.get_attribute("data-level") == "level1"
    assert "first 9,9" in root.locator('[data-role="fixed-text"]').inner_text()  # its own text, no choice
    assert root.locator('input[value="paste"]').count() == 0
    studio = train_tiny(root)
    wait(page, root, "(el.dataset.done || '').split(' ').includes('level1')")
    assert "Done: training perplexity" in root.locator('[data-role="progress"]').inner_text()
    # Switching level while the run trains is refused: the page trains one model at a time.
    root.locator('input[data-level][value="level2"]').click()
    assert "Pause or stop" in root.locator('[data-role="problem"]').inner_text()
    assert root.get_attribute("data-level") == "level1"
    stop(studio)
    hold_python(page)  # what the reload must bring back is the page's own record, not a run
    root = open_widget(page, site_server, "studio-challenge", reload=True)
    wait(page, root, "el.dataset.level === 'level1'")
    assert "level1" in root.get_attribute("data-done").split()
    assert root.locator('[data-done="level1"]').count() == 1
    assert axe_violations_by_scheme(page) == {}


def test_level_three_words_are_judged_by_the_reader_with_the_unknown_ones_marked(page, site_server):
    root = open_challenges(page, site_server, target=3)
    choose(root, "level3")
    studio = train_tiny(root)
    stop(studio)
    draw = root.locator('[data-action="draw"]')
    wait(page, root, "!el.querySelector('[data-action=\"draw\"]').disabled")
    draw.click()
    wait(page, root, "el.dataset.judged !== undefined")
    words = root.locator("[data-word]")
    assert words.count() == 100
    known = root.locator('[data-word][aria-pressed="true"]').count()
    assert int(root.get_attribute("data-judged")) == known
    assert root.locator(".rnn-sc__word--unknown").count() == 100 - known  # every unknown word starts un-pressed
    assert axe_violations_by_scheme(page) == {}
    claim = root.locator('[data-action="claim"]')
    # The reader's verdict decides: un-press known words until under the target, then press one back.
    for i in range(100):
        if int(root.get_attribute("data-judged")) < 3:
            break
        w = words.nth(i)
        if w.get_attribute("aria-pressed") == "true":
            w.press("Enter")
    assert claim.is_disabled()
    first_unpressed = root.locator('[data-word][aria-pressed="false"]').first
    first_unpressed.click()
    assert claim.is_enabled()
    claim.click()
    wait(page, root, "(el.dataset.done || '').split(' ').includes('level3')")


def test_the_boss_score_goes_on_a_leaderboard_that_exports_and_imports_and_refuses_a_bad_file(page, site_server, tmp_path):
    root = open_challenges(page, site_server)
    choose(root, "boss")
    board = root.locator(".rnn-sc__board tbody tr")
    assert board.count() == 1 and board.first.get_attribute("data-source") == "reference"
    studio = train_tiny(root)
    stop(studio)
    score = root.locator('[data-action="score"]')
    wait(page, root, "!el.querySelector('[data-action=\"score\"]').disabled")
    score.click()
    wait(page, root, "el.dataset.scored !== undefined", timeout=LONG_MS)
    ppl = float(root.get_attribute("data-scored"))
    assert 1 < ppl < 200 and "on the hidden text" in root.locator('[data-role="score"]').inner_text()
    root.locator('[data-role="name"]').fill("x" * 10_000)
    root.locator('[data-action="add"]').click()
    assert board.count() == 2
    mine = root.locator('.rnn-sc__board tr[data-source="mine"]')
    assert "x" * 40 in mine.inner_text() and "x" * 41 not in mine.inner_text()
    with page.expect_download() as dl:
        root.locator('[data-action="export"]').click()
    exported = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
    assert exported["hidden_sha256"] == HIDDEN_SHA and len(exported["entries"]) == 1
    assert exported["entries"][0]["perplexity"] == pytest.approx(ppl, abs=1e-3)

    status = root.locator('[data-role="board-status"]')
    upload = root.locator('[data-role="import"]')
    bad = dict(exported, entries=[dict(exported["entries"][0], id="friend-1", perplexity=1.5)])
    (tmp_path / "edited.json").write_text(json.dumps(bad), encoding="utf-8")
    upload.set_input_files(str(tmp_path / "edited.json"))
    wait(page, root, "el.querySelector('[data-role=\"board-status\"]').textContent.includes('nothing was imported')")
    assert board.count() == 2  # nothing added, nothing lost
    (tmp_path / "notes.json").write_text("{broken", encoding="utf-8")
    upload.set_input_files(str(tmp_path / "notes.json"))
    wait(page, root, "el.querySelector('[data-role=\"board-status\"]').textContent.includes('not a JSON file')")
    friend = dict(exported, entries=[dict(exported["entries"][0], id="friend-1", name="friend")])
    (tmp_path / "friend.json").write_text(json.dumps(friend), encoding="utf-8")
    upload.set_input_files(str(tmp_path / "friend.json"))
    wait(page, root, "el.querySelector('[data-role=\"board-status\"]').textContent.startsWith('Imported 1 row')")
    assert board.count() == 3
    assert "imported from friend.json, not checked" in root.locator('.rnn-sc__board tr[data-source="imported"]').inner_text()
    assert axe_violations_by_scheme(page) == {}
    # The board is kept in the browser.
    root = open_widget(page, site_server, "studio-challenge", reload=True)
    wait(page, root, "el.dataset.level === 'boss' && el.querySelectorAll('.rnn-sc__board tbody tr').length === 3")
    assert status.count() == 1
