"""Appendix A: every worked number of the refreshers, the readiness quizzes'
answer keys, and the NumPy snippets the crash course runs in the page.

Worked examples are parsed by tests/worked_examples.py's helpers; the numbers
are recomputed here. Quiz keys are checked by structure (exactly one
correct choice, outcomes from score 0) and, where a question has a
computable answer, by computing it.
"""
from __future__ import annotations

import json
import math
import re
import runpy
from pathlib import Path

import numpy as np
import pytest

from coursekit import markdown_widgets as mw
from test_onnx_parity import softmax
from worked_examples import assert_example_numbers, blocks, registers_in

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
APPENDIX = DOCS / "appendices" / "a-readiness"
QUIZZES = {"math-readiness": DOCS / "quizzes" / "math-readiness.json",
           "numpy-readiness": DOCS / "quizzes" / "numpy-readiness.json"}
SNIPPETS = sorted((DOCS / "snippets").glob("*.py"))

EXAMPLES = {}
example = registers_in(EXAMPLES)


# ------------------------------------------------------------ calculus

@example
def appa_slope():
    x, n, step = 3, 2, 0.001
    slope = n * x
    fd = ((x + step) ** n - x ** n) / step
    return [n, x, n, n, x, slope, x, x + step, x + step, n, x, n, step, fd, slope]


@example
def appa_tanh_slope():
    a = 0.5
    t = math.tanh(a)
    return [a, a, t, 1, t, 2, 1 - t * t, 0, 1 - math.tanh(0) ** 2, 1, 0]


@example
def appa_chain():
    w, x = 2, 0.25
    u = w * x
    outer = 1 - math.tanh(u) ** 2
    return [w, x, u, w, u, outer, x, outer, w, outer * w]


@example
def appa_compound():
    small, big, steps = 0.5, 1.5, 10
    return [small, steps, small, steps, small ** steps, big, steps, big, steps, big ** steps]


@example
def appa_gradient_step():
    x, y, w, b, lr = 2, 1, 0.5, 0.25, 0.1
    pred = w * x + b
    err = pred - y
    dw, db = 2 * err * x, 2 * err
    w2, b2 = w - lr * dw, b - lr * db
    pred2 = w2 * x + b2
    return [2, x, y, w, b, w, x, b, pred, err, err ** 2,
            2, dw, 2, db, dw, db, lr, w2, b2, pred2, (pred2 - y) ** 2]


@example
def appa_softmax_grad():
    y = [2.0, 1.0, 0.1]
    p = softmax(y)
    grad = p - np.array([1, 0, 0])
    return [*y, *p, p[0], -math.log(p[0]), p[0], 1, p[1], p[2], *grad]


# ------------------------------------------------------------ linear algebra

W = np.array([[1, 0, -1], [2, 1, 0]], float)
V_VEC = np.array([0.5, -1, 2])


@example
def appa_dot():
    a, b = np.array([1, 2, 3.]), np.array([4, -1, 0.5])
    return [*a, *b, *(a * b), a @ b]


@example
def appa_matvec():
    # The title "2 × 3", the matrix, the vector, then each row's sum of products.
    rows = [v for i in range(2) for pair in zip(W[i], V_VEC) for v in pair]
    r1, r2 = rows[:6], rows[6:]
    wv = W @ V_VEC
    return [*W.shape, *W.ravel(), *V_VEC, *r1, wv[0], *r2, wv[1], *wv, len(wv)]


@example
def appa_onehot():
    x = np.array([0, 1, 0.])
    return [*x, *x, *(W @ x)]


@example
def appa_param_count():
    H, V = 100, 65
    return [H, V, H, V, H * V, H, H, H * H, V, H, V * H, H, V, H + V, H * V + H * H + V * H + H + V]


@example
def appa_products():
    a, b = np.array([1, 2.]), np.array([3, 4.])
    return [*a, *b, *(a * b), a @ b, *np.outer(a, b).ravel()]


def appendix_pages() -> list[Path]:
    return sorted(APPENDIX.rglob("*.md"))


def test_every_example_block_of_the_appendix_is_computed_here():
    ids = [i for i, _, _ in blocks(appendix_pages())]
    assert sorted(ids) == sorted(EXAMPLES), "example blocks and computations differ"
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("example_id", sorted(EXAMPLES))
def test_worked_example_numbers(example_id):
    assert_example_numbers(example_id, EXAMPLES, appendix_pages())


def test_gradient_step_matches_a_finite_difference():
    """The calculus page's partial derivatives are what nudging the weights gives."""
    loss = lambda w, b: (w * 2 + b - 1) ** 2
    eps = 1e-6
    assert (loss(0.5 + eps, 0.25) - loss(0.5 - eps, 0.25)) / (2 * eps) == pytest.approx(1.0)
    assert (loss(0.5, 0.25 + eps) - loss(0.5, 0.25 - eps)) / (2 * eps) == pytest.approx(0.5)


# ------------------------------------------------------------ quizzes

def quiz(quiz_id: str) -> dict:
    return json.loads(QUIZZES[quiz_id].read_text(encoding="utf-8"))


def correct_text(q: dict) -> str:
    return next(c["text"] for c in q["choices"] if c.get("correct"))


@pytest.mark.parametrize("quiz_id", sorted(QUIZZES))
def test_quiz_has_exactly_one_correct_choice_per_question(quiz_id):
    data = quiz(quiz_id)
    assert data["id"] == quiz_id
    assert len(data["questions"]) == 5
    for q in data["questions"]:
        assert sum(1 for c in q["choices"] if c.get("correct") is True) == 1, q["id"]
        assert all(c.get("why") for c in q["choices"]), f"{q['id']}: every choice explains itself"
        assert len({c["id"] for c in q["choices"]}) == len(q["choices"])


@pytest.mark.parametrize("quiz_id", sorted(QUIZZES))
def test_quiz_outcomes_cover_every_score(quiz_id):
    data = quiz(quiz_id)
    mins = [o["min_score"] for o in data["outcomes"]]
    assert min(mins) == 0
    assert max(mins) <= len(data["questions"])
    assert len(set(mins)) == len(mins)


@pytest.mark.parametrize("quiz_id", sorted(QUIZZES))
def test_quiz_outcome_links_point_at_pages_that_exist(quiz_id):
    # hrefs are relative to the page the quiz is on: appendices/a-readiness/.
    for o in quiz(quiz_id)["outcomes"]:
        for link in o["links"]:
            target = (APPENDIX / link["href"]).resolve()
            assert (target / "index.md").is_file() or target.with_suffix(".md").is_file(), link["href"]


def test_math_quiz_answers_are_what_computation_gives():
    q = {x["id"]: x for x in quiz("math-readiness")["questions"]}
    assert correct_text(q["q1"]) == "×".join(map(str, (np.ones((3, 2)) @ np.ones((2, 4))).shape))
    # d/dx e^(2x) at x = 0.3, by a central difference, against 2·e^(2x).
    x, eps = 0.3, 1e-6
    fd = (math.exp(2 * (x + eps)) - math.exp(2 * (x - eps))) / (2 * eps)
    assert correct_text(q["q2"]) == "2·e^(2x)" and fd == pytest.approx(2 * math.exp(2 * x))
    p = softmax([3.0, -1.0, 0.5])
    assert (p > 0).all() and p.sum() == pytest.approx(1) and correct_text(q["q4"]).startswith("all positive")
    assert correct_text(q["q5"]) == str(int(np.tanh(0)))


def test_numpy_quiz_answers_are_what_numpy_gives():
    q = {x["id"]: x for x in quiz("numpy-readiness")["questions"]}
    x = np.arange(100)
    assert eval(correct_text(q["q2"]), {"x": x}).shape == (10, 10)
    y = np.arange(12)
    assert list(eval(correct_text(q["q4"]), {"x": y})) == list(y[len(y) - 5:])
    assert correct_text(q["q5"]) == str(np.argmax([0.1, 0.7, 0.2]))


def test_the_appendix_embeds_both_quizzes_or_says_where_they_go():
    text = (APPENDIX / "index.md").read_text(encoding="utf-8")
    for quiz_id in QUIZZES:
        assert re.search(rf"quiz: {quiz_id}\b", text), quiz_id


# ------------------------------------------------------------ snippets

@pytest.mark.parametrize("snippet", SNIPPETS, ids=[p.stem for p in SNIPPETS])
def test_snippet_runs_in_cpython(snippet, capsys):
    runpy.run_path(str(snippet), run_name="__main__")
    assert capsys.readouterr().out.strip(), f"{snippet.name} prints nothing for the reader to see"


def test_every_snippet_is_embedded_and_every_embedded_snippet_exists():
    embedded = set()
    for page in DOCS.rglob("*.md"):
        embedded |= set(re.findall(r"name: python-snippet\s*\n\s*snippet: ([\w-]+)", page.read_text(encoding="utf-8")))
    assert embedded == {p.stem for p in SNIPPETS}


def test_snippet_fence_with_a_missing_file_fails_the_build():
    with pytest.raises(mw.WidgetFenceError, match="names snippet 'no-such-snippet'"):
        mw.validate({"name": "python-snippet", "snippet": "no-such-snippet"})


def test_snippet_code_is_in_the_placeholder():
    html = mw.render_placeholder({"name": "python-snippet", "snippet": "np-softmax"})
    assert 'data-snippet="np-softmax"' in html
    assert "def softmax(y):" in html and "rnn-snippet__source" in html
