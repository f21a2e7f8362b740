"""Every number a worked example of Modules 3 and 4 shows, recomputed.

Same contract as tests/test_worked_examples.py, checked by the helpers of
tests/worked_examples.py: a block `<!-- example: <id> -->…<!-- /example -->` shows the
numbers `EXAMPLES[<id>]()` returns, in order, at the precision the page
prints. Module 3's simulator numbers come from the very NumPy file the page
runs in Pyodide (widgets/gradient-flow/flow.py); Module 4's perplexity of
our own model comes from pretrained/tinyshakespeare/meta.json.
"""
from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import numpy as np
import pytest

from test_onnx_parity import softmax
from worked_examples import assert_blocks_computed, assert_computations_shown, assert_example_numbers, blocks
from worked_examples import python_blocks, registers_in, time_numbers

ROOT = Path(__file__).resolve().parent.parent
MODULE3 = ROOT / "docs" / "modules" / "03-vanishing-gradients-lstm"
MODULE4 = ROOT / "docs" / "modules" / "04-char-language-modeling"
FLOW_PY = ROOT / "widgets" / "gradient-flow" / "flow.py"
# Pages of these folders that other files test (labs, model widgets).
NOT_HERE = {"labs.md", "gates-live.md", "playground.md", "timelapse.md"}


def my_pages() -> list[Path]:
    return sorted(p for p in [*MODULE3.glob("*.md"), *MODULE4.glob("*.md")] if p.name not in NOT_HERE)


def load_flow():
    spec = importlib.util.spec_from_file_location("flow", FLOW_PY)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def flat(*arrays) -> list[float]:
    return [float(v) for a in arrays for v in np.ravel(a)]


def sci(v: float, digits: int = 1) -> list[float]:
    """`v` as the page writes it, m × 10^e: the three numbers m, 10 and e."""
    e = math.floor(math.log10(abs(v)))
    m = round(v / 10 ** e, digits)
    if abs(m) >= 10:
        m, e = m / 10, e + 1
    return [m, 10, e]


EXAMPLES = {}
example = registers_in(EXAMPLES)


# ---------------------------------------------------------------- Module 3

@example
def m3_module_time():
    return time_numbers([5, 20, 30, 15, 20, 25, 15, 10])


@example
def m3_gradient_products():
    nums = []
    for factor, steps in ((0.5, 20), (2.0, 20), (1.0, 20), (0.9, 50), (1.1, 50)):
        nums += [factor, steps, factor ** steps]
    return nums


@example
def m3_tanh_slope():
    w, h = 1.0, 0.6
    slope = 1 - h ** 2
    factor = w * slope
    # 1 - 0.6^2 = 0.64; 1.0 x 0.64 = 0.64; after 20 steps 0.64^20; after 50 steps 0.64^50.
    return [w, h, 1, h, 2, slope, w, slope, factor,
            20, factor, 20, factor ** 20, 50, factor, 50, *sci(factor ** 50)]


@example
def m3_simulator_defaults():
    flow = load_flow()
    rnn, lstm = flow.rnn_gradient_norms(1.0), flow.lstm_gradient_norms(3.0)
    nums = [flow.H, flow.D, 1.0, 3.0]
    for T in (10, 50, 100):
        nums += [T, *(sci(rnn[T - 1]) if rnn[T - 1] < 1e-3 else [rnn[T - 1]]), lstm[T - 1]]
    return nums


@example
def m3_telephone_default():
    flow = load_flow()
    t = flow.telephone("meet me at noon")
    return [1, 49, 50, *sci(t["rnn"][49]), t["lstm"][49]]


@example
def m3_review_vanishing():
    # "smaller than 1", "below 1", then 0.9 per step over 50 steps.
    return [1, 1, 0.9, 50, 0.9 ** 50]


@example
def m3_review_exploding():
    return [1, 1.1, 50, 1.1 ** 50]


@example
def m3_review_forget_bias():
    f = float(sigmoid(-3.0))
    # The question's 0.05 is the gate the answer derives from a bias of -3; 5% of the cell is kept per step.
    return [f, -3, -3, f, 100 * f, 1]


# One LSTM unit: [h_{t-1}, x_t] = [0.5, 1.0]; weight rows and biases per gate.
LSTM_IN = np.array([0.5, 1.0])
LSTM_GATES = {  # gate: (weights on [h_prev, x], bias)
    "f": (np.array([0.4, 0.6]), 1.0),
    "i": (np.array([0.2, 0.8]), -0.5),
    "g": (np.array([-0.6, 1.2]), 0.0),
    "o": (np.array([0.8, -0.4]), 0.2),
}
C_PREV = 0.8


def lstm_unit():
    pre = {k: float(w @ LSTM_IN + b) for k, (w, b) in LSTM_GATES.items()}
    act = {k: (math.tanh(v) if k == "g" else float(sigmoid(v))) for k, v in pre.items()}
    kept, written = act["f"] * C_PREV, act["i"] * act["g"]
    c = kept + written
    return pre, act, kept, written, c, math.tanh(c), act["o"] * math.tanh(c)


@example
def m3_lstm_step():
    pre, act, kept, written, c, tc, h = lstm_unit()
    nums = flat(LSTM_IN, C_PREV)
    for k in ("f", "i", "g", "o"):
        w, b = LSTM_GATES[k]
        nums += [w[0], LSTM_IN[0], w[1], LSTM_IN[1], b, pre[k], pre[k], act[k]]
    nums += [act["f"], C_PREV, act["i"], act["g"], kept, written, c]
    nums += [act["o"], c, act["o"], tc, h]
    return nums


@example
def m3_cell_unbounded():
    *_, c, _, _ = lstm_unit()
    assert abs(c) > 1  # the point the paragraph makes
    return [-1, 1, c]


@example
def m3_forget_path():
    rnn_factor = 0.64
    nums = [50, 50, 50]                  # "over 50 steps" in the title and the header
    for f in (0.5, 0.95, 0.99, 1.0):
        nums += [f, *(sci(f ** 50) if f ** 50 < 1e-3 else [f ** 50])]
    return nums + [rnn_factor, *sci(rnn_factor ** 50)]


@example
def m3_forget_bias():
    nums = [10, 50]                      # the column headers: kept after 10 and 50 steps
    for b in (-3.0, 0.0, 1.0, 3.0, 5.0):
        f = float(sigmoid(b))
        nums += [b, f]
        for n in (10, 50):
            nums += sci(f ** n) if f ** n < 1e-3 else [f ** n]
    return nums


# ---------------------------------------------------------------- Module 4

VOCAB = ["h", "e", "l", "o"]
# Scores the untrained network gives at each step of "hello": the first row
# is the one in Karpathy's diagram; the others are ours.
HELLO_LOGITS = np.array([[1.0, 2.2, -3.0, 4.1],
                         [0.5, 0.3, -1.0, 1.2],
                         [0.1, 0.5, 1.9, -1.1],
                         [0.2, -1.5, -0.1, 2.2]])
HELLO_IN, HELLO_TARGET = "hell", "ello"


@example
def m4_module_time():
    return time_numbers([5, 20, 20, 25, 20, 20, 10, 45, 10])


@example
def m4_hello_onehot():
    return flat(np.eye(4))


@example
def m4_hello_step1():
    y = HELLO_LOGITS[0]
    e = np.exp(y)
    p = e / e.sum()
    nums = flat(y)
    for k in range(4):
        nums += [y[k], e[k]]
    nums += [e.sum()]
    nums += flat(p)
    t = VOCAB.index("e")
    return nums + [p[t], p[t], -math.log(p[t])]


@example
def m4_hello_all_steps():
    nums, losses = [], []
    for s in range(4):
        p = softmax(HELLO_LOGITS[s])
        t = VOCAB.index(HELLO_TARGET[s])
        losses.append(-math.log(p[t]))
        nums += flat(HELLO_LOGITS[s], p) + [p[t], losses[-1]]
    total = sum(losses)
    return nums + [total, total / 4, math.exp(total / 4)]


@example
def m4_onehot_vocab():
    vocab = [chr(c) for c in range(ord("a"), ord("z") + 1)] + [" ", ".", "\n"]
    nums = [len(vocab)]
    for ch in "hel":
        k = vocab.index(ch)
        nums += [k + 1, k]
    return nums


@example
def m4_cross_entropy():
    return [0.8, -math.log(0.8), 0.01, -math.log(0.01), 4, 0.25, -math.log(0.25),
            65, 1 / 65, -math.log(1 / 65), 1.0, -math.log(1.0)]


@example
def m4_perplexity():
    return [1.5, 1.5, math.exp(1.5), math.exp(1.5), 4, 0.25, -math.log(0.25), math.exp(-math.log(0.25)),
            65, 65, math.log(65), 65]


@example
def m4_our_model():
    meta = json.loads((ROOT / "pretrained" / "tinyshakespeare" / "meta.json").read_text())
    nats = meta["validation"]["loss_nats"]
    return [nats, nats, math.exp(nats), nats, 2, nats / math.log(2), 65]


@example
def m4_review_loss():
    # "with 0.8 it would be -log 0.8 ≈ 0.22"
    return [0.01, 0.8, 0.01, -math.log(0.01), 0.8, 0.8, -math.log(0.8)]


@example
def m4_review_perplexity():
    return [1.5, 1.5, math.exp(1.5)]


@example
def m4_temperature_table():
    y = np.array([2.0, 1.0, 0.5])
    nums = flat(y)
    for tau in (0.5, 1.0, 2.0):
        nums += [tau, *(y / tau), *softmax(y, tau)]
    return nums


@example
def m4_temperature_extremes():
    y = np.array([2.0, 1.0, 0.5])
    nums = flat(y)
    for tau in (0.1, 10.0):
        nums += [tau]
        for p in softmax(y, tau):
            nums += sci(p) if p < 1e-3 else [p]
    return nums


# ---------------------------------------------------------------- the tests

def my_ids() -> list[str]:
    return [i for i, _, _ in blocks(my_pages())]


def test_every_example_block_of_modules_3_and_4_has_a_computation():
    assert_blocks_computed(my_ids(), set(EXAMPLES), "in this file")


def test_every_computation_is_shown_somewhere():
    assert_computations_shown(EXAMPLES, my_ids())


@pytest.mark.parametrize("example_id", sorted(EXAMPLES))
def test_worked_example_numbers(example_id):
    assert_example_numbers(example_id, EXAMPLES, my_pages())


def test_the_untrained_network_gets_hello_wrong_at_the_first_step():
    """The story the page tells: after "h" the untrained scores favour "o", not the target "e"."""
    assert VOCAB[int(np.argmax(HELLO_LOGITS[0]))] == "o"


def test_temperature_sharpens_below_one_and_flattens_above():
    y = [2.0, 1.0, 0.5]
    assert softmax(y, 0.5)[0] > softmax(y, 1.0)[0] > softmax(y, 2.0)[0] > 1 / 3
    assert np.allclose(softmax(y, 1e-3), [1, 0, 0]) and np.allclose(softmax(y, 1e3), 1 / 3, atol=1e-3)


def test_the_simulator_defaults_tell_the_module_story():
    """At the default knobs the RNN's gradient vanishes by T = 100 and the LSTM's does not."""
    flow = load_flow()
    assert flow.rnn_gradient_norms(1.0)[99] < 1e-6 < 0.1 < flow.lstm_gradient_norms(3.0)[99]


def test_lstm_step_jacobian_matches_finite_differences():
    """flow.py's hand-written LSTM Jacobian agrees with a numerical derivative."""
    flow = load_flow()
    xs, _, lstm, u = flow.setup()
    xs = xs[:6]

    def final_h(h0c0):
        W, b = flow.lstm_params(3.0, lstm)
        H = flow.H
        h, c = h0c0[:H], h0c0[H:]
        for x in xs:
            z = W @ np.concatenate([h, x]) + b
            i, f, o = sigmoid(z[:H]), sigmoid(z[H:2 * H]), sigmoid(z[3 * H:])
            c = f * c + i * np.tanh(z[2 * H:3 * H])
            h = o * np.tanh(c)
        return u @ h

    eps = 1e-6
    grad = np.array([(final_h(e * eps) - final_h(-e * eps)) / (2 * eps) for e in np.eye(2 * flow.H)])
    assert np.isclose(np.linalg.norm(grad), flow.lstm_gradient_norms(3.0)[5], rtol=1e-5)


def test_rnn_jacobian_matches_finite_differences():
    flow = load_flow()
    xs, rnn, _, u = flow.setup()

    def final_h(h0, scale=1.5):
        h = h0
        for x in xs[:7]:
            h = np.tanh(scale * rnn["Q"] @ h + rnn["Wxh"] @ x + rnn["b"])
        return u @ h

    eps = 1e-6
    grad = np.array([(final_h(e * eps) - final_h(-e * eps)) / (2 * eps) for e in np.eye(flow.H)])
    assert np.isclose(np.linalg.norm(grad), flow.rnn_gradient_norms(1.5)[6], rtol=1e-5)


MY_CODE = python_blocks(my_pages())


@pytest.mark.parametrize("page,line,code", MY_CODE, ids=[f"{p}:{n}" for p, n, _ in MY_CODE])
def test_python_code_blocks_run_and_print_what_their_comments_say(page, line, code, capsys):
    """A `print(...)  # text` line promises `text` in the output: the code in the docs is the code that is tested."""
    exec(compile(code, f"{page}:{line}", "exec"), {"__name__": "__docs__"})
    out = capsys.readouterr().out
    promised = [ln.split("#", 1)[1].strip() for ln in code.splitlines() if ln.lstrip().startswith("print(") and "#" in ln]
    for text in promised:
        assert text in out, f"{page}:{line} promises {text!r} but printed {out!r}"


def test_lstm_code_block_reproduces_the_worked_step():
    *_, c, _, h = lstm_unit()
    block = next(code for page, _, code in MY_CODE if "def lstm_step" in code)
    assert f"[{c:.3f}] [{h:.3f}]" in block


def test_one_hot_figure_fills_the_right_square():
    """The static one-hot figure: in each row exactly one square is filled, at the character's index."""
    import re

    vocab = [chr(c) for c in range(ord("a"), ord("z") + 1)] + [" ", ".", "\n"]
    text = (MODULE4 / "next-character.md").read_text(encoding="utf-8")
    rows = re.findall(r'<g class="rnn-onehot-row" data-char="(\w)">(.*?)</g>', text, re.S)
    assert [ch for ch, _ in rows] == ["h", "e", "l"]
    for ch, body in rows:
        squares = re.findall(r"<rect( class=\"on\")? [^>]*data-index=\"(\d+)\"", body)
        assert len(squares) == len(vocab)
        assert [int(i) for on, i in squares if on] == [vocab.index(ch)]
