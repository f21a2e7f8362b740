"""Checks for the compute_loss lab: public ones run on Run, hidden ones join on Check."""
import math

import numpy as np
from grader import check, diagnose, expect_close, expect_true, show


def reference(predictions, targets):
    z = predictions - predictions.max(axis=1, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-log_probs[np.arange(len(targets)), targets].mean())


def random_case(seed, T, V, scale=2.0):
    """Logits and targets drawn with a fixed seed (T != V, so a wrong axis shows)."""
    rng = np.random.default_rng(seed)
    return rng.normal(scale=scale, size=(T, V)), rng.integers(0, V, size=T)


# ---------------------------------------------------------------- public checks

@check("uniform scores give ln(V) per character")
def uniform_scores(compute_loss):
    expect_close(compute_loss(np.zeros((5, 8)), np.array([0, 3, 7, 1, 2])), math.log(8))


@check("matches the reference on random scores (T=6, V=4)")
def random_small(compute_loss):
    predictions, targets = random_case(seed=0, T=6, V=4)
    expect_close(compute_loss(predictions, targets), reference(predictions, targets))


@check("large scores (around 1000) give a finite, correct loss")
def large_scores(compute_loss):
    predictions, targets = random_case(seed=1, T=4, V=5)
    predictions = predictions + 1000.0
    got = compute_loss(predictions, targets)
    try:
        finite = math.isfinite(float(got))
    except (TypeError, ValueError):
        finite = True  # not a number at all: expect_close below says so
    expect_true(finite, f"the loss is {show(got)}, not a finite number", got=got)
    expect_close(got, reference(predictions, targets))


# ---------------------------------------------------------------- hidden checks

@check("a confident, correct prediction costs almost nothing", public=False)
def confident_right(compute_loss):
    predictions = np.array([[20.0, 0.0, 0.0], [0.0, 0.0, 20.0]])
    got = compute_loss(predictions, np.array([0, 2]))
    expect_close(got, reference(predictions, np.array([0, 2])), rtol=1e-6, atol=1e-12)


@check("a confident, wrong prediction costs a lot", public=False)
def confident_wrong(compute_loss):
    predictions = np.array([[20.0, 0.0, 0.0], [0.0, 0.0, 20.0]])
    expect_close(compute_loss(predictions, np.array([1, 0])), reference(predictions, np.array([1, 0])))


@check("the same loss for a sequence twice as long made of the same steps", public=False)
def mean_not_sum(compute_loss):
    predictions, targets = random_case(seed=2, T=5, V=6)
    once = compute_loss(predictions, targets)
    twice = compute_loss(np.vstack([predictions, predictions]), np.concatenate([targets, targets]))
    expect_close(twice, reference(predictions, targets))
    expect_close(once, reference(predictions, targets))


@check("a single step (T=1, V=27)", public=False)
def single_step(compute_loss):
    predictions, targets = random_case(seed=3, T=1, V=27)
    expect_close(compute_loss(predictions, targets), reference(predictions, targets))


@check("very negative scores (around -1000) give a finite, correct loss", public=False)
def very_negative(compute_loss):
    predictions, targets = random_case(seed=4, T=3, V=4)
    predictions = predictions - 1000.0
    expect_close(compute_loss(predictions, targets), reference(predictions, targets))


# ---------------------------------------------------------------- diagnoses

CASE = random_case(seed=10, T=6, V=4)


def _close(got, want):
    try:
        return math.isclose(float(got), want, rel_tol=1e-6, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


@diagnose
def sum_not_mean(compute_loss):
    predictions, targets = CASE
    if _close(compute_loss(predictions, targets), reference(predictions, targets) * len(targets)):
        return ("You return the sum over the sequence, so a longer sequence looks worse even when "
                "every prediction is as good. Divide by the number of steps: take .mean().")
    return None


@diagnose
def softmax_over_time(compute_loss):
    predictions, targets = CASE
    if _close(compute_loss(predictions, targets), _column_softmax_loss(predictions, targets)):
        return ("Your softmax runs down each column (axis=0, over time), so it compares one "
                "character's score across steps. Each step's probabilities come from its own row: "
                "use axis=1 with keepdims=True.")
    return None


def _column_softmax_loss(predictions, targets):
    z = predictions - predictions.max(axis=0, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=0, keepdims=True))
    return float(-log_probs[np.arange(len(targets)), targets].mean())


@diagnose
def scores_as_probabilities(compute_loss):
    predictions = np.array([[0.5, 0.2, 0.3], [0.1, 0.6, 0.3]])
    targets = np.array([0, 1])
    want = float(-np.log(predictions[[0, 1], targets]).mean())
    if _close(compute_loss(predictions, targets), want):
        return ("You take the log of the raw scores as if they were probabilities. Scores are "
                "logits: they can be negative and need not sum to 1. Apply a softmax to each row first.")
    return None


@diagnose
def no_max_shift(compute_loss):
    predictions, targets = CASE
    if not _close(compute_loss(predictions, targets), reference(predictions, targets)):
        return None
    got = compute_loss(predictions + 1000.0, targets)
    if not math.isfinite(float(got)):
        return ("np.exp overflows for large scores (np.exp(1000) is inf, and inf / inf is nan). "
                "Subtract each row's maximum before exponentiating; softmax does not change.")
    return None
