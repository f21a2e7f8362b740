import numpy as np


def perplexity(p):
    """Perplexity of a model from the probabilities it gave to the true characters.

    Shapes: p (T,) -> a float >= 1.
    """
    p = np.asarray(p, dtype=float)
    if p.size == 0:
        raise ValueError("perplexity needs at least one probability")
    if not np.all((p > 0) & (p <= 1)):
        raise ValueError(f"probabilities must lie in (0, 1]; got min {p.min()}, max {p.max()}")
    # Average in log space: a product of thousands of probabilities underflows.
    mean_loss = -np.mean(np.log(p))  # nats per character
    return float(np.exp(mean_loss))
