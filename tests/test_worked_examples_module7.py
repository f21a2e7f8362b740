"""Every number of Module 7's worked examples, recomputed with NumPy; and the page's code, run.

Same contract as tests/test_worked_examples.py, checked by the helpers of tests/worked_examples.py:
a block `<!-- example: <id> -->…<!-- /example -->` shows the numbers `EXAMPLES[<id>]()` returns,
in order, at the precision the page prints. The example is the plan's: query [0.5, 0.3] and keys
[0.4, 0.2], [0.1, 0.8], [0.6, 0.1], the numbers the Attention Weight Calculator starts from (its
own logic is checked against NumPy by tests/test_attention_calculator.py).
"""
from __future__ import annotations

import contextlib
import io
import re

import numpy as np
import pytest

from worked_examples import DOCS, assert_example_numbers, python_blocks, registers_in

MODULE7 = DOCS / "modules" / "07-attention"
PAGES = sorted(MODULE7.glob("calculator.md"))

Q = np.array([0.5, 0.3])
K = np.array([[0.4, 0.2], [0.1, 0.8], [0.6, 0.1]])   # (n=3, d=2): one key per row; the values too


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


EXAMPLES = {}
example = registers_in(EXAMPLES)


@example
def attention_by_hand():
    scores = K @ Q
    exps = np.exp(scores)
    w = exps / exps.sum()
    order = np.argsort(-w)                                   # key 3, then 2, then 1
    context = w @ K
    scaled = scores / np.sqrt(2)
    hidden = np.tanh(Q + K)                                  # W_q = W_k = identity
    additive = hidden.sum(axis=1)                            # v = [1, 1]
    wa = softmax(additive)
    gap = scores[order[0]] - scores[order[1]]
    nums = [*Q, *K.ravel()]                                  # the given numbers
    nums += [1]                                              # "1. Dot-product scores"
    for k, s in zip(K, scores):
        nums += [Q[0], k[0], Q[1], k[1], s]
    nums += [2]                                              # "2. Softmax"
    for e, wi in zip(exps, w):
        nums += [e, wi]
    nums += [exps.sum(), w.sum()]
    nums += [order[0] + 1, *(100 * w[order])]                # "Key 3 wins … 34.6% against 33.2% and 32.2%"
    nums += [gap, gap, np.exp(gap)]
    nums += [3]                                              # "3. Context vector"
    for wi, k in zip(w, K):
        nums += [wi, *k]
    nums += [*context]
    nums += [2, *scaled, *softmax(scaled)]                   # "Dividing by √2"
    for sharp in (10, 100):
        nums += [sharp, *softmax(scores * sharp)]
    nums += [order[0] + 1]                                   # "almost all on key 3"
    nums += [1, 1]                                           # v = [1, 1]
    for h, e, wi in zip(hidden, additive, wa):
        nums += [*h, e, wi]
    nums += [np.argmax(wa) + 1, K[1, 1], Q[1], K[1, 1], Q[1]]
    return nums


def test_the_example_tells_the_story_the_page_tells():
    """Key 3 wins the dot product narrowly, key 2 the additive score; scaling flattens, sharpening sharpens."""
    w = softmax(K @ Q)
    assert np.argmax(w) == 2 and w.max() - w.min() < 0.03
    assert np.argmax(softmax(np.tanh(Q + K).sum(axis=1))) == 1
    assert np.ptp(softmax(K @ Q / np.sqrt(2))) < np.ptp(w)
    assert softmax(K @ Q * 100)[2] > 0.98


@pytest.mark.parametrize("example_id", sorted(EXAMPLES))
def test_worked_example_numbers(example_id):
    assert_example_numbers(example_id, EXAMPLES, PAGES)


CODE = python_blocks(PAGES)


def test_the_page_has_its_code_block():
    assert len(CODE) == 1


@pytest.mark.parametrize("page,line,code", CODE, ids=[f"{p}:{n}" for p, n, _ in CODE])
def test_python_code_blocks_run_and_print_what_their_comments_say(page, line, code):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, f"{page}:{line}", "exec"), {"__name__": "__docs__"})
    said = re.search(r"^print\(.*#\s*(.+)$", code, re.M).group(1).strip()
    assert out.getvalue().strip() == said


def test_quiz_softmax_question_states_the_weights_numpy_gives():
    """Module 7's quick check asks for the weights of the scores [2, 0, 0]; its answer must be the softmax."""
    import json
    quiz = json.loads((DOCS / "quizzes" / "module-7-check.json").read_text(encoding="utf-8"))
    q = next(q for q in quiz["questions"] if q["id"] == "weights")
    scores = [float(x) for x in re.search(r"scores over three source words are \[([^\]]+)\]", q["prompt"]).group(1).split(",")]
    right = next(c for c in q["choices"] if c.get("correct"))
    stated = [float(x) for x in re.search(r"\[([^\]]+)\]", right["text"]).group(1).split(",")]
    assert np.allclose(softmax(np.array(scores)), stated, atol=0.005)
    e = np.exp(scores[0])
    assert f"exp(2) ≈ {e:.2f}" in right["why"] and f"{e:.2f}/{e + 2:.2f}" in right["why"]
