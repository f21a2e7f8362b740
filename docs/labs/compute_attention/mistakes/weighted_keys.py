# feedback: the context is a weighted sum of the keys
import numpy as np


def compute_attention(query, keys, values):
    scores = keys @ query
    e = np.exp(scores - np.max(scores))
    weights = e / np.sum(e)
    return weights @ keys, weights  # keys where the values belong
