"""Checks for the softmax lab: public ones run on Run, hidden ones join on Check."""
import numpy as np
from grader import check, diagnose, expect_close, expect_shape

# Used by the diagnoses: mixed signs, a sum (2.5) far from 0 and 1, and no
# ties, so that each typical mistake gives a different answer on it.
PROBE = np.array([2.0, 0.5, 1.0, -1.0])
LARGE = np.array([1000.0, 999.0, 998.0, 990.0])


def reference(y):
    """Softmax as the lab expects it, computed in float64 with the max subtracted."""
    e = np.exp(y - np.max(y))
    return e / np.sum(e)


# ---------------------------------------------------------------- public checks

@check("returns one probability per logit")
def one_probability_per_logit(softmax):
    expect_shape(softmax(np.array([1.0, 2.0, 3.0, 4.0])), (4,))


@check("the probabilities add up to 1")
def adds_up_to_one(softmax):
    y = np.array([2.0, 1.0, 0.1, -1.5])
    p = expect_shape(softmax(y), y.shape)
    expect_close(np.sum(p), 1.0, inputs={"y": y})


@check("matches a small worked example")
def worked_example(softmax):
    # Written out without the max trick, so the check does not lean on the
    # same code path as the solution; these logits are small enough for it.
    y = np.array([2.0, 0.5, 1.0])
    expect_close(softmax(y), np.exp(y) / np.sum(np.exp(y)))


# ---------------------------------------------------------------- hidden checks

@check("large logits such as 1000 do not overflow", public=False)
def large_logits(softmax):
    expect_close(softmax(LARGE), reference(LARGE))


@check("adding the same constant to every logit changes nothing", public=False)
def shift_invariance(softmax):
    y = np.array([0.5, -1.0, 2.0, 0.0])
    before = expect_shape(softmax(y), y.shape)
    after = softmax(y + 10.0)
    expect_close(after, before, inputs={"y": y, "y + 10": y + 10.0})


@check("negative logits", public=False)
def negative_logits(softmax):
    y = np.array([-1.0, -2.5, -0.3, -4.0])
    expect_close(softmax(y), reference(y))


@check("equal logits give a uniform distribution", public=False)
def uniform(softmax):
    expect_close(softmax(np.full(5, 2.0)), np.full(5, 0.2))


@check("a single logit gets probability 1", public=False)
def single_logit(softmax):
    expect_close(softmax(np.array([3.7])), np.array([1.0]))


@check("a 65-character vocabulary", public=False)
def vocabulary(softmax):
    # Tiny Shakespeare has 65 distinct characters: a realistic output layer.
    y = np.random.default_rng(65).normal(scale=3.0, size=65)
    expect_close(softmax(y), reference(y))


# ---------------------------------------------------------------- diagnoses
# Most specific first. Each one reruns the learner's function on PROBE (or on
# LARGE) and compares it with what a particular mistake would produce.

def _same(got, want):
    got = np.asarray(got, dtype=float)
    return got.shape == want.shape and np.allclose(got, want, rtol=1e-6, atol=1e-9)


@diagnose
def summed_over_a_missing_axis(softmax):
    try:
        softmax(PROBE)
    except np.exceptions.AxisError:
        return ("`y` is a 1-D vector, so it only has axis 0: summing over axis=1 fails. "
                "Sum the whole vector with np.sum(e) (axis=-1 also works, even for a batch).")
    return None


@diagnose
def returned_log_probabilities(softmax):
    z = PROBE - np.max(PROBE)
    if _same(softmax(PROBE), z - np.log(np.sum(np.exp(z)))):
        return ("Your outputs are all ≤ 0 and their exponentials add up to 1: you computed "
                "log-softmax. Softmax is one step away: return the exponentials divided by their sum.")
    return None


@diagnose
def normalised_without_exp(softmax):
    p, z = softmax(PROBE), PROBE - np.max(PROBE)
    if _same(p, PROBE / np.sum(PROBE)) or _same(p, z / np.sum(z)):
        return ("You divided the logits by their sum without exponentiating them first. That breaks "
                "as soon as a logit is negative (a negative 'probability') or the logits sum to 0: "
                "apply np.exp, then normalise.")
    return None


@diagnose
def wrong_normalisation(softmax):
    p = np.asarray(softmax(PROBE), dtype=float)
    e = np.exp(PROBE - np.max(PROBE))
    if _same(p, e / np.sum(PROBE)) or _same(p, np.exp(PROBE) / np.sum(PROBE)):
        return ("You divided by the sum of the logits. The denominator is the sum of the "
                "exponentials, np.sum(np.exp(...)); only that makes the outputs add up to 1.")
    if _same(p, e):
        return ("Your largest output is exactly 1: you scaled by the largest exponential (or "
                "stopped right after subtracting the max). Divide by the sum of the exponentials "
                "instead, so that the outputs add up to 1.")
    ratio = p / reference(PROBE)
    if p.shape == PROBE.shape and np.allclose(ratio, ratio[0]) and not np.isclose(ratio[0], 1.0):
        return (f"Your outputs have the right proportions but add up to {np.sum(p):.4g}, not 1: "
                "divide the exponentials by their sum.")
    return None


@diagnose
def overflow_on_large_logits(softmax):
    if not _same(softmax(PROBE), reference(PROBE)):
        return None
    if np.all(np.isfinite(np.asarray(softmax(LARGE), dtype=float))):
        return None
    return ("Your softmax is right for small logits but gives nan for large ones such as 1000: "
            "np.exp(1000) overflows to inf, and inf / inf is nan. Subtract the largest logit before "
            "exponentiating; the shift cancels out, and the largest exponent becomes exp(0) = 1.")
