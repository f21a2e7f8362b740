import numpy as np

EPS = 1e-12  # the smallest probability the log is allowed to see


def cross_entropy_loss(probs, targets):
    """Mean cross-entropy of next-character forecasts, in nats per character.

    Shapes: probs (T, V), targets (T,) integers -> a float.
    """
    probs = np.asarray(probs, dtype=float)
    targets = np.asarray(targets)
    if probs.ndim != 2:
        raise ValueError(f"probs must be 2-D (T, V), one row per step; got shape {probs.shape}")
    if targets.shape != (probs.shape[0],):
        raise ValueError(f"need one target per row of probs: {probs.shape[0]} rows, "
                         f"targets of shape {targets.shape}")
    T = probs.shape[0]
    # Pair row t with its own target: the probability of the true next character.
    p_true = probs[np.arange(T), targets]  # (T,)
    # A zero probability would give log(0) = -inf; clipping keeps the loss finite.
    return float(-np.mean(np.log(np.clip(p_true, EPS, 1.0))))
