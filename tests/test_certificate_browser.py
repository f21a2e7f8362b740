"""Module 10's certificate in Chromium: with a passed lab, a challenge level and a studio run seeded in
the shapes their widgets save, a typed name gives a PNG (1600 px wide) and a one-page PDF with the
name and a verified skill; an empty and a 10,000-character name are refused with their reasons and
download nothing; storage denied is said and changes nothing else; axe in both palettes."""
from __future__ import annotations

import io
import json
import re

from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from capstone_stores import DAY, DENY_STORAGE, NOW, log, run, seed_script
from sitepages import axe_violations_by_scheme, open_widget

PAGE = "/modules/10-capstone/milestones/"
RUN = run(NOW - 2 * DAY, 1.9)
SEEDED = {
    # The shapes of tests/test_achievements_browser.py: lib/progress.ts recordLabPassed, studio-challenge
    # markDone, lib/achievements.ts recordStudioRun.
    "progress": {"visits": {}, "pages": {}, "labs": {"rnn_step": NOW - 3 * DAY}, "paths": {}},
    "studio-challenge:done": {"level2": {"value": 5.8, "step": 1000, "minutes": 3.2, "date": "2026-01-02T10:00:00.000Z"}},
    "achievements:log": log([RUN]),
}
SEED = seed_script(SEEDED)
NAME = "Zoë Ørsted 李"
SKILL = "Implemented one step of a vanilla RNN cell in NumPy"


def download(page, button, tmp_path, name: str) -> bytes:
    with page.expect_download() as d:
        button.click()
    path = tmp_path / name
    d.value.save_as(path)
    return path.read_bytes()


def test_a_named_certificate_downloads_as_png_and_pdf_and_bad_names_are_refused(page, site_server, tmp_path):
    page.add_init_script(SEED)
    downloads = []
    page.on("download", lambda d: downloads.append(d.suggested_filename))
    root = open_widget(page, site_server, "certificate", path=PAGE)
    name, note = root.locator("[data-role=name]"), root.locator("[data-role=name-note]")
    png_button, pdf_button = root.locator("[data-action=png]"), root.locator("[data-action=pdf]")

    # Empty: both buttons say a name is needed and download nothing (checked by the count below).
    name.fill("   ")
    pdf_button.click()
    expect(note).to_contain_text("needs a name")
    png_button.click()
    expect(note).to_contain_text("needs a name")
    expect(root.locator("[data-role=preview]")).to_be_hidden()

    # 10,000 characters: refused with the limit, nothing cut, the page not widened.
    name.fill("x" * 10_000)
    expect(note).to_contain_text("10,000 characters long")
    expect(note).to_contain_text("at most 60")
    expect(name).to_have_attribute("aria-invalid", "true")
    pdf_button.click()
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert len(page.evaluate("() => document.querySelector('[data-widget=certificate] [data-role=name]').value")) == 10_000

    name.fill(NAME)
    expect(note).to_be_empty()
    preview = root.locator("[data-role=preview]")
    expect(preview).to_be_visible()
    expect(preview).to_have_attribute("alt", re.compile(re.escape(NAME)))
    alt = preview.get_attribute("alt")
    assert SKILL in alt and "milestone Gold" in alt and "milestone Silver" in alt and "completion" not in alt.lower()
    code = root.get_attribute("data-code")
    assert code and len(code) == 12

    png = download(page, png_button, tmp_path, "c.png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert Image.open(io.BytesIO(png)).size == (1600, 1131)

    pdf = download(page, pdf_button, tmp_path, "c.pdf")
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Zoë Ørsted ?" in text  # Helvetica has no 李: "?" in the PDF (the PNG keeps it)
    assert SKILL in text and code in text
    assert "Certificate of achievement" in text and "completion" not in text.lower()
    # The empty and the too-long name downloaded nothing: the only files are the two just made.
    assert [n.rsplit(".", 1)[1] for n in downloads] == ["png", "pdf"]
    assert json.loads(page.evaluate("() => localStorage.getItem('rnn-course:certificate:name')")) == NAME


def test_storage_denied_is_said_the_certificate_is_still_made_and_axe_finds_nothing(page, site_server):
    page.add_init_script(DENY_STORAGE)
    root = open_widget(page, site_server, "certificate", path=PAGE)
    root.locator("[data-role=name]").fill("Ada Lovelace")
    expect(root.locator("[data-role=save-note]")).to_contain_text("does not allow this site to save")
    preview = root.locator("[data-role=preview]")
    expect(preview).to_be_visible()
    expect(preview).to_have_attribute("alt", re.compile("Nothing has been verified"))
    assert axe_violations_by_scheme(page) == {}
