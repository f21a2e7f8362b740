"""Checks for the sample_with_temperature lab: public ones run on Run, hidden ones join on Check.

The grader copies a function's arguments before each call, so that a learner
cannot spoil a check's data. A random generator must not be copied: n calls
with one generator should make n successive draws, as in a real sampling
loop. So the checks hand the learner a SharedGenerator, a np.random.Generator
that copying leaves as it is, and compare the learner's n draws with n calls
of rng.choice(len(p), p=p) on a generator seeded the same way.
"""
import numpy as np
from grader import NONE_MESSAGE, check, diagnose, expect_true, fail

LOGITS = np.array([2.0, 1.0, 0.5, -1.0, 1.5])
CHI2_99_9 = {4: 18.47}  # the 0.999 quantile of chi-square with 4 degrees of freedom


class SharedGenerator(np.random.Generator):
    """A Generator that deepcopy returns unchanged, so its state carries from call to call."""

    def __deepcopy__(self, memo):
        return self


def softmax(z):
    e = np.exp(z - np.max(z))
    return e / np.sum(e)


def generator(seed):
    return SharedGenerator(np.random.PCG64(seed))


def reference_draws(logits, temperature, seed, n):
    p = softmax(np.asarray(logits, dtype=float) / temperature)
    rng = np.random.default_rng(seed)
    return np.array([rng.choice(len(p), p=p) for _ in range(n)])


def draws(sample, logits, temperature, seed, n):
    """n successive draws of the learner's function from one generator; fails on anything but indices."""
    rng, out = generator(seed), []
    for _ in range(n):
        i = sample(logits, temperature, rng)
        if i is None:
            fail(NONE_MESSAGE)
        if not isinstance(i, (int, np.integer)) or isinstance(i, bool) or not 0 <= i < len(logits):
            fail(f"expected an int index in [0, {len(logits)}), got {i!r}", got=i)
        out.append(int(i))
    return np.array(out)


def expect_same_draws(sample, logits, temperature, seed, n):
    got = draws(sample, logits, temperature, seed, n)
    want = reference_draws(logits, temperature, seed, n)
    if not np.array_equal(got, want):
        k = int(np.flatnonzero(got != want)[0])
        fail(f"draw {k} differs: rng.choice(len(p), p=p) gives {want[k]}, your function gave {got[k]}",
             inputs={"logits": np.asarray(logits), "temperature": temperature,
                     "rng": f"np.random.default_rng({seed}), the same one for all {n} calls"},
             expected=want, got=got)


def expect_rejected(sample, temperature):
    try:
        got = sample(LOGITS, temperature, generator(0))
    except ValueError as exc:
        expect_true("temperature" in str(exc).lower(),
                    f"the ValueError says {str(exc)!r}; it should say that the temperature is the problem")
        return
    except Exception as exc:
        fail(f"temperature={temperature} raised {type(exc).__name__}: {exc}; expected a ValueError")
    fail(f"temperature={temperature} returned {got!r}; expected a ValueError", got=got)


# ---------------------------------------------------------------- public checks

@check("returns an int index into the logits")
def returns_index(sample_with_temperature):
    draws(sample_with_temperature, LOGITS, 1.0, seed=1, n=1)


@check("the same seed gives the same draws as rng.choice(len(p), p=p), at τ = 1 and τ = 0.5")
def exact_draws(sample_with_temperature):
    expect_same_draws(sample_with_temperature, LOGITS, 1.0, seed=2, n=10)
    expect_same_draws(sample_with_temperature, LOGITS, 0.5, seed=3, n=10)


@check("τ = 0 is rejected with a ValueError about the temperature")
def zero_rejected(sample_with_temperature):
    expect_rejected(sample_with_temperature, 0.0)


# ---------------------------------------------------------------- hidden checks

@check("a negative τ is rejected with a ValueError too", public=False)
def negative_rejected(sample_with_temperature):
    expect_rejected(sample_with_temperature, -0.5)


@check("exact draws at τ = 2", public=False)
def exact_draws_high_temperature(sample_with_temperature):
    expect_same_draws(sample_with_temperature, LOGITS, 2.0, seed=4, n=10)


@check("a tiny τ = 0.001 is greedy: always the largest logit, and no overflow", public=False)
def tiny_temperature_is_greedy(sample_with_temperature):
    got = draws(sample_with_temperature, LOGITS, 1e-3, seed=5, n=40)
    expect_true(np.all(got == np.argmax(LOGITS)),
                f"expected index {np.argmax(LOGITS)} (the largest logit) every time",
                inputs={"logits": LOGITS, "temperature": 1e-3}, got=got)


@check("over 1,000 draws at τ = 2 the frequencies match softmax(logits / 2)", public=False)
def distribution(sample_with_temperature):
    n, V = 1000, len(LOGITS)
    counts = np.bincount(draws(sample_with_temperature, LOGITS, 2.0, seed=6, n=n), minlength=V)
    expected = n * softmax(LOGITS / 2.0)
    chi2 = float(np.sum((counts - expected) ** 2 / expected))
    expect_true(chi2 < CHI2_99_9[V - 1],
                f"the counts are too far from n * softmax(logits / 2): chi-square = {chi2:.1f}, "
                f"more than {CHI2_99_9[V - 1]} (a correct sampler goes past it one time in 1,000)",
                inputs={"logits": LOGITS, "temperature": 2.0, "draws": n},
                expected=np.round(expected, 1), got=counts)


@check("logits of 1000 and more do not overflow", public=False)
def large_logits(sample_with_temperature):
    expect_same_draws(sample_with_temperature, LOGITS + 1000.0, 1.0, seed=7, n=5)


@check("a 65-character vocabulary at τ = 0.8", public=False)
def vocabulary(sample_with_temperature):
    logits = np.random.default_rng(65).normal(scale=2.0, size=65)
    expect_same_draws(sample_with_temperature, logits, 0.8, seed=8, n=10)


# ---------------------------------------------------------------- diagnoses
# Most specific first. The draws are compared with those that a particular
# mistake would make from the same seeds.

def _draws_or_none(sample, temperature, seed=9, n=20):
    rng = generator(seed)
    try:
        return np.array([int(sample(LOGITS, temperature, rng)) for _ in range(n)])
    except Exception:
        return None


@diagnose
def global_generator(sample):
    first, second = _draws_or_none(sample, 1.0), _draws_or_none(sample, 1.0)
    if first is not None and second is not None and not np.array_equal(first, second):
        return ("The same seeded rng gave different draws on two calls: you draw from a global "
                "generator (np.random.choice, np.random.rand or the random module) instead of the "
                "rng argument. Use rng.choice(len(p), p=p).")
    return None


@diagnose
def zero_not_checked(sample):
    try:
        sample(LOGITS, 0.0, generator(0))
    except ValueError as exc:
        if "temperature" in str(exc).lower():
            return None
        message = f"ended in NumPy's ValueError {str(exc)!r}"
    except ZeroDivisionError:
        message = "raised ZeroDivisionError"
    else:
        message = "returned a result"
    return (f"With temperature 0 your function {message}: logits / 0 is inf, and inf - inf is nan. "
            "Check the temperature first: if temperature <= 0, raise "
            "ValueError(f\"temperature must be positive, got {temperature}\").")


@diagnose
def only_zero_rejected(sample):
    if _draws_or_none(sample, -0.5, n=3) is not None:
        return ("A negative temperature came back with a character. Dividing by it flips the order "
                "of the logits, so the least likely characters win. Reject every temperature <= 0, "
                "not just 0.")
    return None


@diagnose
def overflow_at_small_temperature(sample):
    if _draws_or_none(sample, 1.0) is not None and _draws_or_none(sample, 1e-3) is None:
        return ("Your function works at τ = 1 but fails at τ = 0.001: dividing by a small "
                "temperature makes the logits huge (2 / 0.001 = 2000), np.exp overflows to inf and "
                "the probabilities become nan. Subtract the largest scaled logit before np.exp.")
    return None


@diagnose
def always_greedy(sample):
    got = _draws_or_none(sample, 2.0)
    if got is not None and np.all(got == np.argmax(LOGITS)):
        return ("At τ = 2 you always returned the index of the largest logit. That is greedy "
                "decoding, the limit as τ approaches 0; at other temperatures the other characters "
                "must get their chance: draw with rng.choice(len(p), p=p).")
    return None


@diagnose
def wrong_scaling(sample):
    got = _draws_or_none(sample, 2.0)
    if got is None:
        return None
    by_mistake = {
        "multiplied the logits by the temperature": 2.0 * LOGITS,
        "left the temperature out (these are the draws of τ = 1)": LOGITS,
    }
    for mistake, logits in by_mistake.items():
        p, rng = softmax(logits), np.random.default_rng(9)
        if np.array_equal(got, [rng.choice(len(p), p=p) for _ in range(len(got))]):
            return (f"At τ = 2 your draws are those of softmax(logits) with the logits scaled the wrong "
                    f"way: you {mistake}. Divide: softmax(logits / temperature), so a high "
                    "temperature flattens the distribution and a low one sharpens it.")
    return None


@diagnose
def other_draw_method(sample):
    got = _draws_or_none(sample, 2.0, n=300)
    if got is None or np.array_equal(got, reference_draws(LOGITS, 2.0, 9, 300)):
        return None
    counts, expected = np.bincount(got, minlength=len(LOGITS)), 300 * softmax(LOGITS / 2.0)
    if np.sum((counts - expected) ** 2 / expected) < CHI2_99_9[len(LOGITS) - 1]:
        return ("Your draws follow the right distribution but not the same sequence as "
                "rng.choice(len(p), p=p): another way of drawing (rng.multinomial, rng.integers, "
                "or a second use of rng) turns the same seed into other characters. Make exactly "
                "one call, int(rng.choice(len(p), p=p)).")
    return None
