"""What a reader notices, checked in Chromium at a laptop's width (1280 px) and a phone's (390 px):

- the Temperature Playground's outputs are wide enough for a line of text, and its bars have a key;
- generated samples (training timelapse, cell intervention) wrap at spaces, never inside a word;
- chart text is at least 12 px as shown (SVG text scales with its drawing) and labels do not collide;
- a model has one name everywhere: picker options, status lines and load errors;
- the editor's key-cap hint sits on the text's baseline, and is not shown on a touch-only device.
"""
from __future__ import annotations

import json
import math
from urllib.parse import urlsplit

import pytest

from conftest import checked_page
from sitepages import hold_python, mounted_widget, open_widget, svg_texts, viewport, wait_ready

PLAYGROUND = "/modules/04-char-language-modeling/playground/"
TIMELAPSE = "/modules/04-char-language-modeling/timelapse/"
LIVE5 = "/modules/05-experiments/live/"
SIZES = "/modules/06-beyond-text/model-size/"
LAB = "/modules/04-char-language-modeling/labs/"
SNIPPET = "/appendices/a-readiness/numpy/"
WIDTHS = [1280, 390]
MIN_TEXT_PX = 11.5


@pytest.fixture
def sized_page(browser, site_server, page_log, request):
    """A function opening a checked page in a context of the given options: for what belongs to a
    context (touch, a phone's traits). A width alone sizes the test's `page` (`viewport`), which
    stays in the test process's shared context, its HTTP cache warm for a Python boot or a model."""
    opened = []

    def open_(**options):
        cm = checked_page(browser, site_server.url, page_log, request, **options)
        opened.append(cm)
        return cm.__enter__()

    yield open_
    for cm in reversed(opened):
        cm.__exit__(None, None, None)


def index_models(site_server) -> dict[str, dict]:
    models = json.loads((site_server.root / "pretrained/index.json").read_text(encoding="utf-8"))["models"]
    return {m["id"]: m for m in models}


def format_bytes(n: int) -> str:
    """model-kit/models.ts formatBytes."""
    if n < 1e3:
        return f"{n} B"
    if n < 1e6:
        return f"{math.floor(n / 1e3 + 0.5)} KB"
    return f"{n / 1e6:.{1 if n < 1e7 else 0}f} MB"


def label(m: dict) -> str:
    """A model's one name: its id, then its shape and download size."""
    return f"{m['id']} ({m['layers']}×{m['hidden']} {m['cell'].upper()}, {format_bytes(m['bytes'])})"


# ---------------------------------------------------------------- 1. the playground's columns and key

# How many characters of the output's own font fit on one line of it.
CHARS_PER_LINE = """(out) => {
  const probe = document.createElement('span');
  probe.style.whiteSpace = 'pre';
  probe.textContent = 'M'.repeat(100);
  out.append(probe);
  const perChar = probe.getBoundingClientRect().width / 100;
  probe.remove();
  const s = getComputedStyle(out);
  return (out.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)) / perChar;
}"""


@pytest.mark.parametrize("width,least", [(1280, 40), (390, 30)])
def test_each_playground_output_fits_a_line_of_text(page, site_server, width, least):
    page.set_viewport_size(viewport(width))
    root = open_widget(page, site_server, "temperature-playground", path=PLAYGROUND)
    outputs = root.locator('[data-column] [data-role="output"]')
    assert outputs.count() == 3
    fits = outputs.evaluate_all(f"(outs) => outs.map({CHARS_PER_LINE})")
    assert min(fits) >= least, fits
    assert root.evaluate("(el) => el.scrollWidth <= el.clientWidth + 1"), "the playground is wider than the page"


def test_the_playground_bars_have_a_key_naming_each_colour(page, site_server):
    page.set_viewport_size(viewport(1280))
    root = open_widget(page, site_server, "temperature-playground", path=PLAYGROUND)
    page.wait_for_function("(el) => el.querySelectorAll('.rnn-kit__bar-row').length > 0", arg=root.element_handle())
    key = root.locator('[data-role="key"]')
    assert key.is_visible()
    temps = root.locator('[data-column] [data-role="temperature"]').evaluate_all("(is) => is.map((i) => i.value)")
    items = key.locator("[data-series]")
    assert items.count() == 3
    colours = root.evaluate("""(el) => {
      const bg = (e) => getComputedStyle(e).backgroundColor;
      const row = el.querySelector('.rnn-kit__bar-row');
      return [0, 1, 2].map((i) => [bg(el.querySelector(`[data-role=key] [data-series="${i}"] .rnn-kit__swatch`)),
                                   bg(row.querySelector(`.rnn-kit__bar--${i}`))]);
    }""")
    for i, (swatch, bar) in enumerate(colours):
        assert swatch == bar, (i, swatch, bar)  # the key's swatch is the bar's colour
        text = items.nth(i).inner_text()
        assert f"output {i + 1}" in text and f"τ = {temps[i]}" in text, text
    assert len({s for s, _ in colours}) == 3, "three different colours"
    # The key follows the temperatures the reader types.
    root.locator('[data-column="2"] [data-role="temperature"]').fill("3")
    page.wait_for_function("(el) => el.querySelector('[data-role=key] [data-series=\"2\"]').textContent.includes('τ = 3')",
                           arg=root.element_handle())


# ---------------------------------------------------------------- 2. samples wrap at spaces

# Every place where layout starts a new line inside `el`'s text: the 20 characters before it,
# when the character before the break is neither white space nor a hyphen (a word split in two).
WORD_BREAKS = """(el) => {
  const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const bad = [];
  let text = '', prev = null, lines = 1;
  while (walk.nextNode()) {
    const node = walk.currentNode;
    let offset = 0;
    for (const ch of Array.from(node.data)) {
      range.setStart(node, offset);
      range.setEnd(node, offset + ch.length);
      offset += ch.length;
      text += ch;
      if (ch === '\\n') { prev = null; continue; }
      const r = range.getClientRects()[0];
      if (!r) continue;
      if (prev && r.top > prev.top + r.height / 2) {
        lines += 1;
        if (!/[\\s-]/.test(prev.ch)) bad.push(text.slice(-20));
      }
      prev = { ch, top: r.top };
    }
  }
  return { bad, lines };
}"""

WRAP_STYLE = "(el) => { const s = getComputedStyle(el); return [s.whiteSpace, s.wordBreak, s.overflowWrap]; }"


def assert_wraps_at_spaces(pane, what: str) -> int:
    assert pane.evaluate(WRAP_STYLE) == ["pre-wrap", "normal", "normal"], what
    found = pane.evaluate(WORD_BREAKS)
    assert not found["bad"], f"{what}: lines broken inside a word after {found['bad']}"
    return found["lines"]


def test_timelapse_samples_wrap_at_spaces(page, site_server):
    page.set_viewport_size(viewport(390))
    root = open_widget(page, site_server, "training-timelapse", path=TIMELAPSE)
    wait_ready(root, "el.dataset.model !== undefined")
    points = int(root.locator("[data-slider]").get_attribute("max")) + 1
    wrapped = 0
    for width in WIDTHS:
        page.set_viewport_size(viewport(width))
        slider = root.locator("[data-slider]")
        slider.focus()
        page.keyboard.press("Home")
        for i in range(points):
            if i:
                page.keyboard.press("ArrowRight")
            wrapped += assert_wraps_at_spaces(root.locator("[data-sample]"), f"{width} px, checkpoint {i}")
    assert wrapped > 2 * points, "the samples never wrapped: nothing was checked"
    assert root.locator("[data-live]").evaluate(WRAP_STYLE) == ["pre-wrap", "normal", "normal"]


def test_intervention_outputs_wrap_at_spaces(page, site_server):
    page.set_viewport_size(viewport(390))
    root = open_widget(page, site_server, "cell-intervention", path=LIVE5)
    prose = next(i for i, m in index_models(site_server).items() if m["corpus"] == "warandpeace" and m["cell"] == "lstm")
    root.locator('select[data-role="model"]').select_option(prose)
    wait_ready(root, f"el.dataset.prepared === '{prose}'")
    root.locator("[data-seed]").fill("The old prince")
    root.locator("[data-length]").fill("400")
    root.locator("[data-value]").fill("4")
    root.get_by_role("button", name="Generate both").click()
    wait_ready(root, "el.dataset.difference !== undefined")
    for width in WIDTHS:
        page.set_viewport_size(viewport(width))
        for key in ("original", "clamped"):
            lines = assert_wraps_at_spaces(root.locator(f'[data-out="{key}"]'), f"{width} px, {key}")
            assert lines > 3


# ---------------------------------------------------------------- 3. chart text size

def overlapping(texts: list[dict]) -> list[tuple[str, str]]:
    """Pairs of labels of one drawing whose boxes overlap by more than a pixel each way."""
    pairs = []
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            if a["svg"] != b["svg"]:
                continue
            (al, at, ar, ab), (bl, bt, br, bb) = a["box"], b["box"]
            if min(ar, br) - max(al, bl) > 1 and min(ab, bb) - max(at, bt) > 1:
                pairs.append((a["text"], b["text"]))
    return pairs


def assert_readable_chart_text(root, what: str, overlaps: bool = True) -> None:
    texts = svg_texts(root)
    assert texts, f"{what}: no chart text"
    small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < MIN_TEXT_PX]
    assert not small, f"{what}: text under {MIN_TEXT_PX} px: {small}"
    if overlaps:
        assert not overlapping(texts), f"{what}: labels overlap: {overlapping(texts)}"


@pytest.mark.parametrize("width", WIDTHS)
def test_timelapse_and_model_size_chart_text_is_12px_as_shown(page, site_server, width):
    page.set_viewport_size(viewport(width))
    root = open_widget(page, site_server, "training-timelapse", path=TIMELAPSE)
    wait_ready(root, "el.dataset.model !== undefined")
    for model_id in root.locator('select[data-role="model"] option').evaluate_all("(os) => os.map((o) => o.value)"):
        root.locator('select[data-role="model"]').select_option(model_id)
        wait_ready(root, f"el.dataset.model === '{model_id}'")
        assert_readable_chart_text(root.locator("[data-loss]"), f"timelapse {model_id} at {width} px")
    root = open_widget(page, site_server, "model-size", path=SIZES)
    assert root.locator("svg[data-chart]").count() == 2
    assert_readable_chart_text(root.locator(".rnn-ms__charts"), f"model size at {width} px")
    # Turning a phone (or opening a sidebar) redraws at the new width.
    page.set_viewport_size(viewport(390 if width == 1280 else 1280))
    page.wait_for_function("(el) => { const s = el.querySelector('svg[data-chart]'); return Math.abs(s.viewBox.baseVal.width - s.clientWidth) < 8; }",
                           arg=root.element_handle())
    assert_readable_chart_text(root.locator(".rnn-ms__charts"), "model size after a resize")


# The other charts of the course: each drawn at the width it is shown at (or, for the gates, shown
# at the size drawn and scrolled sideways where the sentence's labels need more room).
# Each with whether it needs the page's Python: the vanishing page's charts are Python's numbers;
# the what-if computes in JavaScript, so its page (read last) is loaded with Python held back, which
# its labs would otherwise boot for nothing.
OTHER_CHARTS = [
    ("/modules/03-vanishing-gradients-lstm/vanishing/", "gradient-flow", None, True),
    ("/modules/03-vanishing-gradients-lstm/vanishing/", "telephone", None, True),
    ("/modules/03-vanishing-gradients-lstm/why-lstms-work/", "cell-compare", None, False),
    ("/modules/03-vanishing-gradients-lstm/gates-live/", "gates-reveal", "Reveal", False),
    ("/modules/09-implementation/training-tips/", "grid-search", None, False),
    ("/modules/02-rnn-architecture/practice/", "what-if", None, False),
]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_other_charts_text_is_12px_as_shown(page, site_server, width):
    page.set_viewport_size(viewport(width))
    for path, widget, button, needs_python in OTHER_CHARTS:
        # Two charts of one page are read on one load of it (the page boots Python only once).
        same_page = urlsplit(page.url).path == path
        if not needs_python:
            hold_python(page)  # for this page and those after it: the list ends with them
        root = mounted_widget(page, widget) if same_page else open_widget(page, site_server, widget, path=path)
        if button:
            root.get_by_role("button", name=button).click()
        page.wait_for_function("(el) => el.dataset.state === 'ready' && el.querySelector('svg text')", arg=root.element_handle(),
                               timeout=90_000)
        assert_readable_chart_text(root, f"{widget} at {width} px")


# ---------------------------------------------------------------- 4. one name per model

def test_pickers_status_lines_and_errors_name_a_model_alike(page, site_server, page_log):
    models = index_models(site_server)
    root = open_widget(page, site_server, "temperature-playground", path=PLAYGROUND)
    wait_ready(root, "el.dataset.model")
    select = root.locator('select[data-role="model"]')
    options = select.locator("option").evaluate_all("(os) => os.map((o) => [o.value, o.textContent])")
    assert options and all(text == label(models[value]) for value, text in options), options
    status = root.locator('[data-role="load-status"]')
    assert status.inner_text() == f"{label(models[root.get_attribute('data-model')])} loaded."
    small = min(models.values(), key=lambda m: m["bytes"])
    select.select_option(small["id"])
    wait_ready(root, f"el.dataset.model === '{small['id']}'")
    assert status.inner_text() == f"{label(small)} loaded."
    # A download that fails names the model the same way.
    page_log.allow_error("404")
    other = next(m for m in models.values() if m["id"] not in (small["id"], root.get_attribute("data-model")))
    page.route(f"**/pretrained/{other['model']}", lambda r: r.fulfill(status=404, body="gone"))
    select.select_option(other["id"])
    page.wait_for_function("(el) => el.dataset.state === 'error'", arg=root.element_handle())
    error = root.locator(".rnn-widget__error").inner_text()
    assert error.startswith(f"{label(other)}: ") and "404" in error, error
    # The timelapse names a checkpoint it loads as the picker names its model, with the iteration.
    root = open_widget(page, site_server, "training-timelapse", path=TIMELAPSE)
    options = root.locator('select[data-role="model"] option').evaluate_all("(os) => os.map((o) => [o.value, o.textContent])")
    assert all(text == label(models[value]) for value, text in options), options
    m = min((models[v] for v, _ in options), key=lambda m: m["bytes"])
    root.locator('select[data-role="model"]').select_option(m["id"])
    wait_ready(root, f"el.dataset.model === '{m['id']}'")
    last = m["timelapse"][-1]
    assert last["onnx"], "the last checkpoint ships a model file"
    root.locator("[data-slider]").focus()
    page.keyboard.press("End")
    root.locator("[data-temperature]").select_option("0")
    root.get_by_role("button", name="Generate with this checkpoint").click()
    wait_ready(root, f"el.dataset.liveIter === '{last['iter']}'")
    shape = f"{m['layers']}×{m['hidden']} {m['cell'].upper()}"
    assert root.locator('[data-role="load-status"]').inner_text() == \
        f"{m['id']} at iteration {last['iter']} ({shape}, {format_bytes(last['bytes'])}) loaded."


# ---------------------------------------------------------------- 5. the editor's key hint

# For each <kbd> of the hint: its text's baseline minus the baseline of the line it sits on (px).
KBD_BASELINES = """(p) => [...p.querySelectorAll('kbd')].map((k) => {
  const mark = () => Object.assign(document.createElement('span'), { style: 'display:inline-block;width:0;height:0' });
  const keep = document.createElement('span');
  keep.style.whiteSpace = 'nowrap';  // the line's marker and the key on one line
  k.before(keep);
  const line = mark();
  keep.append(line, k);
  const inside = mark();
  k.prepend(inside);
  const d = inside.getBoundingClientRect().bottom - line.getBoundingClientRect().bottom;
  inside.remove();
  keep.before(k);
  keep.remove();
  return d;
})"""

HINTS = [(LAB, "lab", ".rnn-lab__keys"), (SNIPPET, "python-snippet", ".rnn-snippet__keys")]


@pytest.mark.parametrize("path,widget,hint", HINTS)
def test_the_key_hint_sits_on_the_baseline_on_a_desktop(page, site_server, path, widget, hint):
    hold_python(page)  # the editor's hint only: no Python needed
    page.set_viewport_size(viewport(1280))
    page.goto(site_server.url + path)
    root = page.locator(f'[data-widget="{widget}"]').first
    root.scroll_into_view_if_needed()
    keys = root.locator(hint)
    keys.wait_for(state="visible")
    offsets = keys.evaluate(KBD_BASELINES)
    # Within a pixel (the brief allows 2; Material's text-top put the caps 1-2 px off, which a reader sees).
    assert offsets and all(abs(d) <= 1 for d in offsets), offsets


@pytest.mark.parametrize("path,widget,hint", HINTS)
def test_the_key_hint_is_not_shown_on_a_touch_only_device(sized_page, site_server, path, widget, hint):
    page = sized_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    hold_python(page)
    page.goto(site_server.url + path)
    root = page.locator(f'[data-widget="{widget}"]').first
    root.scroll_into_view_if_needed()
    keys = root.locator(hint)
    keys.wait_for(state="attached")
    assert page.evaluate("matchMedia('(hover: none) and (pointer: coarse)').matches")
    assert not keys.is_visible()
    # The editor still names its keys to a screen reader (aria-describedby reads hidden text too).
    described = root.locator(".cm-content[aria-describedby]").get_attribute("aria-describedby")
    assert described == keys.get_attribute("id")
