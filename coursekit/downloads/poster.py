"""The RNN equations poster: one landscape A3 page, in the cheat sheets' notation.

The equations are written here (in reportlab's markup, see pdf.py for the fonts); the clipping
threshold and the temperature guide are read from the cheat sheet page, so the poster repeats
what the site says.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.platypus import Paragraph, Table, TableStyle

from coursekit.downloads import pdf
from coursekit.downloads.pages import CHEAT_SHEETS, plain, row, table

NAME = "rnn-equations-poster.pdf"
TITLE = "RNN and LSTM equations"
# The cheat sheet's symbols (its LaTeX), which the poster's markup must spell the same way:
# tests/test_downloads.py checks that the page still uses each one.
SYMBOLS = {"h<sub>t</sub>": "h_t", "W<sub>hh</sub>": "W_{hh}", "W<sub>xh</sub>": "W_{xh}",
           "W<sub>hy</sub>": "W_{hy}", "b<sub>h</sub>": "b_h", "b<sub>y</sub>": "b_y",
           "f<sub>t</sub>": "f_t", "i<sub>t</sub>": "i_t", "o<sub>t</sub>": "o_t", "c~<sub>t</sub>": r"\tilde c_t"}
HX = "[h<sub>t-1</sub>, x<sub>t</sub>]"
S = pdf.SIGMA


def _eq(markup: str) -> Paragraph:
    return Paragraph(markup, pdf.EQUATION)


def _p(markup: str) -> Paragraph:
    return Paragraph(markup, pdf.BODY)


def _h(text: str) -> Paragraph:
    return Paragraph(text, pdf.HEADING)


def vanilla() -> list:
    return [
        _h("Vanilla RNN"),
        _p("Once per time step, the same weights at every step:"),
        _eq("h<sub>t</sub> = tanh(W<sub>hh</sub> h<sub>t-1</sub> + W<sub>xh</sub> x<sub>t</sub> + b<sub>h</sub>)"),
        _eq("y<sub>t</sub> = W<sub>hy</sub> h<sub>t</sub> + b<sub>y</sub>"),
        _p("x<sub>t</sub>: the input (a one-hot character, size V); h<sub>t</sub>: the hidden state, "
           "the memory (size H); y<sub>t</sub>: one score (logit) per vocabulary entry."),
        _h("LSTM"),
        _p(f"{HX}: the previous hidden state and the input stacked; {S}: the sigmoid; "
           "* : element-wise multiplication (the circled dot of the cheat sheet)."),
        _eq(f"f<sub>t</sub> = {S}(W<sub>f</sub> {HX} + b<sub>f</sub>)   <i>forget gate</i>"),
        _eq(f"i<sub>t</sub> = {S}(W<sub>i</sub> {HX} + b<sub>i</sub>)   <i>input gate</i>"),
        _eq(f"c~<sub>t</sub> = tanh(W<sub>c</sub> {HX} + b<sub>c</sub>)   <i>candidate</i>"),
        _eq("c<sub>t</sub> = f<sub>t</sub> * c<sub>t-1</sub> + i<sub>t</sub> * c~<sub>t</sub>   <i>cell state</i>"),
        _eq(f"o<sub>t</sub> = {S}(W<sub>o</sub> {HX} + b<sub>o</sub>)   <i>output gate</i>"),
        _eq("h<sub>t</sub> = o<sub>t</sub> * tanh(c<sub>t</sub>)   <i>hidden state</i>"),
        _p("The cell state changes by addition, scaled by the forget gate: where f<sub>t</sub> stays "
           "near 1, memory and gradient pass from step to step almost unchanged."),
    ]


def loss() -> list:
    return [
        _h("Softmax: scores to probabilities"),
        _eq("p<sub>t,i</sub> = exp(y<sub>t,i</sub>) / <font face=\"Symbol\">S</font><sub>j</sub> exp(y<sub>t,j</sub>)"),
        _h("Cross-entropy loss"),
        _p("c<sub>t</sub> is the character that really came next; the loss is averaged over the T steps:"),
        _eq("L = -(1/T) <font face=\"Symbol\">S</font><sub>t</sub> log p<sub>t,c<sub>t</sub></sub>"),
        _p("In nats per character. A model that knows nothing gives every character 1/V, so its "
           "first loss is ln V: check that before any long run."),
        _h("Perplexity"),
        _eq("perplexity = exp(L)"),
        _p("The number of characters the model is, on average, as unsure between as a fair die with "
           "that many faces: V for a blind guess, 1 for a perfect model."),
    ]


def training() -> list:
    clip = plain(row(table(CHEAT_SHEETS, "Setting"), "Setting", "Gradient clipping")["Start with"])
    guide = table(CHEAT_SHEETS, "Temperature")
    guide = [r for r in guide if "What the output is like" in r]  # the guide, not the worked example
    cells = [[Paragraph(f"<b>{h}</b>", pdf.SMALL) for h in ("Temperature", "Output", "Good for")]]
    cells += [[Paragraph(plain(r[k]), pdf.SMALL) for k in ("Temperature", "What the output is like", "Good for")]
              for r in guide]
    temps = Table(cells, colWidths=[70, 130, 150], hAlign="LEFT")
    temps.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, HexColor("#9ca3af")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [
        _h("BPTT: backpropagation through time"),
        _p("Unroll the loop over a window of steps and backpropagate through it. The gradient passes "
           "through W<sub>hh</sub> and the tanh slope once per step, so over long spans it tends to "
           "vanish or explode. Truncated BPTT carries the hidden state across windows but stops the "
           "gradient at each window's start."),
        _h("Gradient clipping"),
        _eq("if ||g|| &gt; <font face=\"Symbol\">t</font>:  g = g <font face=\"Symbol\">t</font> / ||g||"),
        _p(f"Scales all gradients together, keeping their direction. Start with {clip}; "
           "clip harder if the loss spikes."),
        _h("Sampling temperature"),
        _eq("p<sub>i</sub> = exp(y<sub>i</sub> / T) / <font face=\"Symbol\">S</font><sub>j</sub> exp(y<sub>j</sub> / T)"),
        _p("Low T sharpens the distribution toward the top choice (T to 0: greedy); high T flattens it."),
        temps,
    ]


def write(out: Path) -> list[Path]:
    columns = [vanilla(), loss(), training()]
    width = (pdf.PAGE[0] - 2 * pdf.MARGIN) / 3
    grid = Table([columns], colWidths=[width] * 3)
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8)]))
    story = [Paragraph(TITLE, pdf.TITLE),
             Paragraph("The Unreasonable Effectiveness of RNNs: a one-page summary of the course's notation "
                       "(Appendix D, sheets 1, 2 and 4).", pdf.SUBTITLE),
             grid]
    pdf.write(out / NAME, TITLE, story)
    return [out / NAME]
