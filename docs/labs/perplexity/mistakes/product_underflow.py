# feedback: underflows to 0.0, and 0.0 ** (-1 / T) is inf
import numpy as np


def perplexity(p):
    p = np.asarray(p, dtype=float)
    if p.size == 0 or not np.all((p > 0) & (p <= 1)):
        raise ValueError("probabilities must lie in (0, 1]")
    # The textbook formula, taken literally: fine for 10 steps, not for 2,000.
    return float(np.prod(p) ** (-1 / p.size))
