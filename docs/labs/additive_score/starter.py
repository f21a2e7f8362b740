import numpy as np


def additive_score(query, keys, W_q, W_k, v):
    """Bahdanau's additive attention scores: one score per key.

    Args:
        query: np.ndarray (d_q,)     the decoder's state, what it looks for.
        keys:  np.ndarray (T, d_k)   one encoder state per source position.
        W_q:   np.ndarray (A, d_q)   projects the query into the A-wide attention space.
        W_k:   np.ndarray (A, d_k)   projects each key into the same space.
        v:     np.ndarray (A,)       turns a projected vector into one number.

    Returns:
        np.ndarray (T,) with, for every key i,
            scores[i] = v · tanh(W_q @ query + W_k @ keys[i])
        These are scores, not weights: no softmax here (the attention weights
        would be their softmax).

    A loop over the keys is fine; one vectorised expression is shorter.
    """
    # TODO: project the query and the keys, add, tanh, then dot with v.
    pass
