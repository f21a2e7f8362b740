"""The translation widgets of Module 6 § 6.2 in Chromium: the Translation Sandbox translates what
the runtime's translate() gives for the same text, steps through the encoder and the decoding,
shows both models side by side, handles bad input with a sentence (never markup), loads no
translator before the reader asks and recovers from a failed download with Retry; the translation
Model Size Explorer times every member of the size family; the page passes axe in both palettes.

Nothing here names a translation, a BLEU score or a French word: the models in pretrained/ change
when they are retrained, so every expectation is read from the runtime or translators.json.
"""
from __future__ import annotations

import json

import pytest

from conftest import BrokenDownload, checked_page
from sitepages import axe_violations_by_scheme, open_widget
from test_reader_comfort import assert_readable_chart_text
from test_site_browser import RECORD_CSP, walk_pages

PAGE = "/modules/06-beyond-text/translation/"
SANDBOX = "translation-sandbox"
SIZES = "translation-sizes"
CLIENT = "/assets/build/widgets/runtime-onnx-client.js"

# The runtime's own greedy translation of `text` by each translator of translators.json: {id: text}.
REFERENCE = """async ([client, text]) => {
  const rt = await import(client);
  const list = await (await fetch('/pretrained/translators.json')).json();
  const out = {};
  for (const t of list.translators) {
    const url = new URL('/pretrained/' + t.meta, location.origin).href;
    const r = await rt.translate(url, { text, strategy: 'greedy', topK: 5 });
    out[t.id] = { text: r.text, attention: t.attention, steps: r.steps.length, truncated: r.truncated, unknown: r.unknown };
  }
  return out;
}"""


def translators(built_site) -> list[dict]:
    return json.loads((built_site / "pretrained" / "translators.json").read_text(encoding="utf-8"))["translators"]


def main_pair(built_site) -> tuple[dict, dict]:
    """translators.json's mainPair (widgets/translator-kit): the model without attention and the
    attention model of the same size."""
    ts = translators(built_site)
    plain = next(t for t in ts if not t["attention"])
    attn = next(t for t in ts if t["attention"] and t["hidden"] == plain["hidden"] and t["embedding"] == plain["embedding"])
    return attn, plain


def translate_in(page, root, text: str) -> None:
    """Type `text`, press Translate and wait for the new translation (data-translations grows)."""
    before = root.get_attribute("data-translations") or "0"
    root.locator('textarea[data-role="source"]').fill(text)
    root.locator('[data-action="translate"]').click()
    page.wait_for_function(
        "([el, n]) => (el.dataset.translations ?? '0') !== n && el.dataset.state !== 'running' || el.dataset.state === 'error'", arg=[root.element_handle(), before])
    assert root.get_attribute("data-state") == "ready", root.inner_text()


def reference(page, text: str) -> dict:
    return page.evaluate(REFERENCE, [CLIENT, text])


def test_nothing_loads_before_translate_and_the_output_is_the_runtimes(page, site_server, built_site):
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    root = open_widget(page, site_server, SANDBOX, path=PAGE)
    page.locator(f'[data-widget="{SIZES}"]').scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('[data-widget=\"translation-sizes\"]').dataset.state === 'ready'")
    assert not [u for u in requested if "/pretrained/fra" in u], "a translator loaded before the reader asked"
    # the BLEU chart is there from the start, from translators.json
    assert root.locator('svg[data-chart="bleu"]').count() == 1
    assert root.locator('[data-role="bleu-sentence"]').inner_text().startswith("BLEU")

    text = "She wants to buy a new car."
    translate_in(page, root, text)
    assert [u for u in requested if "/pretrained/fra" in u and u.endswith(".onnx")], "no translator file was downloaded"
    ref = reference(page, text)
    attn, plain = main_pair(built_site)
    assert root.locator('[data-column="attention"] [data-role="output"]').inner_text() == (ref[attn["id"]]["text"] or "(nothing: it ended at once)")
    assert root.locator('[data-column="plain"] [data-role="output"]').inner_text() == (ref[plain["id"]]["text"] or "(nothing: it ended at once)")
    summary = root.locator('[data-role="summary"]')
    assert summary.get_attribute("aria-live") == "polite"
    assert ref[attn["id"]]["text"] in summary.inner_text() and ref[plain["id"]]["text"] in summary.inner_text()
    assert int(root.get_attribute("data-dec-last")) == max(ref[attn["id"]]["steps"], ref[plain["id"]]["steps"]) - 1
    # the beam toggle redraws the chart and its sentence
    sentence = root.locator('[data-role="bleu-sentence"]').inner_text()
    root.locator('input[data-role="beam"]').check()
    assert root.locator('[data-role="bleu-sentence"]').inner_text() != sentence
    assert "beam search" in root.locator('[data-role="bleu-sentence"]').inner_text()
    # and the page, with a translation shown, passes axe in both palettes
    assert axe_violations_by_scheme(page) == {}


def top(root, column: str) -> list[tuple[str, float, bool]]:
    items = root.locator(f'[data-column="{column}"] li[data-word]')
    return [(items.nth(i).get_attribute("data-word"), float(items.nth(i).get_attribute("data-p")),
             items.nth(i).get_attribute("data-chosen") is not None) for i in range(items.count())]


def test_stepping_through_the_encoder_the_context_vector_and_the_decoding(page, site_server):
    root = open_widget(page, site_server, SANDBOX, path=PAGE)
    root.locator('[data-example^="Long"]').click()
    page.wait_for_function("(el) => el.dataset.translations === '1' || el.dataset.state === 'error'", arg=root.element_handle())
    assert root.get_attribute("data-state") == "ready", root.inner_text()
    # the encoder: one word at first, one more per Next, the strip of each shown
    assert root.locator("li[data-enc-word]").count() == 1
    assert root.locator('[data-action="enc-prev"]').is_disabled()
    root.locator('[data-action="enc-next"]').click()
    root.locator('[data-action="enc-next"]').click()
    assert root.locator("li[data-enc-word]").count() == 3 and root.get_attribute("data-enc-step") == "2"
    assert root.locator("li[data-enc-word] svg rect").count() > 3
    # c: a slider over its numbers, moved by the keyboard, its value said
    c = root.locator('[data-role="context"]')
    c.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert c.get_attribute("aria-valuenow") == "3"
    assert c.get_attribute("aria-valuetext").startswith("c[3] = ")
    page.keyboard.press("End")
    n = int(c.get_attribute("aria-valuemax"))
    assert c.get_attribute("aria-valuenow") == str(n) and "backward direction" in c.get_attribute("aria-valuetext")
    # decoding: top-5 sorted, summing to at most 1, the chosen word marked, for both models
    last = int(root.get_attribute("data-dec-last"))
    assert root.locator('[data-action="dec-prev"]').is_disabled()
    k = min(last, 3)
    for step in range(k + 1):
        assert root.get_attribute("data-dec-step") == str(step)
        for column in ("attention", "plain"):
            cands = top(root, column)
            if not cands:  # this model had finished already
                continue
            ps = [p for _, p, _ in cands]
            assert 1 <= len(cands) <= 6 and ps == sorted(ps, reverse=True)
            assert sum(ps[:5]) <= 1 + 1e-6
            assert sum(chosen for _, _, chosen in cands) == 1
            assert cands[0][2], "greedy decoding takes the most probable word"
        if step < k:
            root.locator('[data-action="dec-next"]').click()
    if k > 0:
        root.locator('[data-action="dec-prev"]').click()
        assert root.get_attribute("data-dec-step") == str(k - 1)
    # Play runs to the last step and stops there
    root.locator('[data-action="dec-play"]').click()
    page.wait_for_function(f"(el) => el.dataset.decStep === '{last}'", arg=root.element_handle())
    assert root.locator('[data-action="dec-next"]').is_disabled()
    page.wait_for_function("(el) => el.querySelector('[data-action=\"dec-play\"]').textContent === 'Play'", arg=root.element_handle())


def test_bad_input_gets_a_sentence_and_is_never_markup(page, site_server):
    root = open_widget(page, site_server, SANDBOX, path=PAGE)
    message = root.locator('[data-role="message"]')
    for text in ["", "   ", "?!... ,;"]:
        root.locator('textarea[data-role="source"]').fill(text)
        root.locator('[data-action="translate"]').click()
        assert "nothing to translate" in message.inner_text()
        assert root.get_attribute("data-state") == "ready" and root.get_attribute("data-translations") is None
    # HTML and emoji: shown as text, no element made from them
    translate_in(page, root, 'I am <img src=x onerror="window.pwned=1"> <b>cold</b> 🙂 zorblatt.')
    assert message.inner_text() == ""
    assert root.locator("img").count() == 0 and root.locator("b").count() == 0
    assert page.evaluate("window.pwned") is None
    note = root.locator('[data-role="unknown-note"]')
    assert note.is_visible() and "<unk>" in note.inner_text() and "zorblatt" in note.inner_text()
    # 1,000 words: cut, and said so
    translate_in(page, root, " ".join(["i am cold ."] * 250))
    cut = root.locator('[data-role="truncated-note"]')
    assert cut.is_visible() and "was cut" in cut.inner_text()
    assert not note.is_visible()


def test_a_failed_download_shows_retry_and_retry_translates(page, site_server, page_log):
    page_log.allow_error("Failed to load resource")
    page_log.allow_error("404")
    root = open_widget(page, site_server, SANDBOX, path=PAGE)
    download = BrokenDownload(page, "**/pretrained/fra*/decoder.onnx")
    root.locator('[data-action="translate"]').click()
    page.wait_for_function("(el) => el.dataset.state === 'error'", arg=root.element_handle())
    assert root.locator(".rnn-widget__error").inner_text().strip()
    download.heal()
    root.locator('[data-action="retry"]').click()
    page.wait_for_function("(el) => el.dataset.translations === '1' || el.dataset.state === 'error'", arg=root.element_handle())
    assert root.get_attribute("data-state") == "ready", root.inner_text()
    assert root.locator('[data-column="plain"] [data-role="output"]').inner_text()


def test_the_size_explorer_lists_the_family_and_measures_each(page, site_server, built_site):
    family = sorted((t for t in translators(built_site) if t["attention"] and t.get("families", {}).get("size")),
                    key=lambda t: t["parameters"])
    root = open_widget(page, site_server, SIZES, path=PAGE)
    rows = root.locator("tr[data-model]")
    assert [rows.nth(i).get_attribute("data-model") for i in range(rows.count())] == [t["id"] for t in family]
    assert [int(rows.nth(i).get_attribute("data-bytes")) for i in range(rows.count())] == [t["bytes"] for t in family]
    if not family:
        pytest.skip("no size family among the translators of this build")
    root.locator('[data-action="measure"]').click()
    page.wait_for_function(f"(el) => el.dataset.measured === '{len(family)}' && el.dataset.state === 'ready' || el.dataset.state === 'error'",
                           arg=root.element_handle(), timeout=240_000)
    assert root.get_attribute("data-state") == "ready", root.inner_text()
    assert all(float(rows.nth(i).get_attribute("data-ms")) > 0 for i in range(rows.count()))
    assert "ms" in root.locator('[data-role="said"]').inner_text()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_bleu_chart_text_is_12px_as_shown_and_its_labels_do_not_overlap(page, site_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    root = open_widget(page, site_server, SANDBOX, path=PAGE)
    assert_readable_chart_text(root.locator(".rnn-ts__figure"), f"BLEU chart at {width} px")


def test_the_page_and_a_translation_run_under_the_sites_content_security_policy(browser, site_server, page_log, request):
    """The every-page walk for this page (the site's CSP kept, nothing refused, no widget in error),
    then a translation drawn under the policy too."""
    with checked_page(browser, site_server.url, page_log, request, bypass_csp=False) as pg:
        pg.add_init_script(RECORD_CSP)
        walk_pages(pg, site_server, [PAGE])
        pg.locator(f'[data-widget="{SANDBOX}"] [data-example^="Long"]').click()
        # polled by a function of the page: wait_for_function's string would need eval(), which the policy refuses
        state = pg.evaluate(
            "async () => { const el = document.querySelector('[data-widget=translation-sandbox]');"
            " for (let i = 0; i < 1200; i++) { if (el.dataset.translations === '1' || el.dataset.state === 'error') break;"
            " await new Promise(r => setTimeout(r, 100)); } return el.dataset.state; }")
        assert state == "ready"
        assert pg.evaluate("window.__csp || []") == []


def test_a_family_of_three_sizes_is_tabled_charted_and_measured(page, site_server, built_site):
    """Until the final models land the family may have one member: a translators.json with three
    (the shipped attention model under three names and sizes) shows what the explorer does with n."""
    listed = translators(built_site)
    base = next(t for t in listed if t["attention"])
    fake = [dict(base, id=f"{base['id']}-{name}", parameters=base["parameters"] * k, bytes=base["bytes"] * k,
                 bleu={"greedy": base["bleu"]["greedy"] + k, "beam": base["bleu"]["beam"] + k}, families={"size": "fra"})
            for name, k in (("large", 4), ("small", 1), ("medium", 2))]
    page.route("**/pretrained/translators.json", lambda r: r.fulfill(
        status=200, content_type="application/json", body=json.dumps({"translators": [*listed, *fake]})))
    root = open_widget(page, site_server, SIZES, path=PAGE)
    rows = root.locator("tr[data-model]")
    ids = [rows.nth(i).get_attribute("data-model") for i in range(rows.count())]
    params = [int(rows.nth(i).get_attribute("data-params")) for i in range(rows.count())]
    assert len(ids) == 3 + sum(1 for t in listed if t["attention"] and t.get("families", {}).get("size"))
    assert params == sorted(params)
    assert root.locator('svg[data-chart="bleu"]').count() == 1
    assert_readable_chart_text(root.locator("figure"), "translation sizes chart")
    root.locator('[data-action="measure"]').click()
    page.wait_for_function(f"(el) => el.dataset.measured === '{len(ids)}' && el.dataset.state === 'ready' || el.dataset.state === 'error'",
                           arg=root.element_handle(), timeout=240_000)
    assert root.get_attribute("data-state") == "ready", root.inner_text()
    said = root.locator('[data-role="said"]').inner_text()
    assert all(i in said for i in ids)
