"""The model widgets of Modules 3-5 in Chromium, against Python onnxruntime on the same model.

Heatmap explorer, cell intervention and neuron detective (Module 5 live page), gates
predict-then-reveal (Module 3) and the training timelapse (Module 4). Every number a widget
shows is recomputed here by stepping the shipped model (site/pretrained/<id>/) with
coursekit.stepper (Python onnxruntime, one thread), and compared within 1e-4.
"""
from __future__ import annotations

import json
import re

from urllib.parse import parse_qsl, urlsplit

import numpy as np
from playwright.sync_api import expect
import pytest

from bench_onnx import CLIENT
from coursekit import stepper
from coursekit.stepper import softmax
from sitepages import axe_violations_by_scheme, click_link_to, mount_all_widgets, open_widget, wait_ready

LIVE = "/modules/05-experiments/live/"
GATES = "/modules/03-vanishing-gradients-lstm/gates-live/"
TIMELAPSE = "/modules/04-char-language-modeling/timelapse/"
TOL = 1e-4


# ---------------------------------------------------------------- references

def pretrained(site, model_id: str, name: str) -> dict:
    return json.loads((site / "pretrained" / model_id / name).read_text(encoding="utf-8"))


def reference_run(site, model_id: str, text: str, model_file: str = "model.onnx") -> dict[str, np.ndarray]:
    """Every step's outputs for the characters of `text` the model knows (as the widgets skip the rest)."""
    return stepper.load(site / "pretrained" / model_id, model_file).run(text, unknown="skip")


def reference_generate(site, model_id, seed_text, length, temperature, rng_seed, clamp=None, model_file="model.onnx") -> str:
    """The worker's generate loop in Python; `clamp` (layer, kind, unit, value) overwrites the state after every step."""
    model = stepper.load(site / "pretrained" / model_id, model_file)
    return model.decode(model.generate(seed_text, length, temperature, rng_seed=rng_seed, clamp=clamp, unknown="skip"))


# ---------------------------------------------------------------- page helpers

def values(root, selector: str) -> np.ndarray:
    return np.array([float(v) for v in root.locator(selector).evaluate_all("els => els.map(e => e.dataset.value)")])


# ---------------------------------------------------------------- heatmap explorer

HEATMAP_TEXT = "ROMEO:\nBut soft, what light through yonder window breaks?\nIt is the east — and Juliet is the sun.\n"


def test_heatmap_cell_values_and_top5_match_python_onnxruntime(page, site_server):
    root = open_widget(page, site_server, "heatmap-explorer", path=LIVE)
    root.locator('select[data-role="model"]').select_option("tinyshakespeare")
    wait_ready(root, "el.dataset.prepared === 'tinyshakespeare'")
    root.locator("[data-text]").fill(HEATMAP_TEXT)
    root.locator("[data-layer]").select_option("1")
    root.locator("[data-kind]").select_option("c")
    root.locator("[data-unit]").fill("179")
    root.get_by_role("button", name="Show activations").click()
    kept = [ch for ch in HEATMAP_TEXT if ch not in "—"]
    wait_ready(root, f"el.dataset.model === 'tinyshakespeare' && el.dataset.steps === '{len(kept)}' && el.dataset.unit === '179' && el.dataset.kind === 'c'")
    # The dash is outside the vocabulary: counted, shown as a placeholder, not fed.
    assert root.get_attribute("data-unknown") == "1"
    assert root.locator(".rnn-mk__ch--unknown").inner_text() == "\ufffd"
    want = reference_run(site_server.root, "tinyshakespeare", HEATMAP_TEXT)
    # Keyboard: the text takes focus; End, then Left, moves the character whose predictions show.
    vocab = pretrained(site_server.root, "tinyshakespeare", "meta.json")["vocabulary"]
    text_view = root.locator("[data-textview]")
    text_view.focus()
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    t = len(kept) - 2
    assert root.get_attribute("data-current") == str(t)
    preds = root.locator("[data-predictions] li")
    assert preds.count() == 5
    probs = softmax(want["logits"][t], 1.0)
    order = np.argsort(-probs, kind="stable")[:5]
    assert preds.evaluate_all("els => els.map(e => e.dataset.char)") == [vocab[i] for i in order]
    got_p = np.array([float(p) for p in preds.evaluate_all("els => els.map(e => e.dataset.prob)")])
    assert np.abs(got_p - probs[order]).max() <= TOL
    # The values table is built when the reader opens it. Opened last: the click leaves the mouse
    # where the opening table may slide a character under it, and hovering a character selects it.
    assert root.locator("[data-values] tbody tr").count() == 0
    root.get_by_text("Table: the selected cell at every character").click()
    expect(root.locator("[data-values] tbody tr")).to_have_count(len(kept))
    got = values(root, "[data-values] tbody td[data-value]")
    assert np.abs(got - want["c"][:, 1, 179]).max() <= TOL
    assert np.ptp(got) > 1, "a flat cell would prove little"


def test_a_link_naming_a_cell_opens_the_explorer_on_it(page, site_server):
    """Module 5's static neuron pictures link here with ?model&layer&kind&cell."""
    root = open_widget(page, site_server, "heatmap-explorer", path=LIVE + "?model=names&layer=1&kind=h&cell=7")
    wait_ready(root, "el.dataset.model === 'names' && el.dataset.unit === '7'")
    assert (root.get_attribute("data-layer"), root.get_attribute("data-kind")) == ("1", "h")
    assert root.locator('select[data-role="model"]').input_value() == "names"


def test_the_static_neuron_picture_links_open_the_explorer_on_their_cell(page, site_server):
    page.goto(site_server.url + "/modules/05-experiments/neurons/")
    link = page.get_by_role("link", name="Open this cell in the live heatmap explorer").first
    query = dict(parse_qsl(urlsplit(link.get_attribute("href")).query))
    link.click()  # instant navigation: the query must still reach the widget
    root = page.locator('[data-widget="heatmap-explorer"]')
    root.scroll_into_view_if_needed()
    wait_ready(root, f"el.dataset.model === '{query['model']}' && el.dataset.unit === '{query['cell']}'")
    assert (root.get_attribute("data-layer"), root.get_attribute("data-kind")) == (query["layer"], query["kind"])


def test_heatmap_ranks_cells_by_the_readers_pattern_and_caps_long_text(page, site_server):
    root = open_widget(page, site_server, "heatmap-explorer", path=LIVE)
    root.locator('select[data-role="model"]').select_option("names")
    wait_ready(root, "el.dataset.prepared === 'names'")
    text = "emma\nolivia\nnoah\nliam\nava\nsophia\nisabella\nmason\n"
    root.locator("[data-text]").fill(text)
    root.get_by_role("button", name="Show activations").click()
    wait_ready(root, f"el.dataset.model === 'names' && el.dataset.steps === '{len(text)}'")
    root.locator("[data-rank]").select_option("regex")
    root.locator("[data-pattern]").fill("([a-z")
    root.get_by_role("button", name="Rank").click()
    wait_ready(root, "el.dataset.ranked === 'error'")
    assert "not a valid regular expression" in root.locator("[data-rank-message]").inner_text()
    root.locator("[data-pattern]").fill("[aeiou]")
    root.get_by_role("button", name="Rank").click()
    wait_ready(root, "el.dataset.ranked === 'done'")
    best = root.locator("[data-ranked] button").first
    unit, r = int(best.get_attribute("data-pick-unit")), float(best.get_attribute("data-r"))
    h = reference_run(site_server.root, "names", text)["h"][:, 0, :]  # layer 0, h
    feature = np.array([ch in "aeiou" for ch in text], float)
    rs = np.array([np.corrcoef(h[:, u], feature)[0, 1] for u in range(h.shape[1])])
    assert unit == int(np.argmax(np.abs(rs)))
    assert abs(r - rs[unit]) <= TOL
    best.click()  # selecting a ranked cell recolours the text for it
    assert root.get_attribute("data-unit") == str(unit)
    # Text beyond the cap is cut, and the reader is told.
    root.locator("[data-text]").fill("anna\n" * 700)  # 3,500 characters
    root.get_by_role("button", name="Show activations").click()
    wait_ready(root, "el.dataset.steps === '3000'")
    assert "only the first 3,000" in root.locator("[data-cap-notice]").inner_text()


def test_a_pattern_that_backtracks_forever_is_stopped_and_the_page_stays_responsive(page, site_server):
    root = open_widget(page, site_server, "heatmap-explorer", path=LIVE)
    root.locator('select[data-role="model"]').select_option("names")
    wait_ready(root, "el.dataset.prepared === 'names'")
    text = "a" * 40 + "b\n"  # every character in the names vocabulary
    root.locator("[data-text]").fill(text)
    root.get_by_role("button", name="Show activations").click()
    wait_ready(root, f"el.dataset.model === 'names' && el.dataset.steps === '{len(text)}'")
    root.locator("[data-rank]").select_option("regex")
    root.locator("[data-pattern]").fill("(a+)+$")  # 2^40 ways to fail: never ends in a backtracking engine
    root.get_by_role("button", name="Rank").click()
    # The page answers while the pattern runs: on the main thread this evaluate would never return.
    assert page.evaluate("() => 1 + 1") == 2
    wait_ready(root, "el.dataset.ranked === 'error'")
    assert "stopped after 2 s" in root.locator("[data-rank-message]").inner_text()
    # and the next, ordinary pattern works
    root.locator("[data-pattern]").fill("a")
    root.get_by_role("button", name="Rank").click()
    wait_ready(root, "el.dataset.ranked === 'done'")
    assert root.locator("[data-ranked] button").count() > 0


@pytest.mark.parametrize("widget", ["heatmap-explorer", "cell-intervention"])
def test_the_layer_select_shows_the_layer_in_use_as_soon_as_the_model_is_ready(page, site_server, widget):
    root = open_widget(page, site_server, widget, path=LIVE)
    root.page.wait_for_function("(el) => el.dataset.state === 'ready' && el.querySelectorAll('[data-layer] option').length > 0",
                                arg=root.element_handle())
    layer = root.locator("[data-layer]")
    assert layer.input_value() == "0" and layer.evaluate("s => s.selectedIndex") == 0


# ---------------------------------------------------------------- intervention

def test_clamped_generation_differs_and_matches_a_python_clamp(page, site_server):
    root = open_widget(page, site_server, "cell-intervention", path=LIVE)
    root.locator('select[data-role="model"]').select_option("names")
    wait_ready(root, "el.dataset.prepared === 'names'")
    seed = root.locator("[data-seed]").input_value()
    root.locator("[data-length]").fill("200")
    root.locator("[data-temperature]").fill("0.8")
    root.locator("[data-rng]").fill("5")
    root.locator("[data-layer]").select_option("1")
    root.locator("[data-kind]").select_option("c")
    root.locator("[data-unit]").fill("3")
    root.locator("[data-value]").fill("6")
    root.get_by_role("button", name="Generate both").click()
    wait_ready(root, "el.dataset.difference !== undefined")
    original = root.locator('[data-out="original"]').inner_text()
    clamped = root.locator('[data-out="clamped"]').inner_text()
    assert original == reference_generate(site_server.root, "names", seed, 200, 0.8, 5)
    assert clamped == reference_generate(site_server.root, "names", seed, 200, 0.8, 5, clamp=(1, "c", 3, 6.0))
    assert original != clamped
    # data-difference: the first character (code point) where the two texts part.
    at = next((i for i, (a, b) in enumerate(zip(original, clamped)) if a != b), min(len(original), len(clamped)))
    assert int(root.get_attribute("data-difference")) == at


def test_intervention_explains_an_empty_seed(page, site_server):
    root = open_widget(page, site_server, "cell-intervention", path=LIVE)
    wait_ready(root, "el.dataset.prepared !== undefined")
    root.locator("[data-seed]").fill("")
    root.get_by_role("button", name="Generate both").click()
    page.wait_for_function("(el) => /at least one character/.test(el.querySelector('[data-message]').textContent)",
                           arg=root.element_handle())
    assert root.locator(".rnn-widget__error").is_hidden()  # nothing to retry: the reader fixes the seed


def test_failed_model_download_offers_a_working_retry(page, site_server, page_log):
    page_log.allow_error("Failed to load resource")
    failures = []

    def fail_once(route):
        if not failures:
            failures.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.context.route("**/pretrained/names/model.onnx", fail_once)
    root = open_widget(page, site_server, "heatmap-explorer", path=LIVE)
    root.locator('select[data-role="model"]').select_option("names")
    wait_ready(root, "el.dataset.prepared === 'names'")
    root.locator("[data-text]").fill("anna\nbob\n")
    root.get_by_role("button", name="Show activations").click()
    error = root.locator(".rnn-widget__error")
    error.wait_for(state="visible")
    assert "Could not load" in error.inner_text() and failures
    root.get_by_role("button", name="Retry").click()
    wait_ready(root, "el.dataset.steps === '9'")
    assert error.is_hidden()


def test_runtime_rejects_a_clamp_outside_the_model(page, site_server):
    page.goto(site_server.url + "/")
    err = page.evaluate("""async ([client, url]) => {
      const rt = await import(client);
      try { await rt.generate(url, {seedText: "a", length: 5, temperature: 0, rngSeed: 1,
                                    clamp: {layer: 2, kind: "c", unit: 0, value: 1}}).done; return null; }
      catch (e) { return {code: e.code, message: e.message}; }
    }""", [site_server.url + CLIENT, site_server.url + "/pretrained/names/model.onnx"])
    assert err["code"] == "invalid-request" and "layer must be 0 to 1" in err["message"]


# ---------------------------------------------------------------- gates reveal

SENTENCE = "The movie was great, but the ending was"


def test_gates_reveal_shows_the_models_real_gates_and_saturation(page, site_server):
    root = open_widget(page, site_server, "gates-reveal", path=GATES)
    root.get_by_label("forget gate f").check()
    root.get_by_role("button", name="Reveal").click()
    wait_ready(root, "el.dataset.answer !== undefined")
    model_id = root.get_attribute("data-model")
    layer, unit = int(root.get_attribute("data-layer")), int(root.get_attribute("data-unit"))
    gates = reference_run(site_server.root, model_id, SENTENCE)["gates"]  # [T, L, 4, H]
    got = values(root, "[data-gates] tbody td[data-value]").reshape(-1, 4)
    assert got.shape[0] == len(SENTENCE)
    assert np.abs(got - gates[:, layer, :, unit]).max() <= TOL
    # The verdict: the row whose mean step-to-step change over the cells is largest at "but".
    but = SENTENCE.index("but")
    jumps = np.abs(np.diff(gates[:, layer], axis=0))  # [T-1, 4, H]; row t-1 is the jump into step t
    at_but = jumps[but - 1:but + 2].mean(axis=(0, 2))
    assert root.get_attribute("data-answer") == "ifgo"[int(np.argmax(at_but))]
    # The cell shown first is the one whose gates jumped most at "but".
    assert unit == int(np.argmax(jumps[but - 1:but + 2].sum(axis=(0, 1))))
    # Saturation: fraction of steps below 0.1 / above 0.9 on the test text, per cell, live.
    test_text = pretrained(site_server.root, model_id, "losses.json")["text"][:1000]
    sat = reference_run(site_server.root, model_id, test_text)["gates"][:, layer]
    rows = root.locator("[data-saturation] tbody tr")
    assert rows.count() == sat.shape[-1]
    for k, g in enumerate("ifo"):
        gi = "ifgo".index(g)
        low = values(root, f'[data-saturation] td[data-sat="{g}-low"]')
        high = values(root, f'[data-saturation] td[data-sat="{g}-high"]')
        assert np.abs(low - (sat[:, gi] < 0.1).mean(axis=0)).max() <= TOL
        assert np.abs(high - (sat[:, gi] > 0.9).mean(axis=0)).max() <= TOL
    assert "You predicted the forget gate f" in root.locator("[data-verdict]").inner_text()


# ---------------------------------------------------------------- timelapse

WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")


def milestone_rules(sample: str, ref_text: str) -> dict[str, bool]:
    """logic.ts's rules, written again from their description."""
    share = sample.count(" ") / max(1, len(sample))
    ref_share = ref_text.count(" ") / len(ref_text)
    ref_words = {w.lower() for w in WORD.findall(ref_text)}
    words = [w.lower() for w in WORD.findall(sample)]
    marks = [m.start() for m in re.finditer(r"[.,;:!?]", sample)]
    good = sum(1 for i in marks if (sample[i + 1] if i + 1 < len(sample) else "\n").isspace())
    return {
        "spaces": abs(share - ref_share) <= 0.25 * ref_share,
        "words": len(words) >= 10 and sum(w in ref_words for w in words) / len(words) >= 0.5,
        "punctuation": len(marks) >= 3 and good / len(marks) >= 0.9,
        "quotes": len(re.findall(r"[A-Za-z]'[a-z]", sample)) >= 2,
        "speakers": sum(bool(re.fullmatch(r"[A-Z][A-Z' ]{2,}:", line)) for line in sample.split("\n")) >= 2,
    }


def test_timelapse_opens_on_war_and_peace_and_moves_samples_loss_and_live_generation_together(page, site_server):
    root = open_widget(page, site_server, "training-timelapse", path=TIMELAPSE)
    wait_ready(root, "el.dataset.model !== undefined")
    model_id = root.get_attribute("data-model")
    assert model_id == "warandpeace", "the scrubber starts on the novel of the post's time-lapse"
    tl = pretrained(site_server.root, model_id, "timelapse.json")
    neurons = pretrained(site_server.root, model_id, "neurons.json")
    ref_text = "\n".join([pretrained(site_server.root, model_id, "losses.json")["text"]]
                         + [cell["example"]["text"] for cells in neurons["top"].values() for cell in cells])
    slider = root.locator("[data-slider]")
    slider.focus()
    page.keyboard.press("Home")
    for i, point in enumerate(tl["points"]):
        if i:
            page.keyboard.press("ArrowRight")  # the keyboard moves the slider
        assert root.get_attribute("data-iter") == str(point["iter"])
        assert root.locator("[data-sample]").inner_text() == point["sample"]
    # Milestones: the first checkpoint whose sample passes each rule, as computed here.
    found = {}
    for point in tl["points"]:
        for rule, ok in milestone_rules(point["sample"], ref_text).items():
            if ok and rule not in found:
                found[rule] = point["iter"]
    shown = {li.get_attribute("data-milestone"): int(li.get_attribute("data-iter"))
             for li in root.locator("[data-milestones] li[data-milestone]").all()}
    assert shown == found and len(found) >= 3
    # Live generation from a checkpoint's own ONNX file, greedy, equals Python onnxruntime.
    k = next(i for i, p in enumerate(tl["points"]) if p.get("onnx"))
    page.keyboard.press("Home")
    for _ in range(k):
        page.keyboard.press("ArrowRight")
    root.locator("[data-temperature]").select_option("0")
    root.get_by_role("button", name="Generate with this checkpoint").click()
    wait_ready(root, f"el.dataset.liveIter === '{tl['points'][k]['iter']}'")
    want = reference_generate(site_server.root, model_id, tl["sample_prompt"], 400, 0, 0,
                              model_file=tl["points"][k]["onnx"])
    assert root.locator("[data-live]").inner_text() == want


# ---------------------------------------------------------------- neuron detective

def answer_round(root, site):
    """Pick the choice whose neurons.json score for the shown cell is strongest; return the round's cell."""
    neurons = pretrained(site, root.get_attribute("data-model"), "neurons.json")
    kind, layer, unit = root.get_attribute("data-kind"), int(root.get_attribute("data-layer")), int(root.get_attribute("data-unit"))
    choices = root.locator("[data-choice]").evaluate_all("els => els.map(e => e.dataset.choice)")
    assert len(choices) == 4 and len(set(choices)) == 4
    best = max(choices, key=lambda f: abs(neurons["scores"][f][kind][layer][unit]))
    root.locator(f'[data-choice="{best}"]').click()
    return kind, layer, unit


def test_neuron_detective_shows_real_activations_and_awards_a_badge(page, site_server):
    root = open_widget(page, site_server, "neuron-detective", path=LIVE)
    wait_ready(root, "el.dataset.start !== undefined")
    model_id = root.get_attribute("data-model")
    start, length = int(root.get_attribute("data-start")), int(root.get_attribute("data-length"))
    snippet = pretrained(site_server.root, model_id, "losses.json")["text"][start:start + length]
    kind, layer, unit = root.get_attribute("data-kind"), int(root.get_attribute("data-layer")), int(root.get_attribute("data-unit"))
    want = reference_run(site_server.root, model_id, snippet)[kind][:, layer, unit]
    assert np.abs(values(root, "[data-values] td[data-value]") - want).max() <= TOL
    for n in range(5):
        if n:
            root.get_by_role("button", name="New cell").click()
            wait_ready(root, "el.dataset.result === undefined")
        answer_round(root, site_server.root)
        assert root.get_attribute("data-result") == "right"
    assert root.locator("[data-badge]").is_visible()
    page.reload()  # the score is kept in this browser
    root = open_widget(page, site_server, "neuron-detective", path=LIVE)
    assert "5 right of 5" in root.locator("[data-score]").inner_text()
    assert root.locator("[data-badge]").is_visible()


# ---------------------------------------------------------------- navigation and accessibility

def test_live_widgets_survive_instant_navigation_mid_run(page, site_server):
    page.goto(site_server.url + LIVE)
    assert mount_all_widgets(page) == 4
    page.evaluate("window.__sameDocument = true")
    # Leave while a long generation is running, then come back.
    ci = page.locator('[data-widget="cell-intervention"]')
    ci.locator("[data-length]").fill("2000")
    ci.get_by_role("button", name="Generate both").click()
    click_link_to(page, site_server.url, "/")
    page.wait_for_function("document.documentElement.dataset.widgetsLive === '0'")
    click_link_to(page, site_server.url, LIVE)
    assert mount_all_widgets(page) == 4
    assert page.evaluate("window.__sameDocument === true")
    assert page.locator("[data-widget][data-state='error']").count() == 0
    root = page.locator('[data-widget="heatmap-explorer"]')
    root.get_by_role("button", name="Show activations").click()
    wait_ready(root, "el.dataset.steps !== undefined")
    assert root.locator("[data-textview] [data-t]").count() == int(root.get_attribute("data-steps"))


def test_leaving_the_page_cancels_the_heatmaps_run_in_the_worker(page, site_server):
    # Its run used to go on after the reader left and held up the next page's models.
    root = open_widget(page, site_server, "heatmap-explorer", path=LIVE)
    root.locator('select[data-role="model"]').select_option("shakespeare")  # 3x512: 3,000 steps take seconds
    wait_ready(root, "el.dataset.prepared === 'shakespeare'")
    root.locator("[data-text]").fill("To be")
    root.get_by_role("button", name="Show activations").click()  # loads the model: only the run is left pending below
    wait_ready(root, "el.dataset.model === 'shakespeare' && el.dataset.steps === '5'")
    root.locator("[data-text]").fill("To be, or not to be, that is the question.\n" * 70)
    # The page's other widgets first finish what they started on mounting: on a loaded machine one
    # was still running when the reader left, and its cancellation was counted with the heatmap's.
    page.wait_for_function("document.documentElement.dataset.onnxPending === '0'")
    cancelled = int(page.evaluate("document.documentElement.dataset.onnxCancelled ?? '0'"))
    root.get_by_role("button", name="Show activations").click()
    page.wait_for_function("(el) => el.dataset.state === 'running' && document.documentElement.dataset.onnxPending !== '0'", arg=root.element_handle())
    click_link_to(page, site_server.url, "/")
    page.wait_for_function("document.documentElement.dataset.widgetsLive === '0' && document.documentElement.dataset.onnxPending === '0'")
    assert int(page.evaluate("document.documentElement.dataset.onnxCancelled")) == cancelled + 1


def test_model_widgets_in_use_have_no_axe_violations_light_and_dark(page, site_server):
    found = {}
    # In use: the every-page walk (tests/test_site_browser.py) checks each page as it first mounts,
    # so only the widgets driven into a new state are checked here.
    for path, widget in ((GATES, "gates-reveal"), (LIVE, "heatmap-explorer")):
        root = open_widget(page, site_server, widget, path=path)  # only this widget: the others are not checked here
        if path == GATES:
            root.get_by_role("button", name="Reveal").click()
            wait_ready(root, "el.dataset.answer !== undefined")
        if path == LIVE:
            root.get_by_role("button", name="Show activations").click()
            wait_ready(root, "el.dataset.steps !== undefined")
        for scheme, violations in axe_violations_by_scheme(page, within=f'[data-widget="{widget}"]').items():
            found[f"{path} ({scheme})"] = violations
    assert not found, json.dumps(found, indent=1)
