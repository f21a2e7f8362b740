"""Module 10's Dataset Explorer in Chromium: a text of ours picked from the list shows the figures
Python counts and a chart; a reader's file is measured in the page with the same advice, and a
binary or over-limit file is refused with the training studio's reason, changing nothing else;
axe finds nothing with a text shown. One page load per test."""
from __future__ import annotations

import json
import math

from sitepages import axe_violations_by_scheme, open_widget
from test_dataset_explorer import DATA, python_stats

PAGE = "/modules/10-capstone/data/"


def open_explorer(page, site_server):
    root = open_widget(page, site_server, "dataset-explorer", path=PAGE)
    root.locator("input[data-corpus]").first.wait_for()
    return root


def shown(root, source: str):
    root.page.wait_for_function("([el, s]) => el.dataset.shown === s", arg=[root.element_handle(), source])
    return root.locator('[data-role="stats"]')


def test_a_text_of_ours_shows_the_figures_python_counts_and_a_chart(page, site_server):
    root = open_explorer(page, site_server)
    corpus = json.loads((DATA / "corpora.json").read_text(encoding="utf-8"))["corpora"][1]
    py = python_stats((DATA / corpus["file"]).read_text(encoding="utf-8"))
    radio = root.locator(f'input[data-corpus="{corpus["id"]}"]')
    radio.focus()
    page.keyboard.press("Space")  # keyboard operable: the list is native radio buttons
    stats = shown(root, corpus["id"])
    for key in ("characters", "bytes", "lines", "distinct"):
        assert int(stats.get_attribute(f"data-{key}")) == py[key], key
    assert math.isclose(float(stats.get_attribute("data-entropy-nats")), py["entropy_nats"], rel_tol=1e-9)
    assert f'{py["entropy_nats"] / math.log(2):.3f} bits' in stats.inner_text()
    assert root.locator('[data-role="licence"]').inner_text() == corpus["licence"]
    bars = root.locator('[data-role="chart"] rect')
    assert bars.count() == min(30, py["distinct"])
    assert root.locator('[data-role="chart"] g').first.get_attribute("data-char") == {"\n": "newline", " ": "space"}.get(py["top"][0][0], py["top"][0][0])
    assert root.locator('[data-role="freq-table"] tbody tr').count() == bars.count()
    assert root.locator('[data-role="advice"]').get_attribute("data-preset") == "medium"
    before = root.locator('[data-role="snippet"]').inner_text()
    root.locator('[data-action="snippet"]').click()
    assert root.locator('[data-role="snippet"]').inner_text() != before


def test_an_upload_is_measured_and_a_binary_or_oversized_file_is_refused_changing_nothing(page, site_server):
    root = open_explorer(page, site_server)
    text = "The cat sat on the mat.\nThe dog sat on the log.\n" * 400
    py = python_stats(text)
    files = root.locator('[data-role="file"]')
    files.set_input_files(files=[{"name": "pets.txt", "mimeType": "text/plain", "buffer": text.encode()}])
    stats = shown(root, "upload")
    assert (int(stats.get_attribute("data-characters")), int(stats.get_attribute("data-distinct"))) == (py["characters"], py["distinct"])
    advice = root.locator('[data-role="advice"]')
    assert advice.get_attribute("data-auto-stop") == "true"  # 19,200 characters: nearest the 10 KB run, which overfit
    assert "memorising" in advice.locator('[data-role="why"]').text_content()
    problem = root.locator('[data-role="problem"]')
    for name, data, says in (("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
                             ("huge.txt", b"a" * (2 * 1024 * 1024 + 1), "at most 2.0 MB")):
        files.set_input_files(files=[{"name": name, "mimeType": "text/plain", "buffer": data}])
        problem.filter(has_text=says).wait_for()
        assert root.get_attribute("data-shown") == "upload"
        assert int(root.locator('[data-role="stats"]').get_attribute("data-characters")) == py["characters"]


def test_axe_finds_nothing_with_a_text_shown(page, site_server):
    root = open_explorer(page, site_server)
    root.locator('input[data-corpus]').first.check()
    shown(root, root.locator('input[data-corpus]').first.get_attribute("value"))
    root.locator('[data-role="advice"] summary').click()
    assert axe_violations_by_scheme(page) == {}
