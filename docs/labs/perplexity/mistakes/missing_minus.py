# feedback: you left out the minus sign
import numpy as np


def perplexity(p):
    p = np.asarray(p, dtype=float)
    if p.size == 0 or not np.all((p > 0) & (p <= 1)):
        raise ValueError("probabilities must lie in (0, 1]")
    return float(np.exp(np.mean(np.log(p))))
