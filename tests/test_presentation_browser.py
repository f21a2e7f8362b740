"""Module 10's Presentation Mode in Chromium: stores seeded in the exact shapes the site saves them
(lib/achievements.ts's log, lib/samples.ts's kept samples, the gallery's likes, the project chosen,
the studio's saved run in IndexedDB) build nine slides; Previous / Next and the arrow keys move
between them; print media shows every slide and hides the page and the controls; axe in both
palettes. With nothing stored, every slide says what is missing. No kept model: the live slides say
so and link to the studio."""
from __future__ import annotations

import json

from playwright.sync_api import expect

from capstone_stores import DAY, NOW, kept, log, run, seed_script
from sitepages import axe_violations_by_scheme, open_widget

PAGE = "/modules/10-capstone/share/"
WIDGET = "presentation"
IDS = ["title", "approach", "curves", "results", "samples", "neurons", "demo", "badges", "next"]




SEEDED = {
    "achievements:log": log([run(NOW - 2 * DAY, 2.0, "tinyshakespeare"), run(NOW - DAY, 1.6, "tinyshakespeare")]),
    "capstone:samples": [kept(NOW - 2 * DAY, "MEO:\nWhat light", "tinyshakespeare", seed="RO"),
                         kept(NOW - DAY, "<b>bold</b> & <img src=x onerror=alert(1)>", "tinyshakespeare", seed="RO")],
    "capstone:marks": {f"kept:{NOW - 2 * DAY}": {"liked": True, "note": ""}},
    "project-template:choice": {"difficulty": "beginner", "domain": "text"},
}
SEED = seed_script(SEEDED)
# The studio's saved run (widgets/training-studio/index.ts SavedRun, IndexedDB "rnn-course" / "studio-runs"):
# validation rising at the last two checks while training falls.
SAVED_RUN = """() => new Promise((resolve, reject) => {
  const req = indexedDB.open('rnn-course', 1);
  req.onupgradeneeded = () => { for (const s of ['studio-runs', 'studio-models']) req.result.createObjectStore(s); };
  req.onsuccess = () => {
    const records = Array.from({ length: 40 }, (_, i) => ({ step: (i + 1) * 10, loss: 3 - i * 0.05, grad_norm: 1, chars: (i + 1) * 2048 }));
    const run = { version: 1, savedAt: Date.now(), name: 'tinyshakespeare (our excerpt)', text: 'to be or not to be, '.repeat(50),
      settings: {}, trainedS: 60, records, val: [[100, 2.5], [200, 2.2], [300, 2.3], [400, 2.4]], bestStep: 200, samples: [],
      checkpoint: { data: '', extra: null, step: 400 }, parameters: 1000, ended: 'stopped' };
    const tx = req.result.transaction('studio-runs', 'readwrite');
    tx.objectStore('studio-runs').put(run, 'run:own-data');
    tx.oncomplete = () => { req.result.close(); resolve(true); };
    tx.onerror = () => reject(tx.error);
  };
  req.onerror = () => reject(req.error);
})"""


def build(root):
    root.locator("[data-action=build]").click()
    expect(root).to_have_attribute("data-built", "true")
    return root.locator("section[data-slide]")


def test_slides_from_the_stores_navigate_print_and_pass_axe(page, site_server):
    page.add_init_script(SEED)
    root = open_widget(page, site_server, WIDGET, path=PAGE)
    page.evaluate(SAVED_RUN)
    slides = build(root)
    expect(slides).to_have_count(9)
    assert [s.get_attribute("data-slide") for s in slides.all()] == IDS
    status = root.locator("[data-role=status]")
    expect(status).to_have_text("Slide 1 of 9")
    expect(slides.nth(0)).to_be_visible()
    expect(slides.nth(0)).to_contain_text("Beginner: Text")
    expect(slides.nth(1)).to_be_hidden()
    root.locator("[data-action=next]").click()
    expect(status).to_have_text("Slide 2 of 9")
    expect(slides.nth(1)).to_contain_text("I trained 2 models")
    root.locator("[data-action=prev]").click()
    expect(status).to_have_text("Slide 1 of 9")
    deck = root.locator("[data-role=deck]")
    deck.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(status).to_have_text("Slide 3 of 9")
    expect(slides.nth(2).locator("svg polyline")).to_have_count(2)
    expect(slides.nth(2)).to_contain_text("began to overfit")
    page.keyboard.press("ArrowLeft")
    expect(status).to_have_text("Slide 2 of 9")
    page.keyboard.press("End")
    expect(status).to_have_text("Slide 9 of 9")
    expect(slides.nth(8)).to_contain_text("Overfitting")
    # Results: the frequencies-only baseline and our reference runs; samples: the liked one first, stored text as text.
    expect(slides.nth(3)).to_contain_text("frequency alone")
    samples = slides.nth(4).locator("pre")
    expect(samples).to_have_count(2)
    expect(samples.first).to_have_text("ROMEO:\nWhat light")
    expect(samples.nth(1)).to_contain_text("<b>bold</b> & <img src=x")
    expect(slides.nth(4).locator("b, img")).to_have_count(0)
    # No kept model in this browser: both live slides say so and link to the studio.
    for n in (5, 6):
        expect(slides.nth(n)).to_contain_text("No model is kept")
        expect(slides.nth(n).locator('a[href$="/modules/05-experiments/own-data/"]')).to_have_count(1)

    found = axe_violations_by_scheme(page)
    assert not found, json.dumps(found, indent=1)[:4000]

    page.emulate_media(media="print")
    for n in range(9):
        expect(slides.nth(n)).to_be_visible()
    expect(root.locator("[data-role=controls]")).to_be_hidden()
    expect(root.locator("[data-action=build]")).to_be_hidden()
    expect(page.locator(".md-content__inner > h1")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator('[data-widget="capstone-share"]')).to_be_hidden()
    assert slides.nth(0).evaluate("(s) => getComputedStyle(s).breakAfter") == "page"


def test_with_nothing_stored_every_slide_says_what_is_missing(page, site_server):
    root = open_widget(page, site_server, WIDGET, path=PAGE)
    slides = build(root)
    expect(slides).to_have_count(9)
    expected = ["No capstone project is chosen", "No studio run has finished", "No saved studio run", "no perplexity to compare",
                "No sample is kept", "No model is kept", "No model is kept", "None of the", "Train a first model"]
    for n, sentence in enumerate(expected):
        expect(slides.nth(n)).to_contain_text(sentence)
