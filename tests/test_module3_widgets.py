"""Module 3's widgets: logic against NumPy references, then each in Chromium.

The Gradient Flow Simulator and the Telephone Game run
widgets/gradient-flow/flow.py in Pyodide; here the same file runs in CPython
and the values the page lists must match. The Gate Playground's and Debug
the LSTM's TypeScript logic runs in Node (tests/js/module3.values.ts) against NumPy references; the
challenge's answer key is checked against the activations it shows.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from playwright.sync_api import expect

import jsunit
from labpage import BOOT_TIMEOUT_MS
from sitepages import click_link_to, open_widget, page_with
from tests.test_worked_examples_modules34 import load_flow, sigmoid

ROOT = Path(__file__).resolve().parent.parent
QUIZ = ROOT / "docs" / "quizzes" / "module-3-gates.json"


# ---------------------------------------------------------------- logic in Node

JS_VALUES = jsunit.values_source("module3")


def test_gate_playground_matches_the_numpy_cell(js_values):
    for case in js_values["cell"]:
        x, y = case["x"], case["y"]
        c = x["f"] * x["cPrev"] + x["i"] * x["g"]
        assert y["c"] == pytest.approx(c, abs=1e-12), x
        assert y["h"] == pytest.approx(x["o"] * np.tanh(c), abs=1e-12), x
        assert y["kept"] + y["written"] == pytest.approx(y["c"], abs=1e-12)


def test_gate_playground_clamps_and_snaps_saved_values(js_values):
    r = js_values["restored"]
    assert r["f"] == 1 and r["o"] == 0.35 and r["g"] == -0.5   # out of range, snapped to 0.05
    assert r["i"] == 0.5 and r["cPrev"] == 1                    # malformed or missing: the start values


def numpy_lstm(W, xs, bias):
    H = W.shape[0] // 4
    b = np.zeros(4 * H)
    b[:H], b[H:2 * H], b[3 * H:] = bias["i"], bias["f"], bias["o"]
    h, c, out = np.zeros(H), np.zeros(H), {k: [] for k in "ifgoch"}
    for x in xs:
        z = W @ np.concatenate([h, x]) + b
        i, f, g, o = sigmoid(z[:H]), sigmoid(z[H:2 * H]), np.tanh(z[2 * H:3 * H]), sigmoid(z[3 * H:])
        c = f * c + i * g
        h = o * np.tanh(c)
        for k, v in zip("ifgoch", (i, f, g, o, c, h)):
            out[k].append(v)
    return {k: np.array(v) for k, v in out.items()}


def test_debug_lstm_activations_match_numpy(js_values):
    W, xs = np.array(js_values["weights"]["W"]), np.array(js_values["weights"]["xs"])
    for case in js_values["cases"]:
        ref = numpy_lstm(W, xs, case["bias"])
        for k in "ifgoch":
            assert np.allclose(np.array(case["trace"][k]), ref[k], atol=1e-12), (case["id"], k)


def test_debug_lstm_answer_key_is_what_the_activations_show(js_values):
    """Each key names the one gate that is pinned, and the symptom it causes is visible."""
    for case in js_values["cases"]:
        t = {k: np.array(v) for k, v in case["trace"].items()}
        pinned = {g for g in "fio" if t[g].max() < 0.1}
        key = case["answer"]
        expected = {"forget-low": {"f"}, "input-closed": {"i"}, "output-closed": {"o"}}[key]
        assert pinned == expected, (case["id"], pinned)
        if key == "forget-low":
            # A marker written at step 1 keeps at most 10% after one more step.
            assert (t["f"][1:] < 0.1).all()
        if key == "input-closed":
            assert np.abs(t["c"]).max() < 0.01
        if key == "output-closed":
            assert np.abs(t["c"]).mean() > 10 * np.abs(t["h"]).mean()
        fb = case["feedback"]
        assert fb[key]["right"] and sum(v["right"] for v in fb.values()) == 1


def test_gate_quiz_answer_key():
    quiz = json.loads(QUIZ.read_text(encoding="utf-8"))
    key = {q["id"]: next(c["id"] for c in q["choices"] if c.get("correct")) for q in quiz["questions"]}
    assert key == {"forget-positive": "forget", "input-store": "input", "output-predict": "output",
                   "hold-bracket": "f1-i0"}


# ---------------------------------------------------------------- Chromium

def open_computed(page, site_server, widget: str, call: str):
    """Open the page holding `widget` and wait until it shows the run of the Python call `call`
    (Pyodide boots first)."""
    return open_widget(page, site_server, widget, ready=f"el.dataset.computed === {json.dumps(call)}",
                       timeout_ms=BOOT_TIMEOUT_MS)


def wait_computed(page, root, call: str) -> None:
    page.wait_for_function(
        "([el, call]) => el.dataset.computed === call && el.dataset.state === 'ready'"
        " || el.dataset.state === 'error'",
        arg=[root.element_handle(), call], timeout=BOOT_TIMEOUT_MS)
    assert root.get_attribute("data-state") == "ready", root.inner_text()


def listed(root, row_attr: str) -> dict[str, list[float]]:
    """The values of the widget's data table, by network."""
    return {net: [float(v) for v in root.locator(f"[data-values] tr[{row_attr}] td[data-net='{net}']")
                  .evaluate_all("tds => tds.map(td => td.dataset.value)")] for net in ("rnn", "lstm")}


def test_gradient_flow_and_telephone_show_the_numpy_values_and_keep_their_settings(page, site_server):
    """Both Pyodide widgets share one page and one Python: one load and one reload cover them."""
    flow = load_flow()
    root = open_computed(page, site_server, "gradient-flow", "flow(1, 3)")
    want = flow.flow(1.0, 3.0)
    got = listed(root, "data-length")
    assert np.allclose(got["rnn"], want["rnn"], rtol=1e-9) and np.allclose(got["lstm"], want["lstm"], rtol=1e-9)
    # flow.py reported its progress through the runtime's typed messages, up to its last step.
    progress = root.locator("[data-progress]")
    assert (progress.get_attribute("data-step"), progress.get_attribute("data-total")) == ("200", "200")
    expect(progress).to_be_hidden()
    # The knob: W_hh scale 2.0 makes the RNN's gradient explode; the page recomputes it.
    root.locator("input[data-knob='scale']").fill("2")
    wait_computed(page, root, "flow(2, 3)")
    got = listed(root, "data-length")
    assert np.allclose(got["rnn"], flow.flow(2.0, 3.0)["rnn"], rtol=1e-9)
    assert "exploded" in root.locator("[data-summary]").inner_text()
    root.get_by_label("Vanilla RNN only").check()
    assert root.locator("svg [data-series]").evaluate_all("gs => gs.map(g => g.dataset.series)") == ["rnn"]

    tel = page.locator('[data-widget="telephone"]').first
    tel.scroll_into_view_if_needed()
    wait_computed(page, tel, 'telephone("meet me at noon")')
    tel.get_by_label("Message whispered at step 1").fill("the cat sat on the mat")
    tel.get_by_role("button", name="Pass it on").click()
    wait_computed(page, tel, 'telephone("the cat sat on the mat")')
    want = flow.telephone("the cat sat on the mat")
    got = listed(tel, "data-step")
    assert len(got["rnn"]) == 50
    assert np.allclose(got["rnn"], want["rnn"], rtol=1e-9) and np.allclose(got["lstm"], want["lstm"], rtol=1e-9)
    assert "At step 50" in tel.locator("[data-verdict]").inner_text()

    page.reload()
    root = page.locator('[data-widget="gradient-flow"]').first
    root.scroll_into_view_if_needed()
    wait_computed(page, root, "flow(2, 3)")
    assert root.locator("input[data-knob='scale']").input_value() == "2"
    assert root.get_by_label("Vanilla RNN only").is_checked()
    tel = page.locator('[data-widget="telephone"]').first
    tel.scroll_into_view_if_needed()
    wait_computed(page, tel, 'telephone("the cat sat on the mat")')


def test_gradient_flow_stops_its_python_when_the_reader_leaves(page, site_server):
    """A computation still running when the reader leaves is stopped (KeyboardInterrupt), not left
    to hold the shared Python. The test makes flow() loop forever once it has reported a first,
    recognisable progress point (step 0 of 1): then Python is certainly in the loop. The loop only
    loops: one that grows a list (an endless comprehension) spends ever longer stretches copying
    it between two checks for the interrupt, and missed the one second Stop gives it."""
    start = "    total = 2 * T_MAX\n"

    def held(route):
        response = route.fetch()
        body = response.text()
        if start in body:
            body = body.replace(start, start + "    report_progress(0, 1)\n    while True:\n        pass\n")
        route.fulfill(response=response, body=body)

    page.context.route("**/assets/build/widgets/chunks/*.js", held)
    page.goto(site_server.url + page_with(site_server.root, "gradient-flow"))
    root = page.locator('[data-widget="gradient-flow"]').first
    root.scroll_into_view_if_needed()
    expect(root.locator("[data-progress]")).to_have_attribute("data-total", "1", timeout=BOOT_TIMEOUT_MS)
    left = root.element_handle()  # still readable once instant navigation has detached it
    click_link_to(page, site_server.url, "/")
    page.wait_for_function("el => el.dataset.stopPath !== undefined", arg=left)
    assert left.get_attribute("data-stop-path") == "interrupt"


def test_gate_playground_updates_the_cell_live_and_keeps_the_sliders(page, site_server):
    root = open_widget(page, site_server, "gate-playground")
    setting = {"f": "0.3", "i": "0.85", "o": "0.6", "g": "-0.45", "cPrev": "1.7"}
    for k, v in setting.items():
        root.locator(f"input[data-key='{k}']").fill(v)
    x = {k: float(v) for k, v in setting.items()}
    c = x["f"] * x["cPrev"] + x["i"] * x["g"]
    value = lambda key: float(root.locator(f"[data-result='{key}']").get_attribute("data-value"))
    assert value("c") == pytest.approx(c) and value("h") == pytest.approx(x["o"] * np.tanh(c))
    assert f"{c:.3f}" in root.locator("[data-equations]").inner_text()
    # Keyboard: one arrow press moves the forget gate by one step of 0.05.
    root.locator("input[data-key='f']").press("ArrowRight")
    assert value("kept") == pytest.approx(0.35 * 1.7)
    root.get_by_role("button", name="Erase: forget gate 0").click()
    assert value("c") == 0 and "erased" in root.locator("[data-explain]").inner_text()
    page.reload()
    root = open_widget(page, site_server, "gate-playground")
    assert root.locator("input[data-key='f']").input_value() == "0"
    assert value("c") == 0


def test_debug_lstm_gives_feedback_and_keeps_the_diagnoses(page, site_server):
    root = open_widget(page, site_server, "debug-lstm")
    first = root.locator("[data-case='patient-1']")
    first.locator("input[value='learning-rate']").check()
    assert first.get_attribute("data-result") == "wrong"
    assert "Not this one" in first.locator("[data-feedback]").inner_text()
    first.locator("input[value='forget-low']").press("Space")  # radios answer to the keyboard
    assert first.get_attribute("data-result") == "right"
    assert "forget-gate bias" in first.locator("[data-feedback]").inner_text()
    root.locator("[data-case='patient-3'] input[value='output-closed']").check()
    assert root.locator("[data-score]").inner_text() == "2 of 3 diagnosed correctly."
    page.reload()
    root = open_widget(page, site_server, "debug-lstm")
    assert root.locator("[data-case='patient-1']").get_attribute("data-result") == "right"
    assert root.locator("[data-case='patient-1'] input[value='forget-low']").is_checked()
    root.get_by_role("button", name="Start over").click()
    assert root.locator("[data-case][data-result]").count() == 0
