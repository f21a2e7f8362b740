"""Module 7's translator widgets in Chromium, on the attention translator the site ships
(pretrained/, listed by docs/pretrained/translators.json): attention-visualizer, attention-hard,
attention-debugging and beam-stepper.

Nothing here names a translation, a weight or a word of the model: every expectation is read from
the model at run time (the ONNX client called from the same page, /assets/build/widgets/
runtime-onnx-client.js) or from its files (worst.json), or is a property (rows sum to 1, one hard
focus per step, width 1 is greedy).
"""
from __future__ import annotations

import json

import numpy as np
import pytest

from sitepages import axe_violations_by_scheme, open_widget
from test_site_browser import RECORD_CSP, walk_pages
from conftest import BrokenDownload

BASE = "/modules/07-attention/"
PAGES = {"attention-visualizer": BASE + "alignment/", "attention-hard": BASE + "soft-hard/",
         "beam-stepper": BASE + "decoding/", "attention-debugging": BASE + "debugging/"}
CLIENT = "/assets/build/widgets/runtime-onnx-client.js"
SENTENCE = "She has a red car."
LONG_MS = 120_000


def translators(site_server) -> list[dict]:
    return json.loads((site_server.root / "pretrained" / "translators.json").read_text())["translators"]


def entry_of(site_server, root) -> dict:
    """The translators.json entry of the model the widget loaded (its data-model)."""
    model = root.get_attribute("data-model")
    return next(t for t in translators(site_server) if t["id"] == model)


def client_translate(page, site_server, entry: dict, options: dict) -> dict:
    """translate() of the runtime's client, called from the page, with the attention as a list."""
    url = site_server.url + "/pretrained/" + entry["meta"]
    return page.evaluate(
        """async ([client, url, options]) => {
            const rt = await import(client);
            const r = await rt.translate(url, options);
            return { text: r.text, words: r.words, sourceWords: r.sourceWords, attention: Array.from(r.attention),
                     steps: r.steps.map((s) => ({ word: s.word, focus: s.focus ?? null })) };
        }""", [CLIENT, url, options])


def submit(page, root, text: str) -> None:
    """Type `text`, press the form's button, wait until the widget has shown a new result."""
    before = root.get_attribute("data-translated") or "0"
    root.locator('input[data-role="sentence"]').fill(text)
    root.locator('button[data-action="translate"]').click()
    page.wait_for_function("([el, n]) => (el.dataset.translated || '0') !== n || el.dataset.state === 'error'",
                           arg=[root.element_handle(), before], timeout=LONG_MS)
    assert root.get_attribute("data-state") == "ready", root.inner_text()


def shown_matrix(table) -> np.ndarray:
    cells = table.evaluate("(t) => [...t.querySelectorAll('tbody tr')].map((tr) =>"
                           " [...tr.querySelectorAll('td[data-value]')].map((td) => Number(td.dataset.value)))")
    return np.array(cells, dtype=float)


def test_no_translator_is_fetched_before_the_reader_acts(page, site_server):
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/pretrained/fra-" in r.url else None)
    page.add_init_script(RECORD_CSP)
    walk_pages(page, site_server, list(PAGES.values()))  # every widget mounted, no error, CSP kept
    assert fetched == []
    root = open_widget(page, site_server, "attention-visualizer", path=PAGES["attention-visualizer"])
    assert fetched == [] and root.get_attribute("data-model") is None
    submit(page, root, SENTENCE)
    assert any(u.endswith(".onnx") for u in fetched)


def test_the_heatmap_is_translates_attention_and_a_click_lights_the_argmax(page, site_server):
    root = open_widget(page, site_server, "attention-visualizer", path=PAGES["attention-visualizer"])
    submit(page, root, SENTENCE)
    entry = entry_of(site_server, root)
    assert entry["attention"] is True
    ref = client_translate(page, site_server, entry, {"text": SENTENCE, "strategy": "greedy"})
    T, S = len(ref["words"]), len(ref["sourceWords"])
    table = root.locator('table[data-role="alignment"]')
    shown = shown_matrix(table)
    expected = np.array(ref["attention"], dtype=float).reshape(T, S)
    assert shown.shape == (T, S)
    assert shown == pytest.approx(expected, abs=1e-6)
    assert shown.sum(axis=1) == pytest.approx(np.ones(T), abs=1e-4)
    assert root.locator('[data-role="translation"]').get_attribute("data-text") == ref["text"]
    heads = [table.locator(f'th[data-src="{s}"]').inner_text() for s in range(S)]
    assert heads == ref["sourceWords"]
    for t in range(T):
        table.locator(f'button[data-out="{t}"]').click()
        top = int(np.argmax(expected[t]))
        assert table.locator('th[data-top="true"]').get_attribute("data-src") == str(top)
        assert table.locator(f'button[data-out="{t}"]').get_attribute("aria-pressed") == "true"
        focus = root.locator('[data-role="focus"]')
        assert focus.get_attribute("data-t") == str(t) and "%" in focus.inner_text()
        assert focus.locator(f'[data-s="{top}"]').get_attribute("data-top") == "true"
    # keyboard: focusing a word's button picks it too
    table.locator('button[data-out="0"]').focus()
    assert root.locator('[data-role="focus"]').get_attribute("data-t") == "0"
    # the adjective prompt is answered from the alignment
    root.locator('button[data-action="reveal"]').click()
    answer = root.locator('[data-role="answer"]').inner_text()
    assert "red" in answer and root.locator('[data-role="summary"]').get_attribute("aria-live") == "polite"
    assert axe_violations_by_scheme(page) == {}


def test_bad_input_is_said_and_shown_as_text(page, site_server):
    root = open_widget(page, site_server, "attention-visualizer", path=PAGES["attention-visualizer"])
    root.locator('input[data-role="sentence"]').fill("   ")
    root.locator('button[data-action="translate"]').click()
    page.wait_for_function("(el) => /nothing to translate/.test(el.querySelector('[data-role=summary]').textContent)",
                           arg=root.element_handle(), timeout=LONG_MS)
    assert root.get_attribute("data-state") == "ready"
    submit(page, root, "<b>bold</b> zorglubian 😀 " + "word " * 1000)
    notes = root.locator('[data-role="notes"]').inner_text()
    assert "was cut" in notes or "were left out" in notes
    assert "<unk>" in notes and "zorglubian" in notes
    assert root.locator("b").count() == 0                     # HTML typed is text, never markup
    heads = root.locator('table[data-role="alignment"] th[data-src]').all_inner_texts()
    assert heads[:3] == ["<", "b", ">"] and "\U0001f600" in heads


def test_hard_attention_shows_one_focus_per_step_and_matches_the_runtime(page, site_server):
    root = open_widget(page, site_server, "attention-hard", path=PAGES["attention-hard"])
    submit(page, root, SENTENCE)
    entry = entry_of(site_server, root)
    for kind, options in (("argmax", {"hard": "argmax"}), ("sample", {"hard": "sample", "seed": 1})):
        ref = client_translate(page, site_server, entry, {"text": SENTENCE, "strategy": "greedy", **options})
        section = root.locator(f'[data-run="{kind}"]')
        assert section.locator('[data-role="translation"]').get_attribute("data-text") == ref["text"]
        rows = section.locator("tbody tr")
        assert rows.count() == len(ref["steps"])
        for t, step in enumerate(ref["steps"]):
            marks = rows.nth(t).locator("td[data-focus]")
            assert marks.count() == 1
            assert marks.get_attribute("data-s") == str(step["focus"])
        assert section.locator('[data-role="explain"]').inner_text().strip()
    soft = client_translate(page, site_server, entry, {"text": SENTENCE, "strategy": "greedy"})
    assert root.locator('[data-run="soft"] [data-role="translation"]').get_attribute("data-text") == soft["text"]
    assert root.locator('[data-run="soft"] td[data-focus]').count() == 0
    # Resample: the next seed
    before = root.get_attribute("data-translated")
    root.locator('button[data-action="resample"]').click()
    page.wait_for_function("([el, n]) => el.dataset.translated !== n", arg=[root.element_handle(), before], timeout=LONG_MS)
    assert root.locator('input[data-role="seed"]').input_value() == "2"
    ref = client_translate(page, site_server, entry, {"text": SENTENCE, "strategy": "greedy", "hard": "sample", "seed": 2})
    assert root.locator('[data-run="sample"] [data-role="translation"]').get_attribute("data-text") == ref["text"]
    assert axe_violations_by_scheme(page) == {}


def decode(page, root, text: str, width: int) -> None:
    root.locator('select[data-role="width"]').select_option(str(width))
    submit(page, root, text)


def test_beam_stepper_final_is_the_runtimes_beam_and_width_one_is_greedy(page, site_server):
    root = open_widget(page, site_server, "beam-stepper", path=PAGES["beam-stepper"])
    text = "I think that he will come tomorrow."
    decode(page, root, text, 3)
    entry = entry_of(site_server, root)
    beam = client_translate(page, site_server, entry, {"text": text, "strategy": "beam", "beam": 3})
    greedy = client_translate(page, site_server, entry, {"text": text, "strategy": "greedy"})
    assert root.locator('[data-role="final"]').get_attribute("data-text") == beam["text"]
    assert root.locator('[data-role="greedy"]').get_attribute("data-text") == greedy["text"]
    step = root.locator('[data-role="step"]')
    assert step.get_attribute("data-k") == "0"
    assert root.locator('button[data-action="prev"]').is_disabled()
    kept = step.locator('tr[data-status="kept"]').count()
    assert 1 <= kept <= 3
    root.locator('button[data-action="next"]').click()
    assert step.get_attribute("data-k") == "1"
    assert "Step 2 of" in root.locator('[data-role="summary"]').inner_text()
    root.locator('button[data-action="prev"]').click()
    assert step.get_attribute("data-k") == "0"
    assert axe_violations_by_scheme(page) == {}
    decode(page, root, text, 1)
    assert root.locator('[data-role="final"]').get_attribute("data-text") == greedy["text"]


def test_debugging_reveals_the_rules_diagnosis_and_keeps_a_score(page, site_server):
    root = open_widget(page, site_server, "attention-debugging", path=PAGES["attention-debugging"])
    root.locator('button[data-action="start"]').click()
    case = root.locator('[data-role="case"]')
    case.wait_for(timeout=LONG_MS)
    entry = entry_of(site_server, root)
    worst = json.loads((site_server.root / "pretrained" / entry["files"]["worst.json"]).read_text())
    index = int(case.get_attribute("data-index"))
    c = worst["worst"][index]
    assert c["source"] in case.inner_text()
    case.locator('input[value="wrong-words"]').check()
    root.locator('button[data-action="check"]').click()
    verdict = root.locator('[data-role="verdict"]')
    assert verdict.get_attribute("data-diagnosis") == c["diagnosis"]
    assert verdict.get_attribute("data-right") == str(c["diagnosis"] == "wrong-words").lower()
    assert worst["rules"] in root.locator('[data-role="rules"]').inner_text()
    facts = root.locator('[data-role="facts"]').inner_text()
    for word in c["unknown"]:
        assert word in facts
    score = root.locator('[data-role="score"]').inner_text()
    assert "of 1" in score
    page.wait_for_function("(el) => el.querySelector('table[data-role=alignment]') !== null", arg=root.element_handle(), timeout=LONG_MS)
    assert axe_violations_by_scheme(page) == {}
    root.locator('button[data-action="next"]').click()
    assert root.locator('[data-role="case"]').get_attribute("data-index") != str(index) or len(worst["worst"]) == 1
    page.reload()
    root = open_widget(page, site_server, "attention-debugging", path=PAGES["attention-debugging"])
    assert root.locator('[data-role="score"]').inner_text() == score


def test_debugging_works_when_storage_is_denied(page, site_server):
    # as tests/test_module2_widgets.py does: saving refused (reading then finds nothing)
    page.add_init_script("Storage.prototype.setItem = () => { throw new DOMException('denied', 'SecurityError'); };")
    root = open_widget(page, site_server, "attention-debugging", path=PAGES["attention-debugging"])
    root.locator('button[data-action="start"]').click()
    case = root.locator('[data-role="case"]')
    case.wait_for(timeout=LONG_MS)
    case.locator('input[type="radio"]').first.check()
    root.locator('button[data-action="check"]').click()
    assert root.locator('[data-role="verdict"]').get_attribute("data-diagnosis")
    assert "of 1" in root.locator('[data-role="score"]').inner_text()
    assert "does not allow" in root.inner_text()


def test_a_translator_that_answers_404_shows_an_error_with_retry_that_recovers(page, site_server, page_log):
    page_log.allow_error("404")
    download = BrokenDownload(page, "**/pretrained/*/decoder.onnx")
    root = open_widget(page, site_server, "attention-visualizer", path=PAGES["attention-visualizer"])
    root.locator('button[data-action="translate"]').click()
    page.wait_for_function("(el) => el.dataset.state === 'error'", arg=root.element_handle(), timeout=LONG_MS)
    error = root.locator(".rnn-widget__error")
    assert "404" in error.inner_text() or "decoder.onnx" in error.inner_text(), error.inner_text()
    download.heal()
    error.locator('button[data-action="retry"]').click()
    page.wait_for_function("(el) => el.dataset.translated === '1'", arg=root.element_handle(), timeout=LONG_MS)
    assert root.get_attribute("data-state") == "ready"
    assert root.locator('table[data-role="alignment"] td[data-value]').count() > 0


def test_a_second_decode_supersedes_the_first(page, site_server):
    """latest(): pressing Decode again while beam search runs cancels it in the worker (or it had
    already ended), and the widget shows the second request's result."""
    from test_widget_cancellation import RECORD_WORKER, worker_log
    page.add_init_script(RECORD_WORKER)
    root = open_widget(page, site_server, "beam-stepper", path=PAGES["beam-stepper"])
    decode(page, root, SENTENCE, 1)                       # the translator is loaded now
    entry = entry_of(site_server, root)
    text = "I think that we will have to leave before it starts to rain tomorrow."
    root.locator('select[data-role="width"]').select_option("8")
    root.locator('input[data-role="sentence"]').fill(text)
    root.locator('button[data-action="translate"]').click()
    page.wait_for_function("() => window.__onnxLog.filter(m => m.dir === 'out' && m.type === 'translate').length >= 4")
    first = [m["id"] for m in worker_log(page) if m["dir"] == "out" and m["type"] == "translate"]
    assert len(first) == 4
    root.locator('select[data-role="width"]').select_option("1")
    root.locator('input[data-role="sentence"]').fill(SENTENCE)
    root.locator('button[data-action="translate"]').click()
    # (the superseded run may have ended just before: so wait for this run's result, not a counter)
    greedy = client_translate(page, site_server, entry, {"text": SENTENCE, "strategy": "greedy"})
    page.wait_for_function("([el, text]) => el.dataset.state === 'ready'"
                           " && el.querySelector('[data-role=final]').dataset.text === text",
                           arg=[root.element_handle(), greedy["text"]], timeout=LONG_MS)
    log = worker_log(page)
    for job in first[-2:]:                                 # the greedy and beam requests of the first Decode
        ended = [m["type"] for m in log if m["dir"] == "in" and m.get("id") == job]
        assert {"dir": "out", "type": "cancel", "id": job} in log or "translated" in ended, (job, ended)
    assert root.locator('[data-role="greedy"]').get_attribute("data-text") == greedy["text"]
