"""Checks for the perplexity lab: public ones run on Run, hidden ones join on Check."""
import numpy as np
from grader import NONE_MESSAGE, check, diagnose, expect_close, expect_true, fail

# 1/2, 1/4 and 1/8: the losses are ln 2, 2 ln 2 and 3 ln 2, so the mean loss is
# 2 ln 2 and the perplexity exactly 4, while the plain averages of p and of 1/p
# give other numbers.
HALVES = np.array([0.5, 0.25, 0.125])


def reference(p):
    return float(np.exp(-np.mean(np.log(np.asarray(p, dtype=float)))))


def expect_rejected(perplexity, p, why):
    try:
        got = perplexity(p)
    except ValueError:
        return
    except Exception as exc:
        fail(f"{why}: expected a ValueError, but it raised {type(exc).__name__}: {exc}")
    fail(f"{why}: expected a ValueError, but it returned {got!r}", inputs={"p": np.asarray(p)}, got=got)


# ---------------------------------------------------------------- public checks

@check("returns a single number")
def single_number(perplexity):
    got = perplexity(HALVES)
    expect_true(got is not None, NONE_MESSAGE)
    expect_true(np.ndim(got) == 0 and not isinstance(got, str),
                f"expected one number, got {type(got).__name__} of shape {np.shape(got)}", got=got)


@check("guessing uniformly among 4 characters gives perplexity 4")
def uniform_four(perplexity):
    expect_close(perplexity(np.full(10, 0.25)), 4.0)


@check("probabilities 1/2, 1/4, 1/8 give perplexity 4")
def halves(perplexity):
    expect_close(perplexity(HALVES), 4.0)


# ---------------------------------------------------------------- hidden checks

@check("certain and right at every step gives perplexity 1", public=False)
def perfect(perplexity):
    expect_close(perplexity(np.ones(7)), 1.0)


@check("uniform over Tiny Shakespeare's 65 characters gives 65", public=False)
def uniform_65(perplexity):
    expect_close(perplexity(np.full(100, 1 / 65)), 65.0)


@check("5,000 steps do not underflow", public=False)
def long_text(perplexity):
    p = np.random.default_rng(5000).uniform(0.01, 0.2, size=5000)
    expect_close(perplexity(p), reference(p))


@check("the order of the steps does not matter; a list works too", public=False)
def order_and_list(perplexity):
    p = np.random.default_rng(7).uniform(0.05, 1.0, size=12)
    expect_close(perplexity(p[::-1].tolist()), reference(p))


@check("a single step: perplexity is 1 / p", public=False)
def single_step(perplexity):
    expect_close(perplexity(np.array([0.8])), 1.25)


@check("an empty input is rejected with a ValueError", public=False)
def empty(perplexity):
    expect_rejected(perplexity, np.array([]), "p is empty")


@check("a zero or negative probability is rejected with a ValueError", public=False)
def zero(perplexity):
    expect_rejected(perplexity, np.array([0.5, 0.0, 0.25]), "p contains 0")
    expect_rejected(perplexity, np.array([0.5, -0.25]), "p contains -0.25")


@check("a 'probability' above 1 is rejected with a ValueError", public=False)
def above_one(perplexity):
    expect_rejected(perplexity, np.array([0.5, 1.5]), "p contains 1.5")


# ---------------------------------------------------------------- diagnoses

def _value(perplexity, p):
    try:
        got = perplexity(p)
        return float(got) if np.ndim(got) == 0 else None
    except Exception:
        return None


@diagnose
def product_underflow(perplexity):
    long = np.full(2000, 0.1)  # the product is 1e-2000: 0.0 in float64
    if np.isclose(_value(perplexity, HALVES) or 0.0, 4.0) and not np.isclose(_value(perplexity, long) or 0.0, 10.0):
        return ("Right on short inputs, wrong on 2,000 steps: np.prod of thousands of probabilities "
                "underflows to 0.0, and 0.0 ** (-1 / T) is inf. Work with logs: "
                "np.exp(-np.mean(np.log(p))).")
    return None


@diagnose
def reciprocal_of_perplexity(perplexity):
    if np.isclose(_value(perplexity, HALVES) or 0.0, 0.25):
        return ("You got 0.25 where the answer is 4: you left out the minus sign, so you computed "
                "exp(mean(log p)), the geometric mean of the probabilities. Perplexity is its "
                "inverse, exp(-mean(log p)), always at least 1.")
    return None


@diagnose
def total_not_mean(perplexity):
    if np.isclose(_value(perplexity, HALVES) or 0.0, 64.0):
        return ("You got 64 where the answer is 4: you exponentiated the total loss. Take the mean "
                "of the per-step losses first (np.mean), then np.exp.")
    return None


@diagnose
def mixed_bases(perplexity):
    got = _value(perplexity, HALVES) or 0.0
    mean_nats = -np.mean(np.log(HALVES))
    if np.isclose(got, 2.0 ** mean_nats) or np.isclose(got, np.exp(-np.mean(np.log2(HALVES)))):
        return ("You mixed the bases of the logarithm: a loss in nats (np.log) is undone by np.exp, "
                "a loss in bits (np.log2) by 2 ** loss. With matching bases the answer is the same "
                "either way.")
    return None


@diagnose
def mean_of_inverses(perplexity):
    if np.isclose(_value(perplexity, HALVES) or 0.0, np.mean(1 / HALVES)):
        return ("You averaged 1 / p, which gives 4.667 for 1/2, 1/4, 1/8 instead of 4. Perplexity "
                "averages the losses -log p and then undoes the log: exp(-mean(log p)), the "
                "geometric rather than the arithmetic mean of 1 / p.")
    return None


@diagnose
def inverse_of_mean(perplexity):
    if np.isclose(_value(perplexity, HALVES) or 0.0, 1 / np.mean(HALVES)):
        return ("You inverted the average probability (1 / mean(p) = 3.429 for 1/2, 1/4, 1/8). "
                "One confident miss should cost a lot, which the plain average hides: average the "
                "losses -log p instead, then take np.exp.")
    return None
