# feedback: without v
import numpy as np


def additive_score(query, keys, W_q, W_k, v):
    return np.tanh(keys @ W_k.T + W_q @ query).sum(axis=1)  # every entry weighs 1
