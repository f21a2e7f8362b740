"""Every number a worked example shows is recomputed here with NumPy.

A worked example in the lessons is wrapped in

    <!-- example: <id> -->
    ...
    <!-- /example -->

and `EXAMPLES[<id>]` returns the numbers that block shows, in the order they
appear. tests/worked_examples.py reads the numbers out of the Markdown and
checks them (its docstring has the rules: a number the page shows that is not
computed here, or a computed number the page leaves out, fails the test).
This file computes Module 2's examples and checks that every example block of
the site is computed by some test file.

The Python code blocks of Module 2 are run too: the code in the docs is the
code that is tested.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

# BLOCK, blocks, formatted and shown_numbers are imported from here by tests on other branches.
from conftest import CORPORA, missing_shared
from test_onnx_parity import softmax
from worked_examples import BLOCK, DOCS, ROOT, assert_example_numbers, blocks, formatted  # noqa: F401
from worked_examples import assert_blocks_computed, assert_computations_shown, python_blocks, registers_in
from worked_examples import shown_numbers, time_numbers

MODULE2 = DOCS / "modules" / "02-rnn-architecture"

# --------------------------------------------------------------------------
# The tiny model of Module 2: two hidden units, vocabulary "h", "i", "!".
# --------------------------------------------------------------------------
VOCAB = ["h", "i", "!"]
Wxh = np.array([[-0.3, 0.5, -0.3],
                [0.8, -0.2, -0.9]])      # (H=2, V=3): one column per character
Whh = np.array([[-0.5, 0.6],
                [-0.9, -0.4]])           # (H, H)
bh = np.array([-0.1, -0.3])              # (H,)
Why = np.array([[-0.4, -0.9],
                [-0.4, 1.9],
                [1.8, -1.6]])            # (V, H): one row per character
by = np.array([-0.2, 0.2, 0.2])          # (V,)


def one_hot(ch: str) -> np.ndarray:
    v = np.zeros(len(VOCAB))
    v[VOCAB.index(ch)] = 1.0
    return v


def rnn_step(x, h_prev):
    """The hidden-state update of the tiny model, with its intermediates."""
    wh = Whh @ h_prev
    wx = Wxh @ x
    pre = wh + wx + bh
    return wh, wx, pre, np.tanh(pre)


def flat(*arrays) -> list[float]:
    return [float(v) for a in arrays for v in np.ravel(a)]


def trace(text: str):
    """Run the tiny model over `text` from h_0 = 0: a list of (h_t, y_t, p_t)."""
    h = np.zeros(2)
    out = []
    for ch in text:
        h = rnn_step(one_hot(ch), h)[3]
        y = Why @ h + by
        out.append((h, y, softmax(y)))
    return out


# --------------------------------------------------------------------------
# The examples, each returning the numbers its block shows, in page order.
# --------------------------------------------------------------------------
EXAMPLES = {}
example = registers_in(EXAMPLES)


@example
def tiny_model():
    one_hots = [one_hot(c) for c in VOCAB]
    return flat(*one_hots, Wxh, Whh, bh, Why, by)


@example
def hidden_update():
    h0 = np.zeros(2)
    wh1, wx1, pre1, h1 = rnn_step(one_hot("h"), h0)
    wh2, wx2, pre2, h2 = rnn_step(one_hot("i"), h1)
    nums = []
    # Step 1: h_0 = [0, 0], so W_hh h_0 vanishes and W_xh x_1 is column "h".
    nums += flat(h0, wh1, wx1, bh, pre1, h1)
    # Step 2, row by row: W_hh h_1.
    for r in range(2):
        nums += [Whh[r, 0], h1[0], Whh[r, 1], h1[1], Whh[r, 0] * h1[0], Whh[r, 1] * h1[1], wh2[r]]
    # W_xh x_2 picks column "i"; then the sum with the bias, row by row; then tanh.
    nums += flat(wx2)
    for r in range(2):
        nums += [wh2[r], wx2[r], bh[r], pre2[r]]
    nums += flat(pre2, h2)
    return nums


@example
def tanh_squash():
    z = np.array([-3.0, -0.5, 0.0, 0.5, 3.0])
    return flat(np.column_stack([z, np.tanh(z)]))


@example
def output_scores():
    h2, y2, _ = trace("hi")[1]
    nums = flat(h2)
    for r in range(3):
        nums += [Why[r, 0], h2[0], Why[r, 1], h2[1], by[r],
                 Why[r, 0] * h2[0], Why[r, 1] * h2[1], by[r], y2[r]]
    return nums + flat(y2)


@example
def output_scenarios():
    tags = np.array([2.9, 0.0, 0.0])          # NOUN, VERB, ADJ
    direction = np.array([1.8, 1.1, 0.0])     # UP, DOWN, FLAT
    return flat(tags, softmax(tags), direction, softmax(direction))


@example
def softmax_tiny():
    _, y2, p2 = trace("hi")[1]
    e = np.exp(y2)
    nums = []
    for k in range(3):
        nums += [y2[k], e[k]]
    nums += [e.sum()]
    for k in range(3):
        nums += [e[k], e.sum()]
    return nums + flat(p2) + [p2[2]]


@example
def softmax_chars():
    y = np.array([2.0, 0.5, 1.0])
    e = np.exp(y)
    p = e / e.sum()
    nums = flat(y)
    for k in range(3):
        nums += [y[k], e[k]]
    nums += [*e, e.sum()]
    for k in range(3):
        nums += [e[k], e.sum(), p[k]]
    # p_a / p_b = e^(2.0 - 0.5): only the gap between scores matters.
    return nums + [p.sum(), y[0], y[1], p[0] / p[1]]


@example
def softmax_sentiment():
    y = np.array([3.0, -1.0, 0.5])
    return flat(y, softmax(y))


@example
def softmax_vocab():
    V = 10_000
    big = np.exp(5.0)
    p_big = big / (big + (V - 1))
    p_three = big / (big + 2)
    return [V, 5.0, 0.0, V, 1 / V, 5.0, big, big, V - 1, 0, np.exp(0.0), p_big, 100 * p_big,
            p_three, 100 * p_three]


@example
def softmax_shift():
    y = np.array([1000.0, 998.5, 999.0])
    shifted = y - y.max()
    limit = np.log(np.finfo(np.float64).max)
    return flat(y, limit, y.max(), shifted, softmax(shifted))


@example
def unroll_trace():
    nums = []
    for h, _, p in trace("hi!"):
        nums += flat(h, p)
    return nums


@example
def param_count():
    nums = []
    for H, V in ((2, 3), (512, 65)):       # the tiny model; a Tiny Shakespeare model
        nums += [H, V]
        nums += [H, V, H * V, H, H, H * H, H, V, H, V * H, V]
        nums += [H * V + H * H + H + V * H + V]
    return nums


def test_tiny_shakespeare_has_65_characters():
    # build_models reads the corpora from ../shared/corpora by default; so do we.
    corpus = CORPORA / "tinyshakespeare.txt"
    if not corpus.is_file():
        missing_shared("the Tiny Shakespeare corpus is not on this machine")
    assert len(set(corpus.read_text(encoding="utf-8"))) == 65


@example
def gradient_product():
    """A signal scaled by the same factor at each backward step."""
    nums = [4, 20]
    for factor in (0.5, 1.5):
        nums += [factor, factor ** 4, factor ** 20]
    return nums


@example
def softmax_lab_check():
    return flat([2.0, 0.5, 1.0], softmax([2.0, 0.5, 1.0]),
                [1000.0, 998.5, 999.0], softmax([1000.0, 998.5, 999.0]))


@example
def rnn_step_check():
    h1 = trace("h")[0][0]
    h1_shown = np.round(h1, 3)           # the page hands the rounded h_1 to rnn_step
    h2 = rnn_step(one_hot("i"), h1_shown)[3]
    return flat(one_hot("i"), h1_shown, h2)


# The paper version of Hand Calculate: 2x2 weights, a 2-D input.
P_Wxh = np.array([[-0.4, -0.5], [0.5, 0.2]])
P_x = np.array([-0.8, -0.5])
P_Whh = np.array([[0.8, 0.4], [-0.4, -0.4]])
P_h = np.array([0.2, 0.4])
P_b = np.array([-0.2, -0.2])


@example
def hand_calc_paper():
    return flat(P_Wxh, P_x, P_Whh, P_h, P_b)


@example
def hand_calc_solution():
    wx, wh = P_Wxh @ P_x, P_Whh @ P_h
    a = wx + wh + P_b
    nums = []
    for W, v, out in ((P_Wxh, P_x, wx), (P_Whh, P_h, wh)):
        for r in range(2):
            nums += [W[r, 0], v[0], W[r, 1], v[1], W[r, 0] * v[0], W[r, 1] * v[1], out[r]]
    for r in range(2):
        nums += [wx[r], wh[r], P_b[r], a[r]]
    for r in range(2):
        nums += [a[r], np.tanh(a[r])]
    return nums


def pulse(w: float, steps: int = 30) -> np.ndarray:
    """A one-unit RNN h_t = tanh(w h_{t-1} + x_t) fed one pulse x_1 = 1, then zeros."""
    h, hs = 0.0, []
    for t in range(steps):
        h = np.tanh(w * h + (1.0 if t == 0 else 0.0))
        hs.append(h)
    return np.array(hs)


@example
def what_if_pulse():
    nums = []
    for w in (0.0, 0.5, 1.0, 3.0):
        hs = pulse(w)
        nums += [w] + [hs[t - 1] for t in (1, 2, 3, 5, 10, 30)]
    return nums


@example
def module_time():
    return time_numbers([5, 10, 25, 15, 40, 10])


# --------------------------------------------------------------------------
# The tests
# --------------------------------------------------------------------------
def examples_elsewhere() -> set[str]:
    """Example ids computed by other test files (each with its own `EXAMPLES` dict)."""
    import importlib

    ids: set[str] = set()
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        if path.name != Path(__file__).name and "\nEXAMPLES = " in path.read_text(encoding="utf-8"):
            ids |= set(importlib.import_module(path.stem).EXAMPLES)
    return ids


def test_every_example_block_has_a_computation():
    ids = [i for i, _, _ in blocks()]
    assert_blocks_computed(ids, set(EXAMPLES) | examples_elsewhere(), "in any test file")


def test_every_computation_is_shown_somewhere():
    assert_computations_shown(EXAMPLES, [i for i, _, _ in blocks()])


@pytest.mark.parametrize("example_id", sorted(EXAMPLES))
def test_worked_example_numbers(example_id):
    assert_example_numbers(example_id, EXAMPLES)


def test_the_tiny_model_predicts_hi_bang():
    """The story the pages tell: after "h" it expects "i", after "hi" it expects "!"."""
    predictions = [VOCAB[int(np.argmax(p))] for _, _, p in trace("hi!")]
    assert predictions == ["i", "!", "h"]


def test_formatting_helper():
    assert formatted(0.62853, "0.629") == "0.629"
    assert formatted(3325.2567, "3,325.3") == "3,325.3"
    assert formatted(-0.0001, "0.000") == "0.000"
    assert shown_numbers(r"$h_{t-1} = {\color{#1d4ed8} -0.380}$, 10,000 and (-0.4)(0.700)") == [
        "-0.380", "10,000", "-0.4", "0.700"]


MODULE2_CODE = python_blocks(sorted(MODULE2.glob("*.md")))


@pytest.mark.parametrize("page,line,code", MODULE2_CODE, ids=[f"{p}:{n}" for p, n, _ in MODULE2_CODE])
def test_python_code_blocks_run(page, line, code):
    namespace = {"__name__": "__docs__"}
    exec(compile(code, f"{page}:{line}", "exec"), namespace)
    if page == "equations.md":
        # The code on the equations page uses the tiny model of its worked examples.
        tiny = {"Wxh": Wxh, "Whh": Whh, "bh": bh, "Why": Why, "by": by}
        for name, value in tiny.items():
            if name in namespace:
                assert np.array_equal(namespace[name], value), f"{page}:{line}: {name} is not the tiny model's"
