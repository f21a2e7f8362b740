# feedback: You blend the values with the raw scores
import numpy as np


def compute_attention(query, keys, values):
    scores = keys @ query
    # The scores go straight into the blend: negative ones subtract, and nothing sums to 1.
    return scores @ values, scores
