# feedback: You return the softmax of the scores, the attention weights
import numpy as np


def additive_score(query, keys, W_q, W_k, v):
    scores = np.tanh(keys @ W_k.T + W_q @ query) @ v
    e = np.exp(scores - np.max(scores))
    return e / np.sum(e)  # one step too far: weights, not scores
