import numpy as np


def additive_score(query, keys, W_q, W_k, v):
    """Bahdanau's additive attention scores.

    Shapes: query (d_q,), keys (T, d_k), W_q (A, d_q), W_k (A, d_k), v (A,) -> (T,).
    """
    # keys @ W_k.T is W_k @ keys[i] for every i at once: (T, A). The query's
    # projection, (A,), broadcasts onto each of those rows.
    hidden = np.tanh(keys @ W_k.T + W_q @ query)  # (T, A)
    return hidden @ v  # (T,): one score per key
