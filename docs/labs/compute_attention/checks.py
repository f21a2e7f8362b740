"""Checks for the compute_attention lab: public ones run on Run, hidden ones join on Check."""
import numpy as np
from grader import NONE_MESSAGE, Fail, check, diagnose, expect_close, expect_shape, expect_true, fail

# The worked example of the page: a query and three keys, the keys doubling as values.
QUERY = np.array([0.5, 0.3])
KEYS = np.array([[0.4, 0.2], [0.1, 0.8], [0.6, 0.1]])


def softmax(z):
    e = np.exp(z - np.max(z))
    return e / np.sum(e)


def reference(query, keys, values):
    """The lab's answer: (context, weights)."""
    weights = softmax(keys @ query)
    return weights @ values, weights


def random_case(seed, T, d, d_v, scale=1.0):
    rng = np.random.default_rng(seed)
    return {"query": rng.normal(scale=scale, size=d), "keys": rng.normal(size=(T, d)),
            "values": rng.normal(size=(T, d_v))}


def pair(result, T, d_v):
    """The learner's (context, weights), checked to be arrays of shapes (d_v,) and (T,)."""
    if result is None:
        fail(NONE_MESSAGE)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail(f"expected a pair (context, weights), got {type(result).__name__}"
             + (f" of length {len(result)}" if isinstance(result, (tuple, list)) else ""), got=result)
    return expect_shape(result[0], (d_v,)), expect_shape(result[1], (T,))


def expect_named(name, got, want, **details):
    """expect_close, with the message saying which output is wrong."""
    try:
        expect_close(got, want, **details)
    except Fail as verdict:
        fail(f"{name}: {verdict.message}", inputs=verdict.inputs, expected=verdict.expected, got=verdict.got)


def expect_attention(compute_attention, case):
    T, d_v = case["values"].shape
    context, weights = pair(compute_attention(case["query"], case["keys"], case["values"]), T, d_v)
    want_context, want_weights = reference(**case)
    expect_named("the weights", weights, want_weights, inputs=case)
    expect_named("the context", context, want_context, inputs=case)


# ---------------------------------------------------------------- public checks

@check("returns a pair (context, weights) of shapes (d_v,) and (T,)")
def returns_pair(compute_attention):
    case = random_case(seed=0, T=4, d=3, d_v=5)
    pair(compute_attention(**case), 4, 5)


@check("the weights are between 0 and 1 and add up to 1")
def weights_sum_to_one(compute_attention):
    case = random_case(seed=1, T=5, d=3, d_v=3)
    _, weights = pair(compute_attention(**case), 5, 3)
    expect_true(np.all(weights >= 0) and np.all(weights <= 1),
                "every weight must lie between 0 and 1", inputs=case, got=weights)
    expect_close(np.sum(weights), 1.0, inputs=case)


@check("matches the worked example: query [0.5, 0.3], three keys that are also the values")
def worked_example(compute_attention):
    # A copy as the values: the same array twice would make a change to one a change to both.
    expect_attention(compute_attention, {"query": QUERY, "keys": KEYS, "values": KEYS.copy()})


# ---------------------------------------------------------------- hidden checks

@check("values wider than the keys (d = 3, d_v = 6) and narrower (d = 4, d_v = 1)", public=False)
def values_of_another_width(compute_attention):
    expect_attention(compute_attention, random_case(seed=2, T=5, d=3, d_v=6))
    expect_attention(compute_attention, random_case(seed=3, T=4, d=4, d_v=1))


@check("scores in the thousands do not overflow", public=False)
def large_scores(compute_attention):
    # Scores of about ±1000: np.exp overflows unless the largest score is subtracted first.
    case = random_case(seed=4, T=6, d=4, d_v=3, scale=400.0)
    expect_attention(compute_attention, case)


@check("equal scores give equal weights, and the context is the mean of the values", public=False)
def equal_scores(compute_attention):
    keys = np.tile(np.array([0.3, -0.7, 1.1]), (4, 1))  # four identical keys
    values = np.arange(8.0).reshape(4, 2)
    case = {"query": np.array([1.0, 2.0, 0.5]), "keys": keys, "values": values}
    context, weights = pair(compute_attention(**case), 4, 2)
    expect_named("the weights", weights, np.full(4, 0.25), inputs=case)
    expect_named("the context", context, values.mean(axis=0), inputs=case)


@check("a single position gets weight 1 and passes its value on unchanged", public=False)
def single_position(compute_attention):
    case = {"query": np.array([0.2, -0.4]), "keys": np.array([[1.5, 0.5]]), "values": np.array([[3.0, -1.0, 2.0]])}
    context, weights = pair(compute_attention(**case), 1, 3)
    expect_named("the weights", weights, np.array([1.0]), inputs=case)
    expect_named("the context", context, case["values"][0], inputs=case)


@check("a sentence-sized case (T = 12, d = 8, d_v = 16)", public=False)
def sentence_sized(compute_attention):
    expect_attention(compute_attention, random_case(seed=5, T=12, d=8, d_v=16))


# ---------------------------------------------------------------- diagnoses
# Most specific first. PROBE has d == d_v (so that more mistakes fit the
# shapes) but values other than the keys; each diagnosis compares the
# learner's answer on it with one mistake's.

PROBE = random_case(seed=6, T=4, d=3, d_v=3)
LARGE = random_case(seed=4, T=6, d=4, d_v=3, scale=400.0)


def _learner(compute_attention, case=PROBE):
    context, weights = compute_attention(case["query"], case["keys"], case["values"])
    return np.asarray(context, dtype=float), np.asarray(weights, dtype=float)


def _same(got, want):
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    return got.shape == want.shape and np.allclose(got, want, rtol=1e-6, atol=1e-9)


@diagnose
def returned_weights_then_context(compute_attention):
    context, weights = reference(**PROBE)
    got = compute_attention(PROBE["query"], PROBE["keys"], PROBE["values"])
    if _same(got[0], weights) and _same(got[1], context):
        return "You return (weights, context); the lab asks for (context, weights), the context first."
    return None


@diagnose
def returned_scores(compute_attention):
    context, weights = _learner(compute_attention)
    scores = PROBE["keys"] @ PROBE["query"]
    if _same(weights, scores) and _same(context, reference(**PROBE)[0]):
        return ("Your context is right, but the second thing you return is the raw scores (keys @ query), "
                "not the weights. Return the softmax of the scores: the weights that add up to 1.")
    return None


@diagnose
def forgot_softmax(compute_attention):
    context, weights = _learner(compute_attention)
    scores = PROBE["keys"] @ PROBE["query"]
    if _same(context, reference(**PROBE)[0]):
        return None  # the context is right: returned_scores says what is wrong
    if _same(weights, scores) or _same(context, scores @ PROBE["values"]):
        return ("You blend the values with the raw scores (keys @ query) instead of softmax weights. "
                "Scores can be negative and do not add up to 1; pass them through a softmax first.")
    return None


@diagnose
def softmax_over_wrong_axis(compute_attention):
    context, weights = _learner(compute_attention)
    if weights.size == 4 and np.allclose(weights, 1.0):
        return ("Every weight is 1: the softmax ran over an axis of length 1, so each score was divided "
                "by itself. With a (T, 1) column of scores, normalise over axis 0 (the T positions), "
                "or keep the scores a flat vector of shape (T,).")
    return None


@diagnose
def weighted_keys(compute_attention):
    context, weights = _learner(compute_attention)
    if _same(weights, reference(**PROBE)[1]) and _same(context, weights @ PROBE["keys"]):
        return ("Your weights are right, but the context is a weighted sum of the keys. Keys decide "
                "where to look; the values are what gets passed on: context = weights @ values.")
    return None


@diagnose
def wrong_context_product(compute_attention):
    context, weights = _learner(compute_attention)
    right = reference(**PROBE)[1]
    if _same(weights, right) and (_same(context, (right[:, None] * PROBE["values"]).sum(axis=1))
                                  or _same(context, PROBE["values"] @ right)):
        return ("Your weights are right, but the context sums each row of values across its own "
                "entries. Weight the rows and add them up position by position: weights @ values, "
                "which has one entry per column of values.")
    return None


@diagnose
def overflow_on_large_scores(compute_attention):
    if not _same(_learner(compute_attention)[1], reference(**PROBE)[1]):
        return None
    context, weights = _learner(compute_attention, LARGE)
    if np.all(np.isfinite(weights)) and np.all(np.isfinite(context)):
        return None
    return ("Your attention is right for small scores but gives nan when the scores reach the thousands: "
            "np.exp overflows to inf, and inf / inf is nan. Subtract the largest score before np.exp.")
