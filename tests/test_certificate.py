"""Module 10's certificate (widgets/certificate): its unit tests in Node (tests/js/certificate.test.ts),
a PDF it writes read back with pypdf, its verification code recomputed with hashlib, the generated
lab list current, and the page's section."""
from __future__ import annotations

import base64
import hashlib
import io
import json
from pathlib import Path

import jsunit
from coursekit import certificate
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
JS_TESTS = jsunit.source("certificate")
JS_VALUES = jsunit.values_source("certificate")


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=12)


def test_certificate_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)


def _pdf(js_values, key: str, tmp_path: Path) -> PdfReader:
    path = tmp_path / f"{key}.pdf"
    path.write_bytes(base64.b64decode(js_values[key]))
    return PdfReader(str(path), strict=True)


def test_the_pdf_has_one_page_with_the_name_and_the_verified_skill(js_values, tmp_path):
    reader = _pdf(js_values, "pdf", tmp_path)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    text = reader.pages[0].extract_text()
    # WinAnsi keeps ë and Ø; the CJK character has no glyph in Helvetica and is written as "?".
    assert "Zoë Ørsted ?" in text
    assert "Implemented an LSTM step in NumPy" in text
    assert "not verified in this browser" in text
    assert js_values["code"] in text
    assert reader.metadata.title == "Certificate: Zoë Ørsted ?"


def test_a_certificate_with_nothing_verified_says_so_and_lists_nothing(js_values, tmp_path):
    text = _pdf(js_values, "emptyPdf", tmp_path).pages[0].extract_text()
    assert "Nothing has been verified" in text
    assert "Implemented" not in text and "completion" not in text.lower()


def test_the_verification_code_is_the_sha256_of_the_canonical_text(js_values):
    assert js_values["code"] == hashlib.sha256(js_values["canonical"].encode("utf-8")).hexdigest()[:12]
    doc = json.loads(js_values["canonical"])
    assert doc["name"] == "Zoë Ørsted 李" and doc["issued"] == "2026-12-05"


def test_the_lab_list_is_current():
    assert certificate.main(["--check"]) == 0, "run python -m coursekit.certificate"


def test_the_page_has_the_certificate_section_before_the_takeaways():
    page = (ROOT / "docs" / "modules" / "10-capstone" / "milestones.md").read_text(encoding="utf-8")
    section = page.index("## Your certificate")
    assert page.index("```widget\nname: achievements\n```") < section < page.index("## Takeaways")
    assert "```widget\nname: certificate\n```" in page[section:]
