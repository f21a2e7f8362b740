"""Module 8's model widgets in Chromium, on the stress-test models the site ships (pretrained/,
listed by docs/pretrained/word-models.json): the stress test, the speed comparison and the
Transformer teaser. Every number the widgets show is compared with coursekit.wordlm, which runs
the same ONNX files with onnxruntime in Python; sentences come from build_models.stress's own
held-out sets."""
from __future__ import annotations

import numpy as np
import pytest

from build_models.stress import data
from coursekit import wordlm
from sitepages import open_widget
from conftest import BrokenDownload

LIMITS = "/modules/08-modern-landscape/limits/"
TEASER = "/modules/08-modern-landscape/transformers/"
LONG_MS = 120_000


@pytest.fixture(scope="module")
def models():
    return wordlm.load_all()


def rows(root) -> dict[str, dict]:
    return root.evaluate("(el) => Object.fromEntries([...el.querySelectorAll('tr[data-cell]')]"
                         ".filter((tr) => tr.closest('[data-role=\"said\"], table') && tr.dataset.model)"
                         ".map((tr) => [tr.dataset.cell, { ...tr.dataset }]))")


def type_and_wait(page, root, text: str) -> None:
    before = root.get_attribute("data-scored") or "0"
    root.locator('input[data-role="sentence"]').fill(text)
    page.wait_for_function("([el, n]) => (el.dataset.scored || '0') !== n || el.dataset.state === 'error'",
                           arg=[root.element_handle(), before], timeout=LONG_MS)
    assert root.get_attribute("data-state") == "ready", root.inner_text()


def assert_shares_match(root, models, words: list[str], verb: tuple[str, str], singular: bool) -> None:
    shown = rows(root)
    assert set(shown) == set(models)
    for cell, m in models.items():
        sg, pl = m.verb_share(words, verb)
        assert abs(float(shown[cell]["pSingular"]) - sg) < 1e-4, cell
        assert abs(float(shown[cell]["pCorrect"]) - (sg if singular else pl)) < 1e-4, cell


def test_the_stress_test_gives_each_model_the_probabilities_onnxruntime_gives_in_python(page, site_server, models):
    root = open_widget(page, site_server, "stress-test", path=LIMITS, ready="!!el.dataset.scored", timeout_ms=LONG_MS)
    assert_shares_match(root, models, "the cat that the dogs near the house chase".split(), ("sleeps", "sleep"), True)
    # a held-out hard sentence of depth 6, beyond the training depths
    ex = data.held_out("agreement", [6], 1, 5, "test", 0.05, 0.05, hard=True)[6][0]
    type_and_wait(page, root, ex.text)
    assert root.get_attribute("data-depth") == "6"
    assert root.get_attribute("data-subject") == ("singular" if ex.singular else "plural")
    right, wrong = ex.forms()
    verb = (right, wrong) if ex.singular else (wrong, right)
    assert_shares_match(root, models, ex.words[:ex.verb_at], verb, ex.singular)


def test_a_word_outside_the_small_world_is_named_and_the_sentence_is_kept(page, site_server):
    root = open_widget(page, site_server, "stress-test", path=LIMITS, ready="!!el.dataset.scored", timeout_ms=LONG_MS)
    box = root.locator('input[data-role="sentence"]')
    box.fill("the unicorn near the house sleeps")
    problem = root.locator('[data-role="problem"]')
    problem.wait_for(state="visible")
    assert "“unicorn”" in problem.inner_text()
    assert box.input_value() == "the unicorn near the house sleeps"
    assert root.get_attribute("data-state") == "ready"
    type_and_wait(page, root, "the cats near the house sleep")
    assert problem.is_hidden()
    assert root.get_attribute("data-subject") == "plural" and root.get_attribute("data-depth") == "1"


def test_the_depth_slider_makes_a_sentence_with_that_many_nouns_of_the_other_number(page, site_server):
    root = open_widget(page, site_server, "stress-test", path=LIMITS, ready="!!el.dataset.scored", timeout_ms=LONG_MS)
    before = root.get_attribute("data-scored")
    slider = root.locator('input[data-role="depth"]')
    slider.focus()
    for _ in range(5):   # from 2 to 7, by keyboard
        page.keyboard.press("ArrowRight")
    page.wait_for_function("([el, n]) => el.dataset.scored !== n && el.dataset.depth === '7'", arg=[root.element_handle(), before],
                           timeout=LONG_MS)
    words = root.locator('input[data-role="sentence"]').input_value().split()
    nouns = {w: sg for pair in data.ANIMATE + data.PLACES for w, sg in zip(pair, (True, False))}
    numbers = [nouns[w] for w in words if w in nouns]
    assert len(numbers) == 8 and all(n != numbers[0] for n in numbers[1:])
    assert words[-1] == "." and (words[-2] in data.SINGULAR_VERB) == numbers[0]


def test_the_speed_comparison_times_both_models_at_every_length_and_predicts_as_python_does(page, site_server, models):
    root = open_widget(page, site_server, "sequence-speed", path=LIMITS, ready="!!el.dataset.length", timeout_ms=LONG_MS)
    root.locator('[data-action="all"]').click()
    page.wait_for_function("(el) => el.dataset.measured === '7' && el.dataset.state === 'ready' || el.dataset.state === 'error'",
                           arg=root.element_handle(), timeout=LONG_MS)
    assert root.get_attribute("data-state") == "ready", root.inner_text()
    shown = rows(root)
    assert set(shown) == {"lstm", "transformer"}
    words = root.get_attribute("data-sequence").split()
    env = data.BEGIN.index(words[0])
    for cell, r in shown.items():
        assert float(r["ms"]) > 0 and 1 <= int(r["runs"]) <= 15
        assert abs(float(r["pRight"]) - models[cell].end_share(words, env)) < 1e-4, cell
    assert int(root.get_attribute("data-length")) == len(words) + 1     # <s> counts
    assert root.locator("svg polyline").count() == 4                    # here and PyTorch, both models


def test_the_teaser_shows_attention_and_lstm_states_as_python_computes_them(page, site_server, models):
    root = open_widget(page, site_server, "transformer-teaser", path=TEASER, ready="!!el.querySelector('table[data-role=attention]')",
                       timeout_ms=LONG_MS)
    words = "the cat that the dogs near the house chase sleeps .".split()
    tf, lstm = models["transformer"], models["lstm"]
    _, att = tf.run(words)                                   # [L,heads,T,T]
    _, states = lstm.run(words)                              # [T,H]
    root.locator('select[data-role="head"]').select_option("0")
    cells = root.evaluate("(el) => [...el.querySelectorAll('table[data-role=attention] td[data-q]')]"
                          ".map((td) => [Number(td.dataset.q), Number(td.dataset.k), Number(td.dataset.value)])")
    L = tf.meta["architecture"]["layers"]
    T = len(words) + 1
    assert len(cells) == T * (T + 1) // 2                    # the past and the present, never the future
    assert max(abs(v - att[L - 1, 0, q, k]) for q, k, v in cells) < 1e-4
    sc = root.evaluate("(el) => [...el.querySelectorAll('table[data-role=states] td[data-t]')]"
                       ".map((td) => [Number(td.dataset.t), Number(td.dataset.unit), Number(td.dataset.value)])")
    assert len({u for _, u, _ in sc}) == 12
    assert max(abs(v - states[t, u]) for t, u, v in sc) < 1e-4
    busiest = set(np.argsort(-states.var(axis=0), kind="stable")[:12].tolist())
    assert {u for _, u, _ in sc} == busiest
    # the main verb's row is picked first and described; picking another row describes that one
    said = root.locator('[data-role="row-said"]')
    assert root.locator('button[data-query="10"]').get_attribute("aria-pressed") == "true"
    assert said.inner_text().startswith("“sleeps” reads most from")
    root.locator('button[data-query="11"]').click()
    assert said.inner_text().startswith("“.” reads most from")


def test_a_model_that_fails_to_load_offers_retry_and_retry_recovers(page, site_server):
    download = BrokenDownload(page, "**/pretrained/stress-gru/model.onnx")
    page.goto(site_server.url + LIMITS)
    root = page.locator('[data-widget="stress-test"]')
    root.scroll_into_view_if_needed()
    page.wait_for_function("(el) => el.dataset.state === 'error'", arg=root.element_handle(), timeout=LONG_MS)
    assert "Retry" in root.inner_text()
    download.heal()
    root.locator('[data-action="retry"]').click()
    page.wait_for_function("(el) => el.dataset.state === 'ready' && !!el.dataset.scored", arg=root.element_handle(), timeout=LONG_MS)
