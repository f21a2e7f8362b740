# feedback: You added up the losses of the T steps
import numpy as np


def cross_entropy_loss(probs, targets):
    probs, targets = np.asarray(probs, dtype=float), np.asarray(targets)
    if probs.ndim != 2 or targets.shape != (probs.shape[0],):
        raise ValueError("shape mismatch")
    p = np.clip(probs[np.arange(len(targets)), targets], 1e-12, 1.0)
    return float(-np.sum(np.log(p)))  # grows with the length of the text
