"""Appendix F's downloads (coursekit/downloads): each file is built, opens, holds what the page
promises and what the repository says, and comes out byte for byte the same when rebuilt."""
from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import Image
from pypdf import PdfReader

from coursekit import glossary
from coursekit.downloads import build, drawing, flowchart, poster, table, templates

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "appendices" / "f-downloads.md"
CHEAT_SHEETS = ROOT / "docs" / "appendices" / "d-cheat-sheets.md"
BUILT_SITE = ROOT / "site" / "appendices" / "f-downloads"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("downloads")
    build(folder)
    return folder


def pdf_text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(path).pages))


def test_poster_is_one_page_with_the_equations(out):
    reader = PdfReader(out / poster.NAME)
    assert len(reader.pages) == 1
    text = pdf_text(out / poster.NAME)
    for phrase in ("tanh", "forget gate", "output gate", "perplexity = exp(L)", "Gradient clipping", "temperature"):
        assert phrase in text


def test_poster_uses_the_cheat_sheet_notation():
    sheet = CHEAT_SHEETS.read_text(encoding="utf-8")
    assert [latex for latex in poster.SYMBOLS.values() if latex not in sheet] == []


def test_flowchart_is_one_page_with_the_advice(out):
    assert len(PdfReader(out / flowchart.NAME).pages) == 1
    text = pdf_text(out / flowchart.NAME)
    for phrase in ("clip the gradient norm", "lower the learning rate", "more dropout", "stop early", "keep going"):
        assert phrase in text.lower()


def test_flowchart_states_the_cheat_sheet_starting_values(out):
    sheet = CHEAT_SHEETS.read_text(encoding="utf-8")
    start = dict(re.findall(r"^\| (Learning rate|Batch size|Dropout|Gradient clipping|Hidden size) \| ([^|]+?) \|", sheet, re.M))
    assert len(start) == 5
    text = pdf_text(out / flowchart.NAME)
    for setting, value in start.items():
        assert f"{setting}: {value}" in text


def test_flowchart_advice_is_what_the_pages_say():
    pages = " ".join((ROOT / "docs" / p).read_text(encoding="utf-8").replace("`", "")
                     for p in ("modules/09-implementation/training-tips.md", "appendices/d-cheat-sheets.md"))
    chain, otherwise = flowchart.steps()
    assert [s.advice for s in chain + [otherwise] if s.advice not in pages] == []


def test_png_opens_at_its_stated_size(out):
    with Image.open(out / "lstm-gate-diagram.png") as img:
        assert img.format == "PNG"
        assert img.size == (drawing.WIDTH * 2, drawing.HEIGHT * 2)
        assert img.size[0] >= 1600


def test_svg_parses_and_names_every_gate(out):
    svg = ElementTree.parse(out / "lstm-gate-diagram.svg").getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.find(f"{ns}title").text and svg.get("role") == "img"
    texts = {t.text for t in svg.iter(f"{ns}text")}
    for label in ("forget gate", "input gate", "candidate", "output gate", "h_{t-1}", "x_t", "c_{t-1}", "c_t", "h_t"):
        assert label in texts


def test_zip_holds_each_track_with_the_repository_files(out):
    with zipfile.ZipFile(out / templates.NAME) as z:
        names = set(z.namelist())
        expected = {
            **{f"track-a-numpy/lab-{n}-{lab}/{f}": ROOT / "docs" / "labs" / lab / f
               for n, lab in enumerate(["rnn_forward", "compute_loss", "rnn_backward", "train_char_rnn"], 1)
               for f in ("starter.py", "solution.py")},
            "track-b-pytorch/model.py": ROOT / "build_models" / "model.py",
            "track-b-pytorch/train.py": ROOT / "build_models" / "train.py",
        }
        for name, source in expected.items():
            assert z.read(name) == source.read_bytes(), name
        readmes = {f"{t}/README.md" for t in ("track-a-numpy", "track-b-pytorch", "track-c-huggingface")}
        assert readmes <= names
        assert "track-c-huggingface/finetune_gpt2.py" in names
        assert names == set(expected) | readmes | {"track-c-huggingface/finetune_gpt2.py"}


def test_track_c_script_is_the_pages_code_block(out):
    page = (ROOT / "docs" / "modules" / "09-implementation" / "tracks.md").read_text(encoding="utf-8")
    script = zipfile.ZipFile(out / templates.NAME).read("track-c-huggingface/finetune_gpt2.py").decode()
    assert script.startswith("from datasets import load_dataset") and f"```python\n{script}```" in page


def test_zip_entries_are_sorted_and_dated_1980(out):
    infos = zipfile.ZipFile(out / templates.NAME).infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_deck_has_one_card_per_term_and_question(out, tmp_path):
    terms = len(glossary.entries(glossary.parse(glossary.ABBREVIATIONS.read_text(encoding="utf-8"))))
    questions = sum(len(json.loads(p.read_text(encoding="utf-8"))["questions"])
                    for p in (ROOT / "docs" / "quizzes").glob("*.json"))
    with zipfile.ZipFile(out / "rnn-flashcards.apkg") as z:
        db = z.extract("collection.anki2", tmp_path)
    with sqlite3.connect(db) as con:
        cards = con.execute("select count(*) from cards").fetchone()[0]
        guids = con.execute("select count(distinct guid) from notes").fetchone()[0]
    assert cards == guids == terms + questions


def test_rebuilding_gives_identical_zip_and_pdfs(out, tmp_path):
    build(tmp_path)
    for name in (templates.NAME, poster.NAME, flowchart.NAME, "lstm-gate-diagram.png", "lstm-gate-diagram.svg"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_every_file_is_under_2_mb(out):
    assert [f.name for f in out.iterdir() if f.stat().st_size > 2_000_000] == []


def page_links() -> set[str]:
    text = PAGE.read_text(encoding="utf-8") + table.TABLE.read_text(encoding="utf-8")
    return set(re.findall(r'(?:href|src)="([^"#:]+)"', text)) - {"d-cheat-sheets.md"}


def test_page_links_every_file_the_builder_writes(out):
    assert {f.name for f in out.iterdir()} <= page_links()


def test_every_page_link_to_a_download_exists(out):
    assert [link for link in page_links() if not (out / link).is_file()] == []


def test_generated_table_is_up_to_date():
    assert table.command_line("coursekit.downloads.table", table.__doc__, table.render_all, ROOT, ["--check"]) == 0


@pytest.mark.skipif(not BUILT_SITE.is_dir(), reason="the site is not built (make site)")
def test_built_site_holds_the_downloads_beside_the_page(out):
    html = (BUILT_SITE / "index.html").read_text(encoding="utf-8")
    for f in out.iterdir():
        assert (BUILT_SITE / f.name).is_file()
        assert f'href="{f.name}"' in html
    assert '<img src="lstm-gate-diagram.svg"' in html
