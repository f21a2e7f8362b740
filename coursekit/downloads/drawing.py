"""The LSTM cell diagram as one geometry, which the SVG and the PNG back-ends both draw.

Coordinates are in a 1000 x 600 box (y down). Labels are ASCII (f_t, c~_t, sigmoid): Pillow's
default font has no sigma or circled dot, and both renderings must say the same thing. The
names follow the cheat sheet (docs/appendices/d-cheat-sheets.md, Sheet 2).
"""
from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT = 1000, 600
HIDDEN = "#1d4ed8"  # the cheat sheet's colours: h blue, x red
INPUT = "#b91c1c"
CELL = "#374151"
GATE = "#fef3c7"
INK = "#111827"


@dataclass(frozen=True)
class Box:
    """A gate: a layer with its own weights, named and with its activation."""
    cx: float
    cy: float
    title: str
    formula: str
    w: float = 130
    h: float = 64


@dataclass(frozen=True)
class Op:
    """An element-wise operation on the data path: x (multiply), + (add) or tanh."""
    cx: float
    cy: float
    symbol: str
    r: float = 20


@dataclass(frozen=True)
class Arrow:
    """A path through `points`; `head` puts an arrowhead at its end."""
    points: tuple[tuple[float, float], ...]
    colour: str = CELL
    width: float = 3
    head: bool = True


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    colour: str = INK
    size: float = 22
    anchor: str = "middle"  # or "start", "end" (SVG's text-anchor)


GATES = (
    Box(300, 340, "forget gate", "f_t  sigmoid"),
    Box(450, 340, "input gate", "i_t  sigmoid"),
    Box(600, 340, "candidate", "c~_t  tanh"),
    Box(750, 340, "output gate", "o_t  sigmoid"),
)
OPS = (
    Op(300, 110, "x"),   # f_t * c_{t-1}: what the cell forgets
    Op(600, 220, "x"),   # i_t * c~_t: what it writes
    Op(600, 110, "+"),
    Op(880, 200, "tanh", r=30),
    Op(880, 340, "x"),   # o_t * tanh(c_t): what it shows
)
ARROWS = (
    Arrow(((110, 110), (280, 110))),
    Arrow(((320, 110), (580, 110))),
    Arrow(((620, 110), (930, 110))),  # the highway goes on to c_t
    Arrow(((880, 110), (880, 170))),
    Arrow(((880, 230), (880, 320))),
    Arrow(((815, 340), (860, 340))),
    Arrow(((880, 360), (880, 500), (930, 500)), colour=HIDDEN),
    Arrow(((300, 308), (300, 130))),
    Arrow(((450, 308), (450, 220), (580, 220))),
    Arrow(((600, 308), (600, 240))),
    Arrow(((600, 200), (600, 130))),
    # h_{t-1} and x_t meet on one bus that feeds every gate: the stacked [h_{t-1}, x_t]
    Arrow(((110, 500), (750, 500)), colour=HIDDEN, head=False),
    Arrow(((180, 570), (180, 500)), colour=INPUT, head=False),
    *(Arrow(((g.cx, 500), (g.cx, g.cy + g.h / 2)), colour=HIDDEN) for g in GATES),
)
LABELS = (
    Label(100, 116, "c_{t-1}", anchor="end"),
    Label(938, 116, "c_t", anchor="start"),
    Label(100, 506, "h_{t-1}", colour=HIDDEN, anchor="end"),
    Label(938, 506, "h_t", colour=HIDDEN, anchor="start"),
    Label(180, 594, "x_t", colour=INPUT),
    Label(450, 70, "cell state highway: c_t = f_t * c_{t-1} + i_t * c~_t", size=20),
    Label(180, 470, "[h_{t-1}, x_t]", colour=HIDDEN, size=20),
    Label(870, 545, "h_t = o_t * tanh(c_t)", colour=HIDDEN, size=18),
)
TITLE = "LSTM cell: the forget, input, candidate and output gates"
DESCRIPTION = (
    "The previous hidden state h_{t-1} and the input x_t are stacked and feed four gates. "
    "The forget gate f_t scales the old cell state c_{t-1}; the input gate i_t scales the "
    "candidate c~_t, which is added to it, giving the new cell state c_t along the cell state "
    "highway. The output gate o_t scales tanh(c_t) to give the new hidden state h_t. "
    "x is element-wise multiplication."
)
