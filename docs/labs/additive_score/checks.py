"""Checks for the additive_score lab: public ones run on Run, hidden ones join on Check."""
import numpy as np
from grader import NONE_MESSAGE, check, diagnose, expect_close, expect_shape, fail

ARGS = ("query", "keys", "W_q", "W_k", "v")


def reference(query, keys, W_q, W_k, v):
    """scores[i] = v · tanh(W_q query + W_k keys[i]), written as a loop on purpose:
    a vectorised solution is then checked against a second route to the same numbers."""
    return np.array([v @ np.tanh(W_q @ query + W_k @ k) for k in keys])


def random_case(seed, T, d_q, d_k, A, scale=1.0):
    """Weights ~ 1/sqrt(fan-in) (times `scale`), so that tanh is neither linear nor saturated."""
    rng = np.random.default_rng(seed)
    return {
        "query": rng.normal(size=d_q),
        "keys": rng.normal(size=(T, d_k)),
        "W_q": rng.normal(scale=scale / np.sqrt(d_q), size=(A, d_q)),
        "W_k": rng.normal(scale=scale / np.sqrt(d_k), size=(A, d_k)),
        "v": rng.normal(size=A),
    }


def run(additive_score, case):
    return additive_score(*(case[name] for name in ARGS))


def expect_scores(additive_score, case):
    T = case["keys"].shape[0]
    got = run(additive_score, case)
    if got is None:
        fail(NONE_MESSAGE)
    expect_close(expect_shape(got, (T,), inputs=case), reference(**case), inputs=case)


# ---------------------------------------------------------------- public checks
# d_q, d_k and A all differ, so that a matrix used the wrong way round cannot fit.

@check("returns one score per key: shape (T,)")
def one_score_per_key(additive_score):
    case = random_case(seed=0, T=5, d_q=3, d_k=4, A=6)
    got = run(additive_score, case)
    if got is None:
        fail(NONE_MESSAGE)
    expect_shape(got, (5,))


@check("matches the reference on a small case (T=5, d_q=3, d_k=4, A=6)")
def small_case(additive_score):
    expect_scores(additive_score, random_case(seed=0, T=5, d_q=3, d_k=4, A=6))


@check("matches the reference on a second case (T=3, d_q=2, d_k=5, A=4)")
def second_case(additive_score):
    expect_scores(additive_score, random_case(seed=1, T=3, d_q=2, d_k=5, A=4))


# ---------------------------------------------------------------- hidden checks

@check("random shapes, ten of them", public=False)
def random_shapes(additive_score):
    rng = np.random.default_rng(2)
    for k in range(10):
        T, d_q, d_k, A = (int(n) for n in rng.integers(1, 9, size=4))
        expect_scores(additive_score, random_case(seed=100 + k, T=T, d_q=d_q, d_k=d_k, A=A))


@check("large weights: tanh saturates, so no score exceeds sum(|v|)", public=False)
def saturated(additive_score):
    case = random_case(seed=3, T=6, d_q=3, d_k=4, A=5, scale=50.0)
    got = expect_shape(run(additive_score, case), (6,), inputs=case)
    bound = float(np.sum(np.abs(case["v"])))
    if np.any(np.abs(got) > bound + 1e-9):
        fail(f"a score of {float(np.max(np.abs(got))):.4g} is larger than sum(|v|) = {bound:.4g}: "
             "tanh keeps every entry in [-1, 1], so v · tanh(...) cannot go past that",
             inputs=case, got=got)
    expect_close(got, reference(**case), inputs=case)


@check("a single key (T = 1)", public=False)
def single_key(additive_score):
    expect_scores(additive_score, random_case(seed=4, T=1, d_q=3, d_k=2, A=4))


@check("reordering the keys reorders the scores the same way", public=False)
def permutation(additive_score):
    case = random_case(seed=5, T=6, d_q=4, d_k=3, A=5)
    order = np.array([3, 0, 5, 1, 4, 2])
    before = expect_shape(run(additive_score, case), (6,), inputs=case)
    after = run(additive_score, dict(case, keys=case["keys"][order]))
    expect_close(after, before[order], inputs={"keys (reordered)": case["keys"][order], "order": order})


@check("a zero query leaves only the keys' projections", public=False)
def zero_query(additive_score):
    expect_scores(additive_score, dict(random_case(seed=6, T=4, d_q=3, d_k=5, A=2), query=np.zeros(3)))


# ---------------------------------------------------------------- diagnoses
# Most specific first. PROBE is square (d_q = d_k = A) so that the mistakes
# that use a matrix the wrong way round still give an answer to compare.

PROBE = random_case(seed=7, T=4, d_q=3, d_k=3, A=3, scale=1.5)


def _learner(additive_score, case=PROBE):
    return np.asarray(run(additive_score, case), dtype=float)


def _same(got, want):
    want = np.asarray(want, dtype=float)
    return got.shape == want.shape and np.allclose(got, want, rtol=1e-6, atol=1e-9)


def _pre(case, W_q=None, W_k=None):
    """The pre-activations W_q q + W_k k_i, (T, A)."""
    W_q = case["W_q"] if W_q is None else W_q
    W_k = case["W_k"] if W_k is None else W_k
    return case["keys"] @ W_k.T + W_q @ case["query"]


@diagnose
def returned_weights(additive_score):
    s = reference(**PROBE)
    e = np.exp(s - np.max(s))
    if _same(_learner(additive_score), e / np.sum(e)):
        return ("You return the softmax of the scores, the attention weights. This function stops one "
                "step earlier: return the scores themselves, v · tanh(...), one per key.")
    return None


@diagnose
def missing_tanh(additive_score):
    if _same(_learner(additive_score), _pre(PROBE) @ PROBE["v"]):
        return ("Your scores have no tanh: v · (W_q q + W_k k_i) is linear, and then the query's part "
                "adds the same number to every score, so it cannot change which key wins. "
                "Apply np.tanh to the sum before the dot product with v.")
    return None


@diagnose
def tanh_in_wrong_place(additive_score):
    c = PROBE
    partial = (np.tanh(c["W_q"] @ c["query"]) + c["keys"] @ c["W_k"].T) @ c["v"]
    partial_k = (c["W_q"] @ c["query"] + np.tanh(c["keys"] @ c["W_k"].T)) @ c["v"]
    separate = (np.tanh(c["W_q"] @ c["query"]) + np.tanh(c["keys"] @ c["W_k"].T)) @ c["v"]
    outside = np.tanh(_pre(c) @ c["v"])
    got = _learner(additive_score)
    if any(_same(got, want) for want in (partial, partial_k, separate)):
        return ("The tanh is in the wrong place: it must wrap the whole sum, tanh(W_q q + W_k k_i), "
                "not one projection on its own. The two projections meet inside the tanh; that is "
                "what lets the score depend on the query and the key together.")
    if _same(got, outside):
        return ("You apply tanh after the dot product with v. The order is: add the projections, "
                "tanh, then v · (...): scores = np.tanh(W_q q + W_k k_i) @ v.")
    return None


@diagnose
def transposed_weights(additive_score):
    c, got = PROBE, _learner(additive_score)
    for W_q, W_k in ((c["W_q"].T, c["W_k"]), (c["W_q"], c["W_k"].T), (c["W_q"].T, c["W_k"].T)):
        if _same(got, np.tanh(_pre(c, W_q, W_k)) @ c["v"]):
            return ("A weight matrix is used the wrong way round (transposed). W_q has shape (A, d_q), "
                    "so it projects with W_q @ query; for a (T, d_k) stack of keys, W_k @ keys[i] for "
                    "every i is keys @ W_k.T. Square matrices hide the slip; the checks use A ≠ d.")
    return None


@diagnose
def forgot_v(additive_score):
    hidden = np.tanh(_pre(PROBE))
    got = _learner(additive_score)
    if _same(got, hidden.sum(axis=1)) or _same(got, hidden):
        return ("You add up the tanh outputs (or return them) without v. v weighs the A entries, so "
                "that the network learns which of them matter: scores = np.tanh(...) @ v.")
    return None
