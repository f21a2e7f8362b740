# feedback: the softmax ran over an axis of length 1
import numpy as np


def compute_attention(query, keys, values):
    scores = keys @ query[:, None]  # (T, 1): a column of scores
    # Normalising along axis 1 divides each score by itself: every weight is 1.
    e = np.exp(scores - np.max(scores, axis=1, keepdims=True))
    weights = e / np.sum(e, axis=1, keepdims=True)
    context = np.sum(weights * values, axis=0)
    return context, weights[:, 0]
