"""Four small reader features in Chromium, each read against its data file here in Python:

- Spot the Sequence (Module 1): the reader's industry, picked with a labelled select (by
  keyboard too), puts that industry's examples first and is remembered over a reload;
- the demo gallery's names (Module 5): a 👍 "Keep <name>" toggle per generated name fills a
  "Your favourites" list that survives reloads, can be emptied again, sends nothing, and says
  so when the browser's storage is full or denied;
- read-aloud (Module 5 §5.2): the chosen time-lapse sample is what the speech synthesis is
  given (a fake that records utterances); without speech synthesis, or without a voice, the
  button is off and a sentence says why;
- the grid search's "Export best config" (Module 9): the downloaded preset parses with `ast`,
  holds the grid's best cell and settings, and build_models' own load_config accepts it; the
  copy button copies the same text.

The pages these changed are checked with axe, light and dark, by the every-page walk
(tests/test_site_browser.py).
"""
from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from build_models.config import load_config
from sitepages import axe_violations, mounted_widget, open_widget

ROOT = Path(__file__).resolve().parent.parent
SPOT = json.loads((ROOT / "widgets/spot-sequence/examples.json").read_text(encoding="utf-8"))
GRID = json.loads((ROOT / "docs/data/grid-names.json").read_text(encoding="utf-8"))
APPLICATIONS = "/modules/01-why-sequences/applications/"
GALLERY = "/modules/05-experiments/gallery/"
DYNAMICS = "/modules/05-experiments/dynamics/"
TIPS = "/modules/09-implementation/training-tips/"


# ---------------------------------------------------------------- Spot the Sequence

def test_spot_the_sequence_shows_the_chosen_industry_first_and_remembers_it(page, site_server):
    examples = {e["id"]: e for e in SPOT["examples"]}
    root = open_widget(page, site_server, "spot-sequence", path=APPLICATIONS)
    select = root.get_by_label("Your industry")
    assert select.input_value() == ""
    # Keyboard: the select takes focus and arrow keys change the choice (the first industry).
    select.focus()
    page.keyboard.press("ArrowDown")
    expect(select).to_have_value(SPOT["industries"][0]["id"])
    select.select_option("logistics")
    mine = [e for e in SPOT["examples"] if "logistics" in e["industries"]]
    expect(root.locator("[data-industry-note]")).to_contain_text(f"Logistics and transport first: the round opens with its {len(mine)} examples")
    box = root.locator("[data-example]")
    seen = []
    for _ in mine:
        ex = examples[box.get_attribute("data-example")]
        seen.append(ex["id"])
        root.get_by_role("button", name="Sequential" if ex["sequential"] else "Not sequential", exact=True).click()
        root.get_by_role("button", name="Next example").click()
    assert sorted(seen) == sorted(e["id"] for e in mine)
    after = box.get_attribute("data-example")
    assert "logistics" not in examples[after]["industries"], "the other industries follow"
    assert root.locator("[data-points]").inner_text() == str(len(mine))

    page.reload()
    root = mounted_widget(page, "spot-sequence")
    assert root.get_by_label("Your industry").input_value() == "logistics"
    assert root.locator("[data-example]").get_attribute("data-example") == after
    assert root.locator("[data-points]").inner_text() == str(len(mine))
    # No preference again: the round starts over in the plain order; the points stay.
    root.get_by_label("Your industry").select_option("")
    expect(root.locator("[data-industry-note]")).to_have_text("")
    assert root.locator("[data-progress]").inner_text().startswith("Example 1 of")


# ---------------------------------------------------------------- gallery favourites

def names_demo(page, base: str):
    """The gallery's names demo, mounted with its model loaded."""
    page.goto(base + GALLERY)
    root = page.locator('[data-widget="demo-gallery"][data-demo="names"]')
    root.scroll_into_view_if_needed()
    page.wait_for_function("(el) => el.dataset.state === 'ready' && el.dataset.model", arg=root.element_handle())
    return root


def generate_names(page, root, seed: int = 7) -> list[str]:
    root.locator('[data-role="rng-seed"]').fill(str(seed))
    root.locator('[data-action="generate"]').click()
    page.wait_for_function("(el) => el.dataset.status === 'done' && el.querySelector('li[data-name] button')",
                           arg=root.element_handle())
    return [li.get_attribute("data-name") for li in root.locator("li[data-name]").all()]


def favourites(root) -> list[str]:
    return [li.get_attribute("data-favourite") for li in root.locator('[data-role="favourites"] li').all()]


def test_gallery_names_are_kept_as_favourites_locally_and_survive_reloads(page, site_server):
    root = names_demo(page, site_server.url)
    assert favourites(root) == []
    expect(root.locator('[data-role="favourites-empty"]')).to_be_visible()
    names = generate_names(page, root)
    first, second = names[0], next(n for n in names if n != names[0])
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    keep = root.get_by_role("button", name=f"Keep {first}", exact=True)
    expect(keep).to_have_attribute("aria-pressed", "false")
    keep.click()
    expect(keep).to_have_attribute("aria-pressed", "true")
    root.get_by_role("button", name=f"Keep {second}", exact=True).press("Enter")  # the keyboard works too
    assert favourites(root) == [first, second]
    expect(root.locator('[data-role="favourites-status"]')).to_have_text(f"Kept {second}.")
    # The toggle lets a name go again.
    keep.click()
    expect(keep).to_have_attribute("aria-pressed", "false")
    assert favourites(root) == [second]
    keep.click()
    assert favourites(root) == [second, first]
    assert requests == [], f"keeping names made requests: {requests}"
    # An axe pass with the keep buttons and the list on screen (the rest of the page is the walk's).
    assert axe_violations(page, within='[data-widget="demo-gallery"]') == []

    root = names_demo(page, site_server.url)
    assert favourites(root) == [second, first]
    expect(root.locator('[data-role="favourites-empty"]')).to_be_hidden()
    root.get_by_role("button", name=f"Remove {second}", exact=True).click()
    assert favourites(root) == [first]
    expect(root.get_by_role("button", name=f"Remove {first}", exact=True)).to_be_focused()
    expect(root.locator('[data-role="favourites-status"]')).to_have_text(f"Removed {second} from your favourites.")
    # A name kept before the reload shows as kept when the model writes it again.
    generate_names(page, root)
    expect(root.get_by_role("button", name=f"Keep {first}", exact=True)).to_have_attribute("aria-pressed", "true")

    root = names_demo(page, site_server.url)
    assert favourites(root) == [first]
    root.get_by_role("button", name=f"Remove {first}", exact=True).click()
    assert favourites(root) == []
    expect(root.locator('[data-role="favourites-empty"]')).to_be_visible()


# Storage refuses the gallery's writes (only those: other widgets of the page save as usual)
# with the error `window.__storageError` names.
REFUSING_STORAGE = """
window.__storageError = 'QuotaExceededError';
const setItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  if (String(key).includes('demo-gallery')) throw new DOMException('refused', window.__storageError);
  return setItem.call(this, key, value);
};
"""


def test_gallery_favourites_say_when_storage_is_full_or_denied(page, site_server):
    page.add_init_script(REFUSING_STORAGE)
    root = names_demo(page, site_server.url)
    names = generate_names(page, root)
    status = root.locator('[data-role="favourites-status"]')
    root.get_by_role("button", name=f"Keep {names[0]}", exact=True).click()
    expect(status).to_contain_text("storage for this site is full, so this was not saved")
    assert status.get_attribute("role") == "status"
    # The list still works for this visit.
    assert favourites(root) == [names[0]]
    page.evaluate("window.__storageError = 'SecurityError'")
    other = next(n for n in names if n != names[0])
    root.get_by_role("button", name=f"Keep {other}", exact=True).click()
    expect(status).to_contain_text("does not allow this site to save")
    assert favourites(root) == [names[0], other]
    root = names_demo(page, site_server.url)
    assert favourites(root) == [], "nothing could be saved, so nothing comes back"


# ---------------------------------------------------------------- read aloud

# A speech synthesis that records what it is given: each utterance's text, language and voice.
# It ends utterances (in order, firing onend) only once `window.__autoEnd` is set.
FAKE_SPEECH = """
window.__spoken = [];
window.__cancels = 0;
window.__autoEnd = false;
window.SpeechSynthesisUtterance = class {
  constructor(text) { this.text = text; this.lang = ''; this.voice = null; this.onend = null; this.onerror = null; }
};
const queue = [];
const voice = { name: 'Recorder', lang: 'en-GB', default: true, localService: true, voiceURI: 'recorder' };
const fake = {
  speaking: false, pending: false, paused: false,
  getVoices: () => [voice],
  speak(u) {
    window.__spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name });
    queue.push(u);
    if (window.__autoEnd) setTimeout(() => { const next = queue.shift(); next && next.onend && next.onend({}); }, 10);
  },
  cancel() { window.__cancels += 1; queue.length = 0; },
  pause() {}, resume() {},
  addEventListener() {}, removeEventListener() {},
};
Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true, writable: true });
"""


def timelapse_of(root) -> dict:
    model_id = root.get_attribute("data-model")
    index = json.loads((ROOT / "docs/pretrained/index.json").read_text())["models"]
    entry = next(m for m in index if m["id"] == model_id)
    return json.loads((ROOT / "docs/pretrained" / entry["files"]["timelapse.json"]).read_text())


def test_read_aloud_speaks_the_chosen_sample_and_stops(page, site_server):
    page.add_init_script(FAKE_SPEECH)
    root = open_widget(page, site_server, "read-aloud", path=DYNAMICS)
    index = json.loads((ROOT / "docs/pretrained/index.json").read_text())["models"]
    with_timelapse = [m for m in index if (m.get("files") or {}).get("timelapse.json")]
    if any(m["corpus"] == "warandpeace" for m in with_timelapse):
        assert next(m for m in index if m["id"] == root.get_attribute("data-model"))["corpus"] == "warandpeace"
    points = timelapse_of(root)["points"]
    select = root.get_by_label("Sample", exact=True)
    assert select.locator("option").count() == len(points)
    assert select.input_value() == str(len(points) - 1), "it opens on the last sample"
    chosen = points[len(points) // 2]
    select.select_option(label=next(t for t in select.locator("option").all_inner_texts() if f"Iteration {chosen['iter']:,} " in t))
    assert root.locator('[data-role="text"]').text_content() == chosen["sample"]
    assert root.locator('[data-role="why"]').text_content() == ""
    speak = root.get_by_role("button", name="Read aloud")
    stop = root.get_by_role("button", name="Stop")
    expect(stop).to_be_disabled()
    speak.click()
    expect(root).to_have_attribute("data-speaking", "true")
    spoken = page.evaluate("window.__spoken")
    assert "".join(u["text"] for u in spoken) == chosen["sample"]
    assert all(u["voice"] == "Recorder" and u["lang"] == "en-GB" for u in spoken)
    assert len(spoken) >= 2, "a 400-character sample is read in pieces"
    expect(speak).to_be_disabled()
    expect(stop).to_be_focused()
    cancels = page.evaluate("window.__cancels")
    stop.click()
    expect(root).to_have_attribute("data-speaking", "false")
    assert page.evaluate("window.__cancels") == cancels + 1
    expect(root.locator('[data-role="said"]')).to_have_text("Stopped.")
    expect(speak).to_be_focused()
    # Read to the end: the status says so and the controls reset.
    page.evaluate("window.__spoken = []; window.__autoEnd = true")
    select.select_option(index=0)
    speak.click()
    expect(root.locator('[data-role="said"]')).to_have_text("Finished reading.")
    expect(root).to_have_attribute("data-speaking", "false")
    assert "".join(u["text"] for u in page.evaluate("window.__spoken")) == points[0]["sample"]
    expect(stop).to_be_disabled()
    expect(speak).to_be_enabled()


def test_read_aloud_is_off_with_a_reason_without_speech_synthesis(page, site_server):
    page.add_init_script("delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;")
    root = open_widget(page, site_server, "read-aloud", path=DYNAMICS)
    assert page.evaluate("'speechSynthesis' in window") is False
    expect(root.get_by_role("button", name="Read aloud")).to_be_disabled()
    why = root.locator('[data-role="why"]')
    expect(why).to_contain_text("no speech synthesis")
    assert why.get_attribute("id") in root.get_by_role("button", name="Read aloud").get_attribute("aria-describedby")
    # The sample is still there to read.
    assert root.locator('[data-role="text"]').text_content() == timelapse_of(root)["points"][-1]["sample"]


def test_read_aloud_is_off_with_a_reason_when_no_voice_is_installed(page, site_server):
    page.add_init_script(FAKE_SPEECH.replace("getVoices: () => [voice]", "getVoices: () => []"))
    root = open_widget(page, site_server, "read-aloud", path=DYNAMICS)
    expect(root.get_by_role("button", name="Read aloud")).to_be_disabled()
    expect(root.locator('[data-role="why"]')).to_contain_text("no voice to read with")


# ---------------------------------------------------------------- grid search export

# A clipboard that records what is written, or refuses once `window.__copyFails` is set.
FAKE_CLIPBOARD = """
window.__copied = [];
window.__copyFails = false;
Object.defineProperty(navigator, 'clipboard', { configurable: true, value: {
  writeText: (t) => window.__copyFails ? Promise.reject(new DOMException('denied', 'NotAllowedError'))
                                       : (window.__copied.push(t), Promise.resolve()),
} });
"""


def test_grid_search_exports_the_best_cell_as_a_preset_build_models_loads(page, site_server, tmp_path):
    page.add_init_script(FAKE_CLIPBOARD)
    root = open_widget(page, site_server, "grid-search", path=TIPS)
    best = min(GRID["runs"], key=lambda r: r["final_val_loss"])
    with page.expect_download() as info:
        root.get_by_role("button", name="Export best config").click()
    download = info.value
    assert download.suggested_filename == f"{GRID['corpus']}-grid-lr{best['learning_rate']:g}-h{best['n_hidden']}.py"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    assert all(isinstance(node, ast.Assign) and len(node.targets) == 1 for node in tree.body), "plain assignments only"
    values = {node.targets[0].id: ast.literal_eval(node.value) for node in tree.body}
    assert values == {
        "model_id": download.suggested_filename.removesuffix(".py"),
        "corpus": GRID["corpus"], "cell": GRID["cell"], "n_layer": GRID["n_layer"], "n_hidden": best["n_hidden"],
        "dropout": 0.0, "batch_size": GRID["batch_size"], "seq_len": GRID["seq_len"], "max_iters": GRID["iters"],
        "learning_rate": best["learning_rate"], "min_lr": best["learning_rate"], "warmup_iters": 0,
        "weight_decay": 0.0, "grad_clip": GRID["grad_clip"], "seed": GRID["seed"],
        "eval_interval": GRID["eval_every"], "eval_iters": GRID["eval_batches"],
    }
    # build_models reads it as a preset: no unknown key, every value of the right type.
    cfg = load_config(str(path))
    for key, value in values.items():
        assert getattr(cfg, key) == value and type(getattr(cfg, key)) is type(value), key
    assert (GRID["best"]["learning_rate"], GRID["best"]["n_hidden"]) == (cfg.learning_rate, cfg.n_hidden)
    expect(root.locator('[data-role="export-status"]')).to_contain_text(f"Downloaded {download.suggested_filename}")
    assert root.locator('[data-role="preset"]').text_content() == text

    root.get_by_role("button", name="Copy best config").click()
    expect(root.locator('[data-role="export-status"]')).to_have_text(f"Copied {download.suggested_filename} to the clipboard.")
    assert page.evaluate("window.__copied") == [text]
    page.evaluate("window.__copyFails = true")
    root.get_by_role("button", name="Copy best config").click()
    expect(root.locator('[data-role="export-status"]')).to_contain_text("did not allow copying")
    expect(root.locator('[data-role="preset"]')).to_be_visible()


