# feedback: so targets played no part
import numpy as np


def cross_entropy_loss(probs, targets):
    probs = np.asarray(probs, dtype=float)
    if probs.ndim != 2 or len(targets) != probs.shape[0]:
        raise ValueError("shape mismatch")
    return float(-np.mean(np.log(np.clip(probs, 1e-12, 1.0))))
