# feedback: A weight matrix is used the wrong way round (transposed)
import numpy as np


def additive_score(query, keys, W_q, W_k, v):
    scores = []
    for k in keys:
        # W_k.T @ k: runs for square matrices only, and gives the wrong numbers there.
        scores.append(v @ np.tanh(W_q @ query + W_k.T @ k))
    return np.array(scores)
