"""The lab pages of Modules 3, 4 and 7: each embeds its labs, and every number they show is computed.

The worked numbers come from the labs' own solution.py files, run here: the
code a learner is graded against is the code that produced the page. The
parsing helpers (how numbers are read out of `<!-- example -->` blocks, and
formatted at the page's precision) are those of tests/worked_examples.py.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from coursekit.labs import LABS_DIR
from worked_examples import assert_example_numbers, blocks, registers_in

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = {
    "modules/03-vanishing-gradients-lstm/labs.md": ["gradient_through_time", "lstm_step"],
    "modules/04-char-language-modeling/labs.md": ["one_hot", "cross_entropy_loss",
                                                  "sample_with_temperature", "perplexity"],
    "modules/07-attention/labs.md": ["compute_attention", "additive_score", "beam_search"],
}
FENCE = re.compile(r"^```widget\n(.*?)^```", re.S | re.M)


def solution(lab_id: str):
    """The entry function of a lab's solution.py (the function is named after the lab)."""
    namespace = {"__name__": f"solution_{lab_id}"}
    exec(compile((LABS_DIR / lab_id / "solution.py").read_text(encoding="utf-8"), f"{lab_id}/solution.py",
                 "exec"), namespace)
    return namespace


EXAMPLES = {}
example = registers_in(EXAMPLES, prefix="lab-")


@example
def one_hot_hello():
    x = solution("one_hot")["one_hot"]("hello", "helo")
    return [*x.shape, *x.ravel()]


@example
def cross_entropy_hello():
    probs = np.array([[0.03, 0.10, 0.00, 0.87],
                      [0.20, 0.10, 0.60, 0.10],
                      [0.05, 0.05, 0.70, 0.20],
                      [0.10, 0.10, 0.40, 0.40]])
    targets = [1, 2, 2, 3]
    rows = [[*row, -np.log(row[k])] for row, k in zip(probs, targets)]
    loss = solution("cross_entropy_loss")["cross_entropy_loss"](probs, targets)
    return [*targets, *np.ravel(rows), loss]


@example
def sampling_draws():
    sample = solution("sample_with_temperature")["sample_with_temperature"]
    logits = np.array([2.0, 1.0, 0.5])
    table = {}
    for tau in (0.5, 1.0, 2.0):
        rng = np.random.default_rng(0)
        table[tau] = [sample(logits, tau, rng) for _ in range(12)]
    rows = [v for tau, draws in table.items() for v in (tau, *draws)]
    favourite = [draws.count(0) for draws in table.values()]
    return [*logits, 0, *rows, 0.5, 0, favourite[0], 12, 2.0, favourite[2]]


@example
def perplexity_halves():
    p = np.array([0.5, 0.25, 0.125])
    losses = -np.log(p)
    return [*p, *losses, losses.mean(), losses.mean(), solution("perplexity")["perplexity"](p)]


@example
def gradient_through_time_small():
    Whh = np.array([[0.5, -1.0], [0.8, 0.3]])
    hs = np.array([[0.3, -0.2], [0.6, 0.1], [-0.4, 0.5]])
    g = np.array([1.0, 0.0])
    slope = 1 - hs[-1] ** 2
    norms = solution("gradient_through_time")["gradient_through_time"](Whh, hs, g)
    return [*Whh.ravel(), *hs.ravel(), *g, *slope, *(Whh.T @ (slope * g)), *norms]


@example
def lstm_step_by_hand():
    ns = solution("lstm_step")
    x, h_prev, c_prev = np.array([1.0]), np.array([0.5]), np.array([0.8])
    Wx = np.array([[0.6], [0.2], [1.0], [-0.4]])
    Wh = np.array([[0.4], [1.2], [-0.6], [0.8]])
    b = np.array([-0.3, 1.0, 0.2, 0.5])
    a = Wx @ x + Wh @ h_prev + b
    sigmoid = ns["sigmoid"]
    gates = [sigmoid(a[0]), sigmoid(a[1]), np.tanh(a[2]), sigmoid(a[3])]
    h, c = ns["lstm_step"](x, h_prev, c_prev, Wx, Wh, b)
    return [1, *x, *h_prev, *c_prev, *Wx.ravel(), *Wh.ravel(), *b, *a, *gates, *c, *h]


@example
def perplexity_lookalikes():
    p = np.array([1 / 2, 1 / 4, 1 / 8])
    right = solution("perplexity")["perplexity"](p)
    return [1, 2, 1, 4, 1, 8, right, 1, np.mean(1 / p), 1 / np.mean(p)]


PLAN_QUERY = np.array([0.5, 0.3])
PLAN_KEYS = np.array([[0.4, 0.2], [0.1, 0.8], [0.6, 0.1]])


@example
def attention_plan():
    attend = solution("compute_attention")["compute_attention"]
    shown = [*PLAN_QUERY, *PLAN_KEYS.ravel()]
    for scale in (1, 10):
        q = scale * PLAN_QUERY
        context, weights = attend(q, PLAN_KEYS, PLAN_KEYS.copy())
        shown += [scale] if scale != 1 else []
        shown += [*(PLAN_KEYS @ q), *weights, *context]
    return shown


@example
def additive_identity():
    score = solution("additive_score")["additive_score"]
    v = np.ones(2)
    scores = score(PLAN_QUERY, PLAN_KEYS, np.eye(2), np.eye(2), v)
    return [*PLAN_QUERY, *PLAN_KEYS.ravel(), *v, *scores]


@example
def beam_toy():
    ns = solution("beam_search")
    probs, model = ns["PROBS"], ns["toy_log_probs"]
    greedy, greedy_score = ns["beam_search"](model, 0, 1, 1, 5)
    beam, beam_score = ns["beam_search"](model, 0, 1, 2, 5)
    assert greedy == [0, 2, 1] and beam == [0, 3, 1]  # <s> A </s> and <s> B </s>
    starter = {}  # the page speaks of the starter's toy model: the same table as the solution's
    exec(compile((LABS_DIR / "beam_search" / "starter.py").read_text(encoding="utf-8"), "starter.py", "exec"), starter)
    assert (starter["PROBS"], starter["DEFAULT"]) == (probs, ns["DEFAULT"])
    after_start, after_a, after_b = probs[(0,)], probs[(0, 2)], probs[(0, 3)]
    return [after_start[2], after_start[3], after_a[1], np.exp(greedy_score), greedy_score,
            after_b[1], np.exp(beam_score), beam_score]


@pytest.mark.parametrize("page", sorted(PAGES))
def test_lab_page_embeds_its_labs(page):
    fences = FENCE.findall((DOCS / page).read_text(encoding="utf-8"))
    embedded = [dict(line.split(": ", 1) for line in f.strip().splitlines()) for f in fences]
    labs = [w["lab"] for w in embedded if w.get("name") == "lab"]
    assert labs == PAGES[page]
    assert all((LABS_DIR / lab / "lab.json").is_file() for lab in labs)


def test_every_lab_example_block_is_computed_here():
    shown = {i for i, _, _ in blocks() if i.startswith("lab-")}
    assert shown == set(EXAMPLES), f"on the pages only: {shown - set(EXAMPLES)}; here only: {set(EXAMPLES) - shown}"


@pytest.mark.parametrize("example_id", sorted(EXAMPLES))
def test_lab_page_numbers(example_id):
    assert_example_numbers(example_id, EXAMPLES)
