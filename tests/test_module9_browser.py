"""Module 9 in Chromium: the training lab trains for real with a live plot, the grid
search visualizer works by mouse and keyboard. (Every page's axe check, widgets mounted, in both
palettes, is the every-page walk's: tests/test_site_browser.py.)
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from labpage import lab_file, lab_meta, open_lab
from sitepages import open_widget, svg_texts

ROOT = Path(__file__).resolve().parent.parent
GRID_FILE = ROOT / "docs" / "data" / "grid-names.json"
MODULE9 = "/modules/09-implementation/"
TRAIN = "train_char_rnn"


def test_training_lab_solution_reaches_its_target_in_the_browser_with_a_live_plot(page, site_server):
    lab = open_lab(page, site_server, TRAIN)
    lab.wait_for_python()
    lab.type_code(lab_file(TRAIN, "solution.py"))
    progress = lab.root.locator("[data-progress]")
    started = time.monotonic()
    token = lab.start("Run")
    # The plot appears while the run is still going: the first report comes after 200 iterations.
    page.wait_for_function("el => Number(el.dataset.points) >= 1 && el.closest('[data-widget]').dataset.labStatus"
                           " === 'running'", arg=progress.element_handle(), timeout=60_000)
    status = lab.wait_until_done(token, timeout_ms=(lab_meta(TRAIN)["time_limit_s"] + 30) * 1000)
    seconds = time.monotonic() - started
    print(f"train_char_rnn reference solution: {seconds:.1f} s in Chromium (Pyodide), Run")
    assert status == "passed", lab.summary
    assert set(lab.checks().values()) == {"pass"}
    assert progress.get_attribute("data-points") == "10"
    expect(progress.locator("svg polyline")).to_have_count(1)
    expect(progress.locator("tbody tr")).to_have_count(10)
    assert len(progress.locator(".rnn-lab__progress-sample").inner_text().strip()) > 20
    # The plot is redrawn as wide as it is shown: on a phone its labels stay at least 12 px.
    page.set_viewport_size({"width": 390, "height": 900})
    page.wait_for_function("el => { const s = el.querySelector('svg'); return Math.abs(s.viewBox.baseVal.width - s.clientWidth) < 8; }",
                           arg=progress.element_handle())
    sizes = [t["px"] for t in svg_texts(progress)]
    assert sizes and min(sizes) >= 11.5, sizes
    # The progress lines are plotted, not printed.
    assert "progress {" not in lab.root.inner_text()


@pytest.fixture(scope="module")
def GRID() -> dict:
    return json.loads(GRID_FILE.read_text())


def test_grid_search_shows_every_cell_and_the_best_one_first(page, site_server, GRID):
    root = open_widget(page, site_server, "grid-search")
    cells = root.locator("button[data-cell]")
    expect(cells).to_have_count(len(GRID["learning_rates"]) * len(GRID["hidden_sizes"]))
    best = min(GRID["runs"], key=lambda r: r["final_val_loss"])
    pressed = root.locator("button[aria-pressed='true']")
    expect(pressed).to_have_count(1)
    assert float(pressed.get_attribute("data-lr")) == best["learning_rate"]
    assert int(pressed.get_attribute("data-hidden")) == best["n_hidden"]
    expect(root.locator(".rnn-gs__details").nth(1).locator("tbody tr")).to_have_count(len(GRID["runs"]))


def test_grid_search_cell_shows_its_curves_on_click_and_on_enter(page, site_server, GRID):
    root = open_widget(page, site_server, "grid-search")
    plot = root.locator("[data-curve]")
    first = root.locator("button[data-cell='0,0']")
    first.click()
    lr, hidden = GRID["learning_rates"][0], GRID["hidden_sizes"][0]
    expect(plot).to_have_attribute("data-selected", f"{lr:g},{hidden}")
    run = next(r for r in GRID["runs"] if r["learning_rate"] == lr and r["n_hidden"] == hidden)
    expect(root.locator("[role=status]")).to_contain_text(f"validation loss {run['final_val_loss']:.3f}")
    expect(plot.locator("polyline")).to_have_count(2)
    # Keyboard: arrow keys move the focus, Enter selects.
    first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    expect(root.locator("button[data-cell='1,1']")).to_be_focused()
    page.keyboard.press("Enter")
    expect(root.locator("button[data-cell='1,1']")).to_have_attribute("aria-pressed", "true")
    expect(first).to_have_attribute("aria-pressed", "false")
    expect(plot).to_have_attribute("data-selected", f"{GRID['learning_rates'][1]:g},{GRID['hidden_sizes'][1]}")
