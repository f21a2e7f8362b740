import numpy as np


def compute_loss(predictions, targets):
    """Mean cross-entropy in nats: (T, V) logits and (T,) target indices -> float."""
    # Shifting each row by its maximum leaves softmax unchanged and keeps exp from overflowing.
    z = predictions - predictions.max(axis=1, keepdims=True)  # (T, V), every row's max is 0
    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))  # log-softmax over the vocabulary
    T = len(targets)
    return float(-log_probs[np.arange(T), targets].mean())  # one log-probability per step, averaged
