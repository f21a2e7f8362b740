"""Checks for the cross_entropy_loss lab: public ones run on Run, hidden ones join on Check."""
import numpy as np
from grader import NONE_MESSAGE, check, diagnose, expect_close, expect_true, fail

EPS = 1e-12

# The "hello" example with vocabulary h, e, l, o: the forecasts after h, e, l, l
# and the characters that really came next (e, l, l, o).
HELLO_PROBS = np.array([[0.03, 0.10, 0.00, 0.87],
                        [0.20, 0.10, 0.60, 0.10],
                        [0.05, 0.05, 0.70, 0.20],
                        [0.10, 0.10, 0.40, 0.40]])
HELLO_TARGETS = np.array([1, 2, 2, 3])


def reference(probs, targets):
    p = np.array([probs[t, k] for t, k in enumerate(targets)])
    return float(np.mean(-np.log(np.maximum(p, EPS))))


def random_probs(seed, T, V):
    rng = np.random.default_rng(seed)
    logits = rng.normal(scale=2.0, size=(T, V))
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True), rng.integers(0, V, size=T)


def raises_value_error(fn, *args):
    try:
        fn(*args)
    except ValueError:
        return True
    except Exception as exc:
        fail(f"raised {type(exc).__name__}: {exc}; expected a ValueError about the shapes")
    return False


# ---------------------------------------------------------------- public checks

@check("returns a single number")
def single_number(cross_entropy_loss):
    got = cross_entropy_loss(HELLO_PROBS, HELLO_TARGETS)
    expect_true(got is not None, NONE_MESSAGE)
    expect_true(np.ndim(got) == 0 and not isinstance(got, (str, bytes)),
                f"expected one number for the whole sequence, got {type(got).__name__} "
                f"of shape {np.shape(got)}", got=got)


@check("one step: -log of the true character's probability")
def one_step(cross_entropy_loss):
    # Worked out by hand: -ln(0.8) = 0.2231.
    expect_close(cross_entropy_loss(np.array([[0.1, 0.8, 0.1]]), [1]), -np.log(0.8))


@check("the 'hello' forecasts, four steps")
def hello(cross_entropy_loss):
    expect_close(cross_entropy_loss(HELLO_PROBS, HELLO_TARGETS), reference(HELLO_PROBS, HELLO_TARGETS))


# ---------------------------------------------------------------- hidden checks

@check("certain and right costs nothing", public=False)
def perfect(cross_entropy_loss):
    expect_close(cross_entropy_loss(np.eye(4)[[2, 0, 3]], [2, 0, 3]), 0.0)


@check("a uniform forecast over V characters costs log V", public=False)
def uniform(cross_entropy_loss):
    expect_close(cross_entropy_loss(np.full((6, 65), 1 / 65), [0, 5, 9, 64, 12, 33]), np.log(65))


@check("a probability of exactly 0 gives a large finite loss, not inf", public=False)
def zero_probability(cross_entropy_loss):
    probs = np.array([[0.0, 1.0], [0.5, 0.5]])
    expect_close(cross_entropy_loss(probs, [0, 1]), reference(probs, [0, 1]))


@check("the mean, not the sum: repeating the steps keeps the loss", public=False)
def mean_not_sum(cross_entropy_loss):
    once = cross_entropy_loss(HELLO_PROBS, HELLO_TARGETS)
    expect_close(cross_entropy_loss(np.vstack([HELLO_PROBS] * 3), np.tile(HELLO_TARGETS, 3)), once)


@check("200 steps over a 65-character vocabulary, targets as a list", public=False)
def long_sequence(cross_entropy_loss):
    probs, targets = random_probs(seed=65, T=200, V=65)
    expect_close(cross_entropy_loss(probs, targets.tolist()), reference(probs, targets))


@check("one target too few is rejected with a ValueError", public=False)
def too_few_targets(cross_entropy_loss):
    expect_true(raises_value_error(cross_entropy_loss, HELLO_PROBS, HELLO_TARGETS[:3]),
                "4 rows of probs but only 3 targets: expected a ValueError, but a result came back")


@check("a 1-D probs (one step without its row) is rejected with a ValueError", public=False)
def one_dimensional(cross_entropy_loss):
    expect_true(raises_value_error(cross_entropy_loss, np.array([0.1, 0.8, 0.1]), [1]),
                "probs of shape (3,) is not (T, V): expected a ValueError, but a result came back")


# ---------------------------------------------------------------- diagnoses

def _same(got, want):
    try:
        return np.ndim(got) == 0 and np.isclose(float(got), want, rtol=1e-6)
    except (TypeError, ValueError):
        return False


@diagnose
def all_pairs(cross_entropy_loss):
    block = HELLO_PROBS[:, HELLO_TARGETS]  # (T, T): every row with every target
    if _same(cross_entropy_loss(HELLO_PROBS, HELLO_TARGETS), float(-np.mean(np.log(np.maximum(block, EPS))))):
        return ("probs[:, targets] pairs every row with every target, a (T, T) block, so you "
                "averaged T * T probabilities. Pair row t with its own target: "
                "probs[np.arange(T), targets].")
    return None


@diagnose
def no_clipping(cross_entropy_loss):
    got = cross_entropy_loss(np.array([[0.0, 1.0], [0.5, 0.5]]), [0, 1])
    if np.ndim(got) == 0 and np.isinf(float(got)):
        return ("A probability of exactly 0 made np.log return -inf, so one step made the whole "
                "loss infinite (and, in training, the gradient useless). np.clip the probabilities "
                "to at least 1e-12 before the log.")
    return None


@diagnose
def summed(cross_entropy_loss):
    T = len(HELLO_TARGETS)
    if _same(cross_entropy_loss(HELLO_PROBS, HELLO_TARGETS), T * reference(HELLO_PROBS, HELLO_TARGETS)):
        return ("You added up the losses of the T steps. The lab asks for the mean (np.mean), "
                "the loss per character, so that sequences of different lengths compare.")
    return None


@diagnose
def missing_minus(cross_entropy_loss):
    if _same(cross_entropy_loss(HELLO_PROBS, HELLO_TARGETS), -reference(HELLO_PROBS, HELLO_TARGETS)):
        return ("Your loss is negative. A probability is at most 1, so its log is at most 0: "
                "cross-entropy is minus the log, which makes it positive and lower for better "
                "forecasts.")
    return None


@diagnose
def wrong_base(cross_entropy_loss):
    got = cross_entropy_loss(HELLO_PROBS, HELLO_TARGETS)
    nats = reference(HELLO_PROBS, HELLO_TARGETS)
    for name, base in (("np.log2 (bits)", 2.0), ("np.log10", 10.0)):
        if _same(got, nats / np.log(base)):
            return (f"You used {name}. The lab's loss is in nats, with the natural logarithm "
                    "np.log; that is what a softmax output layer and its gradient pair with.")
    return None


@diagnose
def every_probability(cross_entropy_loss):
    everything = float(-np.mean(np.log(np.maximum(HELLO_PROBS, EPS))))
    if _same(cross_entropy_loss(HELLO_PROBS, HELLO_TARGETS), everything):
        return ("You averaged -log over every probability of every row, so targets played no "
                "part. Only the probability given to the true next character counts: "
                "probs[np.arange(T), targets].")
    return None
