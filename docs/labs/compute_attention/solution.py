import numpy as np


def compute_attention(query, keys, values):
    """Dot-product attention for one query over T positions.

    Shapes: query (d,), keys (T, d), values (T, d_v) -> context (d_v,), weights (T,).
    """
    scores = keys @ query  # (T,): how well each key matches the query
    # Stable softmax: shifting by the largest score leaves the weights as they
    # are and keeps np.exp at or below exp(0) = 1.
    e = np.exp(scores - np.max(scores))
    weights = e / np.sum(e)  # (T,), sums to 1
    context = weights @ values  # (d_v,): the weighted sum of the value rows
    return context, weights
