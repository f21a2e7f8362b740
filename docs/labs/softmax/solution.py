import numpy as np


def softmax(y):
    """Turn a vector of logits into a probability distribution.

    Args:
        y: np.ndarray of shape (V,), one real score (a "logit") per class.

    Returns:
        np.ndarray of shape (V,): entries in [0, 1] that add up to 1.
    """
    # Shifting every logit by the same constant multiplies numerator and
    # denominator by the same factor, so the result is unchanged; with the
    # largest logit at 0, np.exp never sees anything above exp(0) = 1.
    z = y - np.max(y)
    e = np.exp(z)
    return e / np.sum(e)
