# feedback: Your scores have no tanh
import numpy as np


def additive_score(query, keys, W_q, W_k, v):
    return (keys @ W_k.T + W_q @ query) @ v  # linear: the query shifts every score alike
