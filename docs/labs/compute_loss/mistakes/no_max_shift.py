# feedback: np.exp overflows
import numpy as np


def compute_loss(predictions, targets):
    e = np.exp(predictions)
    probs = e / e.sum(axis=1, keepdims=True)
    return float(-np.log(probs[np.arange(len(targets)), targets]).mean())
