"""§ 7.4's NTM simulator in Chromium, on the Neural Turing Machines the site ships (pretrained/ntm-copy-*):
the read and write weightings it shows at each step are those Python onnxruntime gives for the same
sequence (build_models.memory.export.run_onnx), switching the memory size switches the model and
keeps the sequence, a bit flips by keyboard, bad input gets a sentence and loses nothing, a model
that fails to download offers Retry, and axe finds nothing on the page. One page load serves all
but the download test."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from build_models.memory import data
from coursekit.ntm import run as run_onnx, session
from conftest import BrokenDownload, PageLog, checked_page
from sitepages import axe_violations_by_scheme, mounted_widget
from test_reader_comfort import assert_readable_chart_text

ROOT = Path(__file__).resolve().parents[1]
PAGE = "/modules/07-attention/memory/"
LONG_MS = 120_000
# Both sides run the same ONNX file in float32 (wasm and native kernels); a copy is at most 49 steps.
TOL = 1e-4


def python_trace(model_id: str, bits: np.ndarray) -> dict:
    folder = ROOT / "pretrained" / model_id
    meta = json.loads((folder / "meta.json").read_text())
    return run_onnx(session(folder / "model.onnx"), meta, data.encode(bits))


@pytest.fixture(scope="module")
def sim(browser, site_server, request):
    with checked_page(browser, site_server.url, PageLog(), request) as page:
        page.add_init_script("globalThis.RNN_NTM_STEP_MS = 15;")   # Play's pace, so the test plays a whole copy quickly
        page.goto(site_server.url + PAGE)
        root = mounted_widget(page, "ntm-simulator", model=True, ready="!!el.dataset.runs", timeout_ms=LONG_MS)
        yield page, root


def wait_for_copy(page, root, before: str) -> None:
    page.wait_for_function("([el, n]) => (el.dataset.runs !== n && el.dataset.state === 'ready') || el.dataset.state === 'error'",
                           arg=[root.element_handle(), before], timeout=LONG_MS)
    assert root.get_attribute("data-state") == "ready", root.inner_text()


def type_bits(page, root, bits: np.ndarray) -> None:
    before = root.get_attribute("data-runs")
    box = root.locator('input[data-role="bits-text"]')
    box.fill(" ".join("".join(str(int(b)) for b in row) for row in bits))
    box.press("Enter")   # the change event
    wait_for_copy(page, root, before)


def show_step(root, t: int) -> None:
    root.locator('input[data-role="step"]').evaluate("(el, t) => { el.value = String(t); el.dispatchEvent(new Event('input')); }", t)


def shown_weights(root) -> tuple[np.ndarray, np.ndarray]:
    rows = root.evaluate("(el) => [...el.querySelectorAll('[data-slot]')].map((r) => [r.dataset.wRead, r.dataset.wWrite])")
    w = np.array(rows, dtype=float)
    return w[:, 0], w[:, 1]


def assert_matches_python(root, model_id: str, bits: np.ndarray) -> None:
    want = python_trace(model_id, bits)
    T = 2 * len(bits) + 1
    for t in sorted({0, len(bits) - 1, len(bits), len(bits) + 1, T - 1}):
        show_step(root, t)
        assert root.get_attribute("data-step") == str(t)
        w_read, w_write = shown_weights(root)
        assert np.abs(w_read - want["w_read"][t]).max() < TOL, f"read head, step {t}"
        assert np.abs(w_write - want["w_write"][t]).max() < TOL, f"write head, step {t}"
    wrong = int(((want["y"][len(bits) + 1:] > 0) != bits.astype(bool)).sum())
    assert root.get_attribute("data-wrong-bits") == str(wrong)


def test_the_heads_weightings_at_each_step_are_those_python_onnxruntime_gives(sim):
    page, root = sim
    _, bits = data.copy_example(np.random.default_rng(11), 7)
    type_bits(page, root, bits)
    model = root.get_attribute("data-model")
    assert model in ("ntm-copy-8", "ntm-copy-16", "ntm-copy-32")
    assert root.locator("[data-slot]").count() == json.loads((ROOT / "pretrained" / model / "meta.json").read_text())["architecture"]["slots"]
    assert_matches_python(root, model, bits)


def test_switching_the_memory_size_runs_that_model_on_the_same_sequence(sim):
    page, root = sim
    bits_before = root.get_attribute("data-bits")
    before = root.get_attribute("data-runs")
    root.locator('select[data-role="slots"]').select_option("ntm-copy-8")
    wait_for_copy(page, root, before)
    assert root.get_attribute("data-model") == "ntm-copy-8"
    assert root.get_attribute("data-bits") == bits_before
    assert root.locator("[data-slot]").count() == 8
    assert "8 slots (in use" in root.locator(".rnn-ntm__serieskey .rnn-ntm__current").inner_text()
    assert root.locator('[data-series="8 slots"].rnn-ntm__current').count() == 2   # both charts
    bits = np.array([[int(c) for c in g] for g in bits_before.split()])
    assert_matches_python(root, "ntm-copy-8", bits)


def test_a_bit_flips_from_the_keyboard_and_the_copy_reruns(sim):
    page, root = sim
    first = root.locator('[data-role="bit"][data-t="0"][data-j="0"]')
    first.focus()
    page.keyboard.press("ArrowRight")
    focused = page.evaluate("() => [document.activeElement.dataset.t, document.activeElement.dataset.j]")
    assert focused == ["0", "1"]
    was = root.locator('[data-role="bit"][data-t="0"][data-j="1"]').get_attribute("aria-pressed")
    before, bits_before = root.get_attribute("data-runs"), root.get_attribute("data-bits")
    page.keyboard.press("Space")
    wait_for_copy(page, root, before)
    now = root.locator('[data-role="bit"][data-t="0"][data-j="1"]')
    assert now.get_attribute("aria-pressed") != was
    changed = [i for i, (a, b) in enumerate(zip(bits_before, root.get_attribute("data-bits"))) if a != b]
    assert changed == [1]


def test_the_step_controls_move_one_step(sim):
    page, root = sim
    show_step(root, 2)
    root.locator('[data-action="next"]').click()
    assert root.get_attribute("data-step") == "3"
    root.locator('[data-action="prev"]').click()
    root.locator('[data-action="prev"]').click()
    assert root.get_attribute("data-step") == "1"
    assert "Step 2 of" in root.locator('[data-role="step-said"]').inner_text()


def test_play_steps_from_the_first_step_to_the_last_and_stops(sim):
    page, root = sim
    steps = int(root.locator('input[data-role="step"]').get_attribute("max")) + 1
    show_step(root, steps - 1)
    seen = root.evaluate("""(el) => new Promise((resolve) => {
      const seen = [];
      const watch = new MutationObserver(() => { if (seen.at(-1) !== el.dataset.step) seen.push(el.dataset.step); });
      watch.observe(el, { attributes: true, attributeFilter: ['data-step'] });
      el.querySelector('[data-action="play"]').click();
      const done = () => (el.querySelector('[data-action="play"]').textContent === 'Play' ? (watch.disconnect(), resolve(seen)) : setTimeout(done, 20));
      setTimeout(done, 20);
    })""")
    assert [int(s) for s in seen] == list(range(steps)), seen


@pytest.mark.parametrize("kind, text, words", [
    ("length", "99", "at most"), ("length", "0", "empty"),
    ("text", "", "empty"), ("text", "0101 1111", "not 8 digits"),
])
def test_bad_input_gets_a_sentence_and_keeps_the_sequence(sim, kind, text, words):
    page, root = sim
    bits, runs = root.get_attribute("data-bits"), root.get_attribute("data-runs")
    box = root.locator('input[data-role="length"]' if kind == "length" else 'input[data-role="bits-text"]')
    box.fill(text)
    box.press("Enter")
    box.dispatch_event("change")
    problem = root.locator('[data-role="problem"]')
    assert problem.is_visible() and words in problem.inner_text()
    assert root.get_attribute("data-bits") == bits and root.get_attribute("data-runs") == runs
    assert root.locator('[data-role="bit"]').count() == 8 * len(bits.split())


def test_axe_finds_nothing_on_the_page_with_the_simulator_running(sim):
    page, root = sim
    assert not axe_violations_by_scheme(page), "axe violations on " + PAGE


@pytest.mark.parametrize("width", [1280, 390])
def test_the_charts_text_is_12px_as_shown(sim, width):
    page, root = sim
    page.set_viewport_size({"width": width, "height": 900})
    try:
        page.wait_for_function("(el) => [...el.querySelectorAll('figure svg')].every((s) => Math.abs(s.viewBox.baseVal.width - s.clientWidth) < 8)",
                               arg=root.element_handle())
        assert_readable_chart_text(root, f"ntm-simulator at {width} px")
    finally:
        page.set_viewport_size({"width": 1280, "height": 720})


def test_a_model_that_fails_to_download_offers_retry_and_retry_recovers(page, site_server):
    download = BrokenDownload(page, "**/pretrained/ntm-copy-16/model.onnx")
    page.goto(site_server.url + PAGE)
    root = page.locator('[data-widget="ntm-simulator"]')
    root.scroll_into_view_if_needed()
    page.wait_for_function("(el) => el.dataset.state === 'error'", arg=root.element_handle(), timeout=LONG_MS)
    assert "Retry" in root.inner_text() and download.failed
    download.heal()
    root.locator('[data-action="retry"]').click()
    page.wait_for_function("(el) => el.dataset.state === 'ready' && !!el.dataset.runs", arg=root.element_handle(), timeout=LONG_MS)
    assert root.get_attribute("data-model") == "ntm-copy-16"
