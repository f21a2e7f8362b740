"""
Character n-gram baseline with interpolated absolute discounting, trained on the train split.

Counts are kept as sorted arrays of 64-bit context hashes (numpy), so orders up to 20 over
millions of characters fit in memory and take seconds. For each order n (context of n-1
characters) it returns the probability of every actual next character of an evaluation text:

    p_n(w | ctx) = (max(c(ctx, w) - D, 0) + D * T(ctx) * p_{n-1}(w | ctx')) / c(ctx),   D = 0.75

(Witten-Bell smoothing was tried first: it halves the probability of every continuation
unseen after a once-seen context, so its loss rises steeply beyond n = 5.) T(ctx) is the number of distinct characters seen after ctx, ctx' drops the oldest
character, and an unseen context falls back to p_{n-1}. p_0 is uniform over the vocabulary.
"""
import numpy as np

MUL = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit multiplier: hashes wrap modulo 2**64


def _lookup(keys, counts, query):
    """counts[k] where keys[k] == query, else 0 (keys sorted)."""
    pos = np.minimum(np.searchsorted(keys, query), len(keys) - 1)
    return np.where(keys[pos] == query, counts[pos], 0)


def ngram_probs(train, evals, vocab_size, max_n, discount=0.75):
    """
    train: int64 [M] tokens; evals: list of int64 [N] token arrays.
    Returns, per eval array, a float64 array [max_n, N-1]: row n-1 holds p_n(x[i] | x[i-n+1:i])
    for i = 1..N-1 (the first character has nothing to condition on and is not scored, as for the RNN).
    """
    train = train.astype(np.uint64)
    evals = [e.astype(np.uint64) for e in evals]
    h_tr = np.zeros(len(train), dtype=np.uint64)  # hash of the context before each position
    h_ev = [np.zeros(len(e), dtype=np.uint64) for e in evals]
    prev = [np.full(len(e) - 1, 1.0 / vocab_size) for e in evals]  # p_0: uniform
    out = [np.zeros((max_n, len(e) - 1)) for e in evals]
    with np.errstate(over="ignore"):
        for n in range(1, max_n + 1):
            k = n - 1  # context length
            if k > 0:  # extend every context by one older character (positions with i < k stay invalid)
                h_tr[k:] = h_tr[k:] * MUL + train[:-k] + np.uint64(1)
                for h, e in zip(h_ev, evals):
                    h[k:] = h[k:] * MUL + e[:-k] + np.uint64(1)
            ctx = h_tr[k:]                                   # [M-k] contexts in train
            pair = ctx * MUL + train[k:] + np.uint64(7)      # [M-k] (context, next char)
            ctx_keys, ctx_counts = np.unique(ctx, return_counts=True)
            pair_keys, first, pair_counts = np.unique(pair, return_index=True, return_counts=True)
            types_keys, types_counts = np.unique(ctx[first], return_counts=True)  # T(ctx)
            for j, (h, e) in enumerate(zip(h_ev, evals)):
                q = h[1:]                                    # contexts of positions 1..N-1
                c_ctx = _lookup(ctx_keys, ctx_counts, q).astype(np.float64)
                c_pair = _lookup(pair_keys, pair_counts, q * MUL + e[1:] + np.uint64(7)).astype(np.float64)
                t = _lookup(types_keys, types_counts, q).astype(np.float64)
                seen = c_ctx > 0
                if k > 0:
                    seen &= np.arange(1, len(e)) >= k        # a context must lie inside the eval text
                disc = np.maximum(c_pair - discount, 0) + discount * t * prev[j]
                p = np.where(seen, disc / np.maximum(c_ctx, 1), prev[j])
                out[j][n - 1] = p
                prev[j] = p
    return out
