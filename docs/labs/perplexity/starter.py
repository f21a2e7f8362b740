import numpy as np


def perplexity(p):
    """Perplexity of a model from the probabilities it gave to the true characters.

    Args:
        p: T probabilities (an np.ndarray of shape (T,) or a list): p[t] is
           the probability the model gave, at step t, to the character that
           really came next.

    Returns:
        A float: exp(mean over t of -log p[t]), the exponential of the mean
        cross-entropy in nats. A model that is certain and right at every
        step scores 1; one that guesses uniformly among V characters scores V.

    Raises:
        ValueError: if p is empty, or if any p[t] is not in (0, 1].
    """
    # TODO: validate p, average the per-step losses, undo the log.
    pass
