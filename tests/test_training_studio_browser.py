"""The training studio in Chromium: a text read and summarised as Python reads it, a run trained in
the Pyodide worker with samples, validation checks, Pause, Resume and Stop, a checkpoint that a
reload brings back, early stopping on its own, and the texts and storage failures it must survive.

Runs are kept tiny (a small model, short windows, samples every few iterations) so each test
trains for seconds; the waits are on the widget's data attributes, never on the clock."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitepages import SETTLED_POLL_MS, axe_violations_by_scheme, hold_python, open_widget
from studio_python import studio_session

ROOT = Path(__file__).resolve().parent.parent
PAGE = "/modules/05-experiments/own-data/"
LONG_MS = 240_000


def open_studio(page, site_server):
    page.add_init_script("window.RNN_INTERRUPT_GRACE_MS = 30000;")
    return open_widget(page, site_server, "training-studio", path=PAGE)


def wait(page, root, condition: str, timeout: int = LONG_MS):
    page.wait_for_function(f"(el) => ({condition}) || el.dataset.state === 'error'", arg=root.element_handle(), timeout=timeout,
                           polling=SETTLED_POLL_MS)
    assert root.get_attribute("data-state") != "error", root.inner_text()


def set_tiny_run(root, *, sample_every: int = 5, minutes: float = 10, auto_stop: bool = False):
    """A run that trains in seconds: the small model, 16-character windows, 8 at a time."""
    root.locator('[data-setting="size"]').select_option("small")
    for key, value in (("seqLen", 16), ("batch", 8), ("sampleEvery", sample_every), ("minutes", minutes)):
        root.locator(f'[data-setting="{key}"]').fill(str(value))
    box = root.locator('[data-setting="autoStop"]')
    if box.is_checked() != auto_stop:
        box.click()


def paste(root, text: str):
    root.locator('input[value="paste"]').check()
    root.locator('[data-role="paste"]').fill(text)
    root.locator('[data-action="prepare"]').click()


def train_until_first_sample(page, root, cell: str = "lstm"):
    """Paste a short text, set a tiny run of `cell`, start it and wait for its first sample."""
    paste(root, "the cat sat on the mat and the dog sat on the log.\n" * 80)
    wait(page, root, "el.dataset.mode === 'prepared'")
    root.locator(f'[data-setting="cell"][value="{cell}"]').check()
    set_tiny_run(root)
    root.locator('[data-action="start"]').click()
    wait(page, root, "Number(el.dataset.samples) >= 1")


def test_a_shipped_text_is_summarised_as_python_reads_it(page, site_server):
    root = open_studio(page, site_server)
    root.locator('[data-role="corpus"]').select_option("names")
    root.locator('[data-action="prepare"]').click()
    wait(page, root, "el.dataset.mode === 'prepared'")
    facts = root.locator("[data-characters]")
    text = (ROOT / "docs/data/studio/names.txt").read_text(encoding="utf-8")
    want = studio_session().prepare(text, "test")
    assert int(facts.get_attribute("data-characters")) == want["characters"] == len(text)
    assert int(facts.get_attribute("data-vocab")) == len(want["vocabulary"]) == 27
    assert int(facts.get_attribute("data-train")) == want["train_chars"]
    assert int(facts.get_attribute("data-val")) == want["val_chars"]
    assert f"{want['unigram_nats']:.3f}" in root.locator('[data-role="summary"]').inner_text()


def test_a_run_trains_samples_pauses_resumes_and_stops(page, site_server):
    root = open_studio(page, site_server)
    root.locator('[data-role="corpus"]').select_option("names")
    root.locator('[data-action="prepare"]').click()
    wait(page, root, "el.dataset.mode === 'prepared'")
    set_tiny_run(root)
    root.locator('[data-action="start"]').click()
    wait(page, root, "Number(el.dataset.samples) >= 2")
    first = root.locator('[data-role="samples"] li').last
    assert "seed" in first.inner_text() and "temperature 0.8" in first.inner_text()
    assert int(root.locator('[data-figure="parameters"]').get_attribute("data-value")) > 0
    assert int(root.locator('[data-figure="speed"]').get_attribute("data-value")) > 0
    val = root.locator('[data-figure="val"]').get_attribute("data-value")
    assert val is not None and 0 < float(val) < 4
    root.locator('[data-action="pause"]').click()
    wait(page, root, "el.dataset.mode === 'paused'")
    paused_at = int(root.get_attribute("data-step"))
    assert int(root.get_attribute("data-saved-step")) == paused_at  # pausing saves a checkpoint
    root.locator('[data-action="resume"]').click()
    wait(page, root, f"Number(el.dataset.step) > {paused_at}")
    root.locator('[data-action="stop"]').click()
    wait(page, root, "el.dataset.mode === 'done'")
    assert root.get_attribute("data-ended") == "stopped"
    root.locator('[data-action="generate"]').click()
    wait(page, root, "Number(el.dataset.generated) > 0")
    # The trained studio (chart, figures, samples, tables) reads in both palettes.
    root.locator("details").evaluate_all("(ds) => ds.forEach((d) => { d.open = true; })")
    assert axe_violations_by_scheme(page) == {}


def test_a_reload_offers_the_saved_run_and_training_goes_on_from_it(page, site_server):
    root = open_studio(page, site_server)
    train_until_first_sample(page, root)
    root.locator('[data-action="pause"]').click()
    wait(page, root, "el.dataset.mode === 'paused'")
    saved = int(root.get_attribute("data-saved-step"))
    root = open_widget(page, site_server, "training-studio", reload=True)
    offer = root.locator('[data-role="saved-run"]')
    assert offer.is_visible() and f"iteration {saved:,}" in offer.inner_text()
    offer.get_by_role("button", name="Go on with it").click()
    wait(page, root, f"el.dataset.restored === '{saved}' && el.dataset.mode === 'paused'")
    assert root.locator('[data-role="samples"] li').count() >= 1  # the curves and samples came back
    root.locator('[data-action="resume"]').click()
    wait(page, root, f"Number(el.dataset.step) > {saved}")
    root.locator('[data-action="stop"]').click()
    wait(page, root, "el.dataset.mode === 'done'")


def test_early_stopping_ends_a_run_on_its_own_and_keeps_the_best_check(page, site_server):
    root = open_studio(page, site_server)
    # A text the small model learns perfectly within a few checks, after which nothing improves.
    paste(root, "abcd" * 600)
    wait(page, root, "el.dataset.mode === 'prepared'")
    set_tiny_run(root, sample_every=10, auto_stop=True)
    root.locator('[data-action="start"]').click()
    wait(page, root, "el.dataset.mode === 'done'")
    assert root.get_attribute("data-ended") == "auto"
    # The model kept is the one of the lowest validation loss in the table of checks.
    rows = root.locator('[data-role="table"] tbody tr').evaluate_all(
        "(rs) => rs.map((r) => [Number(r.dataset.step), Number(r.cells[2].dataset.value)])")
    best_step = min(rows, key=lambda r: r[1])[0]
    assert f"the one of iteration {best_step:,}" in root.locator('[data-role="status"]').inner_text()


@pytest.mark.parametrize("name, data, says", [
    ("huge.txt", b"a" * (2 * 1024 * 1024 + 1), "at most 2.0 MB"),
    ("empty.txt", b"", "is empty"),
    ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    ("latin1.txt", "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e\n".encode("latin-1") * 20, "not UTF-8"),
])
def test_a_file_it_cannot_train_on_is_refused_with_the_reason(page, site_server, name, data, says):
    hold_python(page)  # the page refuses these before Python reads anything
    root = open_studio(page, site_server)
    root.locator('input[value="upload"]').check()
    root.locator('[data-role="file"]').set_input_files(files=[{"name": name, "mimeType": "text/plain", "buffer": data}])
    root.locator('[data-action="prepare"]').click()
    problem = root.locator('[data-role="text-problem"]')
    problem.filter(has_text=says).wait_for()
    assert root.get_attribute("data-mode") == "idle"
    assert root.locator('[data-action="start"]').is_disabled()


def test_a_text_of_one_repeated_character_is_refused_by_python_with_the_reason(page, site_server):
    root = open_studio(page, site_server)
    paste(root, "a" * 5000)
    root.locator('[data-role="text-problem"]').filter(has_text="one distinct character").wait_for(timeout=LONG_MS)
    assert root.get_attribute("data-mode") == "idle"


def test_five_thousand_distinct_characters_are_capped_and_the_cap_is_said(page, site_server):
    root = open_studio(page, site_server)
    text = "".join(chr(0x4E00 + i) for i in range(5000)) * 2 + "the end\n" * 50
    paste(root, text)
    wait(page, root, "el.dataset.mode === 'prepared'")
    facts = root.locator("[data-characters]")
    assert int(facts.get_attribute("data-vocab")) == 200
    folded = root.locator('[data-role="folded"]')
    assert folded.is_visible() and "�" in folded.inner_text()


def test_storage_that_refuses_keeps_training_and_says_saving_is_off(page, site_server):
    page.add_init_script("Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('denied', 'SecurityError'); } });")
    root = open_studio(page, site_server)
    train_until_first_sample(page, root)
    root.locator('[data-action="pause"]').click()
    wait(page, root, "el.dataset.mode === 'paused'")
    assert root.get_attribute("data-save") == "off"
    assert "Saving is off" in root.locator('[data-role="save"]').inner_text()
    root.locator('[data-action="resume"]').click()
    step = int(root.get_attribute("data-step"))
    wait(page, root, f"Number(el.dataset.step) > {step}")  # training goes on without storage
    root.locator('[data-action="stop"]').click()
    wait(page, root, "el.dataset.mode === 'done'")


def trained_tiny_model(page, site_server, cell: str = "lstm"):
    """A tiny model trained on a pasted text until its first sample, then stopped; the studio."""
    root = open_studio(page, site_server)
    train_until_first_sample(page, root, cell)
    root.locator('[data-action="stop"]').click()
    wait(page, root, "el.dataset.mode === 'done'")
    return root


def downloaded_model(page, root, tmp_path) -> Path:
    with page.expect_download() as got:
        root.locator('[data-action="download"]').click()
    path = tmp_path / got.value.suggested_filename
    got.value.save_as(path)
    return path


def test_a_kept_model_writes_in_the_playground_as_the_trainer_does_in_python(page, site_server, tmp_path):
    root = trained_tiny_model(page, site_server)
    weights = studio_session().studio_trainer.load_weights(downloaded_model(page, root, tmp_path).read_bytes())
    # The Heatmap Explorer further down the page is open before the model is kept ...
    explorer = page.locator('[data-widget="heatmap-explorer"]')
    explorer.scroll_into_view_if_needed()
    explorer.locator('select[data-role="model"]').wait_for(timeout=LONG_MS)
    root.locator('[data-action="keep"]').click()
    wait(page, root, "!!el.dataset.kept")
    model_id = root.get_attribute("data-kept")
    assert model_id.startswith("yours-")
    # The run's sample is kept for Module 10's gallery and slides.
    root.get_by_role("button", name="Keep this sample").first.click()
    root.get_by_role("button", name="Kept: this sample is in your gallery").wait_for()
    # ... and lists it at once, without a reload.
    explorer.locator(f'select[data-role="model"] option[value="{model_id}"]').wait_for(state="attached")
    play = open_widget(page, site_server, "temperature-playground", path="/modules/04-char-language-modeling/playground/", model=True)
    play.locator('select[data-role="model"]').select_option(model_id)
    wait(page, play, f"el.dataset.model === '{model_id}' && el.dataset.state === 'ready'")
    play.locator('[data-role="seed"]').fill("the dog ")
    play.locator('[data-column="0"] [data-role="temperature"]').fill("0")
    play.locator('[data-role="length"]').fill("60")
    play.locator('[data-action="generate"]').click()
    page.wait_for_function("(el) => el.querySelector('[data-column=\"0\"]').dataset.status === 'done'", arg=play.element_handle())
    trainer = studio_session().studio_trainer
    greedy = trainer.generate(weights, weights["config"], weights["vocabulary"], "the dog ", 60, 0.0, 0)
    assert play.locator('[data-column="0"] [data-role="output"]').text_content() == greedy
    # An LSTM is offered in the Heatmap Explorer too.
    page.goto(site_server.url + "/modules/05-experiments/live/")
    heat = page.locator('[data-widget="heatmap-explorer"]')
    heat.scroll_into_view_if_needed()
    heat.locator(f'select[data-role="model"] option[value="{model_id}"]').wait_for(state="attached", timeout=LONG_MS)
    # Module 10's slides find the kept model: a cell of it drawn over the kept sample, and a live demo that writes.
    deck = open_widget(page, site_server, "presentation", path="/modules/10-capstone/share/")
    deck.locator('[data-action="build"]').click()
    wait(page, deck, "el.dataset.built === 'true' && !!el.dataset.neuronCell")
    layer, unit = (int(v) for v in deck.get_attribute("data-neuron-cell").split(":"))
    assert layer < weights["config"]["layers"] and unit < weights["config"]["hidden"]
    assert deck.locator('[data-role="neuron"] [data-t]').count() > 0
    slides = deck.locator("section[data-slide]").evaluate_all("(ss) => ss.map((s) => s.dataset.slide)")
    for _ in range(slides.index("demo")):
        deck.locator('[data-action="next"]').click()
    deck.locator('[data-role="seed"]').fill("the ")
    deck.locator('[data-action="generate"]').click()
    wait(page, deck, "el.dataset.demo === 'done'")
    assert len(deck.locator('[data-role="output"]').text_content()) > len("the ")


def test_a_downloaded_model_file_loads_back_and_generates(page, site_server, tmp_path):
    root = trained_tiny_model(page, site_server, cell="gru")
    path = downloaded_model(page, root, tmp_path)
    root = open_widget(page, site_server, "training-studio", reload=True)
    root.locator('[data-role="model-file"]').set_input_files(str(path))
    root.locator('[data-action="load-model"]').click()
    wait(page, root, f"el.dataset.loadedModel === '{path.name}'")
    assert "GRU" in root.locator('[data-role="use-status"]').inner_text()
    root.locator('[data-action="generate"]').click()
    wait(page, root, "Number(el.dataset.generated) > 0")
    # A file that is not a model is refused with a sentence.
    bad = tmp_path / "notes.npz"
    bad.write_bytes(b"not a model at all")
    root.locator('[data-role="model-file"]').set_input_files(str(bad))
    root.locator('[data-action="load-model"]').click()
    root.locator('[data-role="use-status"]').filter(has_text="not a model file of this page").wait_for()


# Every control of the studio a reader can operate now: visible and enabled. A group of radio
# buttons is one stop for Tab (the arrow keys move within it), so only its checked one counts.
CONTROLS = """(el) => [...el.querySelectorAll('button, input, select, textarea, summary, a[href]')]
  .filter((c) => !c.disabled && c.offsetParent !== null && !(c.type === 'radio' && !c.checked))"""


def tab_through(page, root) -> tuple[int, int]:
    """Tab from the studio's first control until focus leaves it; (controls reached, controls there are)."""
    total = root.evaluate(f"(el) => ({CONTROLS})(el).forEach((c, i) => c.dataset.kbd = String(i)) || ({CONTROLS})(el).length")
    root.locator('[data-kbd="0"]').focus()
    reached = {0}
    for _ in range(total * 2):
        page.keyboard.press("Tab")
        i = page.evaluate("() => document.activeElement?.closest('[data-widget=training-studio]') ? document.activeElement.dataset.kbd ?? '' : null")
        if i is None:
            break
        if i != "":
            reached.add(int(i))
    return len(reached), total


def test_a_keyboard_reader_reaches_every_control_and_trains_without_a_mouse(page, site_server):
    root = open_studio(page, site_server)
    reached, total = tab_through(page, root)
    assert reached == total
    # Operate it with keys alone: the radio groups with arrows, a text of ours, Read, a tiny run,
    # Start, Pause, Resume, Stop.
    root.locator('input[value="lstm"]').focus()
    page.keyboard.press("ArrowRight")
    assert root.locator('input[value="gru"]').is_checked()
    root.locator('input[value="ours"]').focus()
    page.keyboard.press("ArrowRight")
    assert root.locator('[data-pane="paste"]').is_visible()
    page.keyboard.press("ArrowLeft")
    root.locator('[data-role="corpus"]').focus()
    page.keyboard.press("End")  # the last text listed
    root.locator('[data-action="prepare"]').focus()
    page.keyboard.press("Enter")
    wait(page, root, "el.dataset.mode === 'prepared'")
    set_tiny_run(root)
    for action, until in (("start", "Number(el.dataset.samples) >= 1"), ("pause", "el.dataset.mode === 'paused'"),
                          ("resume", "el.dataset.mode === 'training'"), ("stop", "el.dataset.mode === 'done'")):
        root.locator(f'[data-action="{action}"]').focus()
        page.keyboard.press("Space")
        wait(page, root, until)
    # Once trained, the controls of step 4 are reachable too.
    reached, total = tab_through(page, root)
    assert reached == total


def test_stop_stops_python_itself_when_a_slice_does_not_end_and_training_starts_again(page, site_server):
    # A slice of ten minutes stands for Python that does not come back (a huge model, a hung step).
    page.add_init_script("window.RNN_STUDIO_SLICE_S = 600;")
    root = open_studio(page, site_server)
    paste(root, "the cat sat on the mat and the dog sat on the log.\n" * 80)
    wait(page, root, "el.dataset.mode === 'prepared'")
    set_tiny_run(root)
    root.locator('[data-action="start"]').click()
    wait(page, root, "el.dataset.slice === 'running'")
    root.locator('[data-action="stop"]').click()
    wait(page, root, "!!el.dataset.stopPath")
    assert root.get_attribute("data-stop-path") in ("interrupt", "restart", "cancelled")
    # The first slice never ended, so no checkpoint was saved: the next Start trains a new model.
    assert root.get_attribute("data-mode") == "prepared"
    assert root.locator('[data-role="status"]').inner_text() == "Stopped before its first checkpoint: Start trains a new model."
    # The next run trains normally.
    page.evaluate("window.RNN_STUDIO_SLICE_S = 1")
    root.locator('[data-action="start"]').click()
    wait(page, root, "Number(el.dataset.samples) >= 1")
    root.locator('[data-action="stop"]').click()
    wait(page, root, "el.dataset.mode === 'done'")
