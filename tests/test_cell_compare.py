"""The cell comparison (LSTM vs GRU vs vanilla RNN, Module 3) in Chromium, on the models the site
ships: the members of a cell family (index.json `families.cell`), their full-split losses, their
training curves (curves.json) and their fixed-seed samples (meta.json `sample`).

What the widget shows is checked against the served index.json and each model's meta.json and
curves.json; it must never download a model file. Failure paths: a curves file that fails to load
shows an error with Retry that recovers; a family of one model says there is nothing to compare.
"""
from __future__ import annotations

import json

import pytest

from sitepages import axe_violations, open_widget

PAGE = "/modules/03-vanishing-gradients-lstm/why-lstms-work/"
CELL_ORDER = ["lstm", "gru", "rnn"]


def served(site_server, path: str):
    """A JSON file of the built site (what the widget reads)."""
    return json.loads((site_server.root / path).read_text(encoding="utf-8"))


def open_compare(page, site_server):
    """Open the Module 3 page and wait for the comparison; returns (root, its family's members in index order)."""
    root = open_widget(page, site_server, "cell-compare", path=PAGE)
    index = served(site_server, "pretrained/index.json")["models"]
    family = root.get_attribute("data-family")
    members = [m for m in index if (m.get("families") or {}).get("cell") == family]
    assert len(members) >= 2, f"cell family {family!r} has {len(members)} member(s) in index.json"
    return root, members


def test_the_table_shows_each_members_full_split_losses_from_index_and_meta(page, site_server):
    root, members = open_compare(page, site_server)
    rows = root.locator("tr[data-model]")
    # LSTM first, the vanilla RNN last: whatever order index.json lists them in.
    want_order = [m["id"] for m in sorted(members, key=lambda m: CELL_ORDER.index(m["cell"]))]
    assert rows.evaluate_all("(trs) => trs.map((tr) => tr.dataset.model)") == want_order
    assert root.get_attribute("data-members") == str(len(members))
    for m in members:
        meta = served(site_server, f"pretrained/{m['id']}/meta.json")
        row = root.locator(f'tr[data-model="{m["id"]}"]')
        val, test = float(row.get_attribute("data-val")), float(row.get_attribute("data-test"))
        assert (val, test) == (m["val_loss_nats"], m["test_loss_nats"]) == (meta["validation"]["loss_nats"], meta["test"]["loss_nats"])
        assert float(row.get_attribute("data-val-bits")) == m["val_bits_per_char"] == meta["validation"]["bits_per_char"]
        assert float(row.get_attribute("data-test-bits")) == m["test_bits_per_char"] == meta["test"]["bits_per_char"]
        assert int(row.get_attribute("data-params")) == m["parameters"] == meta["architecture"]["parameters"]
        assert int(row.get_attribute("data-bytes")) == m["bytes"] == meta["files"]["model.onnx"]["bytes"]
        cells = row.locator("td").all_inner_texts()
        assert cells[0] == f"{m['parameters']:,}"
        assert cells[2:] == [f"{meta['validation']['loss_nats']:.3f}", f"{meta['validation']['bits_per_char']:.3f}",
                             f"{meta['test']['loss_nats']:.3f}", f"{meta['test']['bits_per_char']:.3f}"]
    # The gap sentences: the lowest validation loss against each other member, to two decimals.
    best = min(members, key=lambda m: m["val_loss_nats"])
    gaps = root.locator('[data-role="gaps"]').inner_text()
    for m in members:
        if m is not best:
            assert f"{abs(m['val_loss_nats'] - best['val_loss_nats']):.2f} nats/char" in gaps, gaps


def test_the_chart_draws_each_members_curves_json_and_the_training_lines_on_request(page, site_server):
    root, members = open_compare(page, site_server)
    series = root.locator('[data-role="chart"] svg g.rnn-lp__series')
    assert series.count() == len(members) == 3
    assert root.locator('[data-role="chart"] svg .rnn-cc__train').count() == 0
    names = series.evaluate_all("(gs) => gs.map((g) => g.dataset.series)")
    assert names == ["LSTM validation", "GRU validation", "vanilla RNN validation"]
    by_cell = {m["cell"]: m for m in members}
    for name, cell in zip(names, CELL_ORDER):
        curves = served(site_server, "pretrained/" + by_cell[cell]["files"]["curves.json"])
        drawn = series.locator("polyline").nth(names.index(name)).get_attribute("points").split()
        # Every evaluation after step 0 (the untrained model, above the chart's top) is a point.
        assert len(drawn) == len([p for p in curves["eval"] if p["iter"] > 0])
    # Readable axis labels: at least 12 px as drawn.
    sizes = root.locator('[data-role="chart"] svg .rnn-lp__label').evaluate_all(
        "(ts) => ts.map((t) => t.getBoundingClientRect().height)")
    assert sizes and min(sizes) >= 12, sizes
    root.locator('input[data-role="train"]').check()
    assert series.count() == 2 * len(members)
    assert root.locator('[data-role="chart"] svg .rnn-cc__train').count() == len(members)


def test_the_samples_are_the_ones_drawn_at_export_with_one_seed_and_temperature(page, site_server):
    root, members = open_compare(page, site_server)
    samples = [served(site_server, f"pretrained/{m['id']}/meta.json")["sample"] for m in members]
    for m, s in zip(members, samples):
        block = root.locator(f'[data-role="sample"][data-model="{m["id"]}"]')
        assert block.text_content() == s["text"] == m["sample"]["text"]
        assert block.evaluate("(el) => getComputedStyle(el).whiteSpace") == "pre-wrap"
    assert len({(s["seed"], s["temperature"], s["prompt"]) for s in samples}) == 1, "one seed and temperature for all"
    text = root.inner_text()
    assert f"random seed {samples[0]['seed']}, temperature {samples[0]['temperature']}" in text
    assert "Temperature Playground" in text


def test_the_comparison_reads_json_only_and_never_downloads_a_model(page, site_server):
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    root, members = open_compare(page, site_server)
    root.locator('input[data-role="train"]').check()
    page.wait_for_load_state("networkidle")  # anything the tick or the widget would fetch has been asked for
    assert not [u for u in fetched if u.endswith(".onnx")], fetched
    pretrained = sorted(u.split("/pretrained/", 1)[1] for u in fetched if "/pretrained/" in u)
    assert pretrained == sorted(["index.json", *(m["files"]["curves.json"] for m in members)])


def test_a_curves_file_that_fails_shows_an_error_with_retry_that_recovers(page, page_log, site_server):
    page_log.allow_error("status of 503")
    failed = []

    def once(route):
        if not failed:
            failed.append(route.request.url)
            route.fulfill(status=503, body="")
        else:
            route.continue_()

    page.route("**/pretrained/*/curves.json", once)
    page.goto(site_server.url + PAGE)
    root = page.locator('[data-widget="cell-compare"]')
    root.scroll_into_view_if_needed()
    page.wait_for_function("(el) => el.dataset.state === 'error'", arg=root.element_handle())
    assert "HTTP 503" in root.locator(".rnn-widget__error").inner_text()
    root.locator('.rnn-widget__error button[data-action="retry"]').click()
    page.wait_for_function("(el) => el.dataset.state === 'ready'", arg=root.element_handle())
    assert root.locator(".rnn-widget__error").count() == 0
    assert root.locator('[data-role="chart"] svg g.rnn-lp__series').count() == int(root.get_attribute("data-members"))


def test_a_family_of_one_says_there_is_nothing_to_compare(page, site_server):
    index = served(site_server, "pretrained/index.json")
    seen = set()
    for m in index["models"]:  # keep the first member of each cell family, take the others out of it
        family = (m.get("families") or {}).get("cell")
        if family and family in seen:
            m["families"] = {k: v for k, v in m["families"].items() if k != "cell"}
        seen.add(family)
    page.route("**/pretrained/index.json", lambda route: route.fulfill(json=index))
    root = open_widget(page, site_server, "cell-compare", path=PAGE)
    assert "nothing to compare" in root.inner_text()
    assert root.locator("svg, table").count() == 0


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_page_with_the_comparison_has_no_axe_violations(page, site_server, scheme):
    root, _ = open_compare(page, site_server)
    root.locator('input[data-role="train"]').check()
    page.evaluate(f"document.body.dataset.mdColorScheme = '{scheme}'")
    page.wait_for_function("document.getAnimations().every((a) => a.playState !== 'running')")
    assert axe_violations(page, within='[data-widget="cell-compare"]') == []  # the rest of the page is the walk's
