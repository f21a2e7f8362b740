# feedback: Your softmax runs down each column
import numpy as np


def compute_loss(predictions, targets):
    z = predictions - predictions.max(axis=0, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=0, keepdims=True))
    return float(-log_probs[np.arange(len(targets)), targets].mean())
