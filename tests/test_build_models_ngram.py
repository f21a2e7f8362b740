"""The n-gram baseline agrees with a plain dictionary implementation and is normalised."""
from collections import Counter

import numpy as np
import pytest

from build_models.ngram import ngram_probs

D = 0.75


def reference(train, ev, V, max_n):
    """Interpolated absolute discounting with Python dicts: out[n-1][i-1] = p_n(ev[i] | ev[:i])."""
    out = np.zeros((max_n, len(ev) - 1))
    for i in range(1, len(ev)):
        p = 1.0 / V
        for n in range(1, max_n + 1):
            k = n - 1
            if i >= k:
                ctx = tuple(ev[i - k:i])
                follow = Counter(train[j] for j in range(k, len(train)) if tuple(train[j - k:j]) == ctx)
                c = sum(follow.values())
                if c:
                    p = (max(follow[ev[i]] - D, 0) + D * len(follow) * p) / c
            out[n - 1, i - 1] = p
    return out


def test_ngram_matches_dictionary_reference():
    rng = np.random.default_rng(0)
    train = rng.integers(0, 4, 300)
    ev = np.concatenate([train[50:80], rng.integers(0, 5, 20)])  # seen and unseen contexts; token 4 never in train
    (got,) = ngram_probs(train, [ev], 5, 5)
    np.testing.assert_allclose(got, reference(train.tolist(), ev.tolist(), 5, 5), rtol=1e-12)


@pytest.mark.parametrize("n", [1, 3, 6])
def test_ngram_probabilities_sum_to_one_over_the_vocabulary(n):
    rng = np.random.default_rng(1)
    V = 6
    train = rng.integers(0, V, 500)
    ctx = train[100:110]
    evals = [np.concatenate([ctx, [w]]) for w in range(V)]  # the same context, every next character
    probs = [p[n - 1, -1] for p in ngram_probs(train, evals, V, n)]
    assert sum(probs) == pytest.approx(1.0, abs=1e-12)
