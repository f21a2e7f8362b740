import numpy as np


def compute_loss(predictions, targets):
    """Mean cross-entropy of a sequence of next-character predictions.

    Args:
        predictions: np.ndarray (T, V)  unnormalised scores (logits), one row per time step.
        targets:     np.ndarray (T,)    the index of the character that really came next at each step.

    Returns:
        float: the average over the T steps of -log softmax(predictions[t])[targets[t]],
        in nats per character. It must stay finite for large scores (e.g. 1000).
    """
    # TODO: a softmax per row, the log-probability of each target, the mean.
    pass
