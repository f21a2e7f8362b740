"""The hyperparameter-tuning flowchart: a chain of yes/no questions about the loss curves,
each "yes" leading to what the course says to do.

Every question's advice and starting value is read from the pages: the failure-mode table of
Module 9's training tips and Sheet 3 of the cheat sheets (both tables, parsed by pages.py). The
order of the questions, most urgent first, is this module's own.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Spacer

from coursekit.downloads import pdf
from coursekit.downloads.pages import CHEAT_SHEETS, TRAINING_TIPS, plain, row, table

NAME = "tuning-flowchart.pdf"
TITLE = "Debugging training: a hyperparameter flowchart"


@dataclass(frozen=True)
class Step:
    question: str
    diagnosis: str
    advice: str
    settings: tuple[str, ...]  # Sheet 3's settings whose starting values go with the advice


def starting_values() -> dict[str, str]:
    """Sheet 3's "Start with" column, by setting."""
    return {r["Setting"]: plain(r["Start with"]) for r in table(CHEAT_SHEETS, "Setting")}


def steps() -> tuple[list[Step], Step]:
    """The questions in the order to ask them, and what to do when every answer is no."""
    modes = table(TRAINING_TIPS, "Symptom")
    losses = table(CHEAT_SHEETS, "Training loss")
    settings = table(CHEAT_SHEETS, "Setting")

    def mode(symptom: str, *cited: str) -> Step:
        r = row(modes, "Symptom", symptom)
        return Step(_sentence(plain(r["Symptom"])) + "?", plain(r["Likely cause"]), plain(r["What to do"]), cited)

    under = row(losses, "Diagnosis", "underfitting")
    batch = row(settings, "Setting", "Batch size")
    learning = row(losses, "Diagnosis", "still learning")
    chain = [
        mode("nan", "Learning rate", "Gradient clipping"),
        mode("ln V", "Learning rate"),
        mode("bounces", "Learning rate"),
        mode("validation loss high and rising", "Dropout"),
        Step(f"Training loss {under['Training loss']} and validation loss {under['Validation loss']}, both on a plateau?",
             under["Diagnosis"], plain(under["Try"]), ("Hidden size", "Layers")),
        Step("Are the steps slow, or does memory run out?", "batch size",
             plain(batch["Change it when…"]), ("Batch size", "Sequence length (BPTT)")),
        mode("repeat"),
    ]
    return chain, Step("", learning["Diagnosis"], plain(learning["Try"]), ())


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _box(c: Canvas, x: float, y: float, w: float, h: float, markup: str, fill: str) -> None:
    c.setFillColor(HexColor(fill))
    c.setStrokeColor(HexColor("#374151"))
    c.roundRect(x, y, w, h, 6, stroke=1, fill=1)
    p = Paragraph(markup, pdf.BODY)
    _, ph = p.wrapOn(c, w - 16, h)
    if ph > h - 8:  # a longer diagnosis on the page would spill over the box below: fail the build instead
        raise ValueError(f"the flowchart's box is too small for its text ({ph:.0f} > {h - 8} pt): {markup[:60]}")
    p.drawOn(c, x + 8, y + (h - ph) / 2)


def _arrow(c: Canvas, x0: float, y0: float, x1: float, y1: float, label: str) -> None:
    c.setStrokeColor(HexColor("#374151"))
    c.setFillColor(HexColor("#374151"))
    c.setLineWidth(1.5)
    c.line(x0, y0, x1, y1)
    dx, dy = (x1 > x0) - (x1 < x0), (y1 > y0) - (y1 < y0)  # only horizontal and vertical arrows
    tip = [(x1, y1), (x1 - 8 * dx - 4 * dy, y1 - 8 * dy - 4 * dx), (x1 - 8 * dx + 4 * dy, y1 - 8 * dy + 4 * dx)]
    path = c.beginPath()
    path.moveTo(*tip[0])
    for pt in tip[1:]:
        path.lineTo(*pt)
    path.close()
    c.drawPath(path, stroke=0, fill=1)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(min(x0, x1) + 6 if dy == 0 else x0 + 6, (y0 + y1) / 2 + 4 if dy == 0 else (y0 + y1) / 2 - 3, label)


def _leaf(step: Step, start: dict[str, str]) -> str:
    values = "; ".join(f"{s}: {start[s]}" for s in step.settings)
    cited = f" <i>Start with</i> {values}." if values else ""
    return f"<b>{_sentence(step.diagnosis)}.</b> {_sentence(step.advice)}.{cited}"


def draw(c: Canvas, doc: object) -> None:
    chain, otherwise = steps()
    start = starting_values()
    width, height = pdf.PAGE
    left, top = pdf.MARGIN, height - pdf.MARGIN - 70
    qw, lw, h, gap = 330, width - 2 * pdf.MARGIN - 330 - 70, 62, 24
    for n, step in enumerate(chain):
        y = top - n * (h + gap) - h
        _box(c, left, y, qw, h, f"<b>{n + 1}.</b> {step.question}", "#fef3c7")
        _box(c, left + qw + 70, y, lw, h, _leaf(step, start), "#e0f2fe")
        _arrow(c, left + qw, y + h / 2, left + qw + 70, y + h / 2, "yes")
        _arrow(c, left + 40, y, left + 40, y - gap, "no")
    y = top - len(chain) * (h + gap) - h
    _box(c, left, y, qw + 70 + lw, h, f"<b>No to every question:</b> {_leaf(otherwise, start)} "
         "Before any long run, check that the first loss is close to ln V and that the model can overfit one small batch.",
         "#dcfce7")


def write(out: Path) -> list[Path]:
    story = [Paragraph(TITLE, pdf.TITLE),
             Paragraph("Ask the questions in order, watching the training and validation loss together; "
                       "change one thing at a time. From Module 9's training tips and the cheat sheets (Sheet 3).",
                       pdf.SUBTITLE),
             Spacer(1, 1)]
    pdf.write(out / NAME, TITLE, story, on_page=draw)
    return [out / NAME]
