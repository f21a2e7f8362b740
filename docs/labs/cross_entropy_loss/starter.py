import numpy as np

EPS = 1e-12  # the smallest probability the log is allowed to see


def cross_entropy_loss(probs, targets):
    """Mean cross-entropy of next-character forecasts, in nats per character.

    Args:
        probs:   np.ndarray (T, V): row t is the model's probability
                 distribution over the V characters at step t (each row is
                 already a softmax output: entries in [0, 1], summing to 1).
        targets: T integers (an array or a list): targets[t] is the index
                 of the character that really came next after step t.

    Returns:
        A float: the mean over the T steps of -log(probs[t, targets[t]]),
        with the natural logarithm. Probabilities are clipped to at least
        EPS before the log, so a probability of exactly 0 costs
        -log(1e-12) = 27.63 instead of infinity.

    Raises:
        ValueError: if probs is not 2-D, or if there is not exactly one
        target per row of probs.
    """
    # TODO: check the shapes, pick the probability of each true character,
    # and average their negative logs.
    pass
