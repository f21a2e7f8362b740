# feedback: Your compute_attention changed its input `values` in place
import numpy as np


def compute_attention(query, keys, values):
    scores = keys @ query
    e = np.exp(scores - np.max(scores))
    weights = e / np.sum(e)
    # Right numbers, but `*=` scales the caller's own value rows.
    values *= weights[:, None]
    return values.sum(axis=0), weights
