"""What the two PDFs share: a reproducible one-page document and its text styles.

Text is set in Helvetica and Symbol, two of the 14 fonts every PDF reader has, so nothing is
embedded. DejaVu would give subscripts and the circled dot directly, but on Debian it arrives
with chromium only as the first choice of an either-or dependency (fontconfig-config:
fonts-dejavu-core | fonts-liberation | ...), so the build cannot count on it: subscripts are
set with <sub> and sigma with the Symbol font instead.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A3, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from typing import Callable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

PAGE = landscape(A3)
MARGIN = 14 * mm
AUTHOR = "The Unreasonable Effectiveness of RNNs (course)"
SIGMA = '<font face="Symbol">s</font>'
ACCENT = HexColor("#1d4ed8")

TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=26, leading=32, spaceAfter=4)
SUBTITLE = ParagraphStyle("subtitle", fontName="Helvetica", fontSize=12, leading=15, spaceAfter=10,
                          textColor=HexColor("#374151"))
HEADING = ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=16, leading=20, spaceBefore=8,
                         spaceAfter=6, textColor=ACCENT)
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=11.5, leading=15, spaceAfter=5)
EQUATION = ParagraphStyle("equation", parent=BODY, fontSize=14, leading=19, leftIndent=10, spaceAfter=6)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=10, leading=12.5, spaceAfter=0)


def write(path: Path, title: str, story: list[Flowable],
          on_page: Callable[[Canvas, SimpleDocTemplate], None] | None = None) -> None:
    """`story` laid out on landscape A3, `on_page` drawing on the canvas first. invariant=1 drops
    the creation date and the random document id, so the same input gives the same bytes."""
    doc = SimpleDocTemplate(str(path), pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN, title=title, author=AUTHOR,
                            invariant=1)
    doc.build(story, onFirstPage=on_page or (lambda canvas, doc: None))
