# feedback: You return (weights, context)
import numpy as np


def compute_attention(query, keys, values):
    scores = keys @ query
    e = np.exp(scores - np.max(scores))
    weights = e / np.sum(e)
    return weights, weights @ values
