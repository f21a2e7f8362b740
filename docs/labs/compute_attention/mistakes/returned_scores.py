# feedback: the second thing you return is the raw scores
import numpy as np


def compute_attention(query, keys, values):
    scores = keys @ query
    e = np.exp(scores - np.max(scores))
    weights = e / np.sum(e)
    return weights @ values, scores  # the scores, where the weights were asked for
