# feedback: You return the sum over the sequence
import numpy as np


def compute_loss(predictions, targets):
    z = predictions - predictions.max(axis=1, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-log_probs[np.arange(len(targets)), targets].sum())
