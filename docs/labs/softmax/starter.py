import numpy as np


def softmax(y):
    """Turn a vector of logits into a probability distribution.

    Args:
        y: np.ndarray of shape (V,), one real score (a "logit") per class,
           for instance per character of a vocabulary. Logits can be any
           real numbers: negative, zero, or as large as 1000.

    Returns:
        np.ndarray of shape (V,) with p[i] = exp(y[i]) / sum_j exp(y[j]):
        every entry lies between 0 and 1 and the entries add up to 1.
    """
    # TODO: exponentiate the logits, then normalise so that they sum to 1.
    # Keep it numerically stable: np.exp overflows to inf above about 709.
    pass
