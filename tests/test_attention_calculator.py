"""The Attention Weight Calculator's logic (Module 7), in Node, against NumPy.

tests/js/attention.test.ts holds the unit cases (one pytest case each); tests/js/attention.values.ts
prints what widgets/attention-calculator/logic.ts computes for chosen inputs, and here NumPy
recomputes every score, weight and context vector from the same inputs.
"""
from __future__ import annotations

import numpy as np
import pytest

import jsunit

JS_TESTS = jsunit.source("attention")
JS_VALUES = jsunit.values_source("attention")


def stable_softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


def numpy_attention(inp: dict) -> dict:
    """The calculator's pipeline, written once more in NumPy."""
    q, K = np.array(inp["query"]), np.array(inp["keys"])
    V = K if inp["values"] is None else np.array(inp["values"])
    d = q.shape[0]
    scores = K @ q                                           # (n,)
    logits = scores * (1 / np.sqrt(d) if inp["scaled"] else 1.0) * inp["sharpness"]
    w = stable_softmax(logits)
    Wq, Wk, v = np.array(inp["Wq"]), np.array(inp["Wk"]), np.array(inp["v"])
    hidden = np.tanh(Wq @ q + K @ Wk.T)                     # (n, d): row i is tanh(W_q q + W_k k_i)
    e = hidden @ v
    wa = stable_softmax(e * inp["sharpness"])
    return {"scores": scores, "logits": logits, "w": w, "context": w @ V,
            "hidden": hidden, "additive": e, "wa": wa, "context_add": wa @ V}


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=12)


def test_attention_calculator_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)


def test_there_are_cases_in_every_dimension(js_values):
    assert len(js_values) == 14
    dims = {len(c["inp"]["query"]) for c in js_values}
    counts = {len(c["inp"]["keys"]) for c in js_values}
    assert dims == {2, 3, 4} and {2, 3, 5, 8} <= counts


@pytest.mark.parametrize("k", range(14))
def test_scores_weights_and_context_match_numpy(js_values, k):
    case = js_values[k]
    ref, out = numpy_attention(case["inp"]), case["out"]
    rtol = dict(rel=1e-9, abs=1e-12)
    assert out["dot"]["raw"] == pytest.approx(list(ref["scores"]), **rtol)
    assert out["dot"]["logits"] == pytest.approx(list(ref["logits"]), **rtol)
    assert out["dot"]["softmax"]["weights"] == pytest.approx(list(ref["w"]), **rtol)
    assert out["dot"]["context"] == pytest.approx(list(ref["context"]), **rtol)
    assert np.allclose(np.array(out["hidden"]), ref["hidden"], rtol=1e-9, atol=1e-12)
    assert out["additive"]["raw"] == pytest.approx(list(ref["additive"]), **rtol)
    assert out["additive"]["softmax"]["weights"] == pytest.approx(list(ref["wa"]), **rtol)
    assert out["additive"]["context"] == pytest.approx(list(ref["context_add"]), **rtol)
    assert out["dot"]["winner"] == int(np.argmax(ref["w"]))
    sm = out["dot"]["softmax"]
    assert sm["sum"] == pytest.approx(float(np.exp(ref["logits"] - ref["logits"].max()).sum()), rel=1e-12)


def test_the_size_limit_case_stays_finite(js_values):
    """Entries of 1,000,000 and a sharpness of 1000: scores near 10¹⁵, yet no NaN and a clean one-hot."""
    out = js_values[-1]["out"]
    assert max(abs(s) for s in out["dot"]["raw"]) == pytest.approx(2e12)
    w = out["dot"]["softmax"]["weights"]
    assert all(np.isfinite(w)) and sum(w) == pytest.approx(1.0)
    assert w == pytest.approx([0, 1, 0])
