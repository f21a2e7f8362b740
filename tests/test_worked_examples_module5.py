"""Module 5 and the cheat sheets: every number of a worked example is recomputed.

Same contract as tests/test_worked_examples.py (checked by the helpers of
tests/worked_examples.py): a block `<!-- example: id -->…<!-- /example -->` shows exactly the
numbers `EXAMPLES[id]()` returns, in order, at the precision the page prints.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from worked_examples import assert_example_numbers, registers_in, time_numbers

ROOT = Path(__file__).resolve().parent.parent
PRETRAINED = ROOT / "pretrained"

EXAMPLES = {}
example = registers_in(EXAMPLES)


@example
def module5_time():
    return time_numbers([5, 20, 10, 15, 10, 10])


@example
def m5_position_cell():
    """The strongest position-in-line cell of the Shakespeare model, read from neurons.json."""
    nj = json.loads((PRETRAINED / "tinyshakespeare" / "neurons.json").read_text())
    r = nj["top"]["position_in_line"][0]["score"]
    return [r, r * r]


def lstm_params(vocab: int, emb: int, hidden: int, layers: int) -> tuple[int, int, int, int]:
    """Embedding table, one LSTM layer (PyTorch: two biases per gate), output layer, total."""
    table = vocab * emb
    first = 4 * hidden * (emb + hidden) + 8 * hidden
    rest = 4 * hidden * (hidden + hidden) + 8 * hidden
    head = hidden * vocab + vocab
    return table, first, head, table + first + (layers - 1) * rest + head


@example
def cheat_lstm_params():
    meta = json.loads((PRETRAINED / "tinyshakespeare" / "meta.json").read_text())
    a = meta["architecture"]
    table, layer, head, total = lstm_params(a["vocab_size"], a["embedding"], a["hidden"], a["layers"])
    assert total == a["parameters"], "the formula must give the parameter count the model card states"
    return [a["vocab_size"], a["embedding"], a["hidden"], a["layers"], table, layer, head, total]


@example
def cheat_temperature():
    y = np.array([2.0, 1.0, 0.0])
    out = list(y)
    for t in (0.5, 1.0, 2.0):
        z = np.exp(y / t)
        out += [t, *(z / z.sum())]
    return out


@pytest.mark.parametrize("example_id", sorted(EXAMPLES))
def test_module5_worked_example_numbers(example_id):
    assert_example_numbers(example_id, EXAMPLES)


def test_interview_vanishing_gradient_claim_holds():
    """Appendix E, Q2: 'at a factor of F per step, after N steps less than a millionth of it is left'."""
    text = (ROOT / "docs/appendices/e-interview.md").read_text()
    m = re.search(r"factor of ([\d.]+) per step,\s+after (\d+) steps less than a millionth", text)
    assert m, "the worked claim is no longer on the page"
    f, n = float(m.group(1)), int(m.group(2))
    assert f ** n < 1e-6, f"{f}^{n} = {f ** n:.2e} is not below a millionth"


def test_module5_quiz_r_squared_claim_holds():
    """The quiz explains r = X as 'a straight line ... explains Y% of the cell's variance'."""
    quiz = json.loads((ROOT / "docs/quizzes/module-5-check.json").read_text())
    text = " ".join(q["explanation"] for q in quiz["questions"])
    m = re.search(r"r = ([\d.]+) means a straight line through the feature explains (\d+)%", text)
    assert m, "the r-squared explanation is no longer in the quiz"
    assert round(100 * float(m.group(1)) ** 2) == int(m.group(2))
