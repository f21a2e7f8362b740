import numpy as np


def sample_with_temperature(logits, temperature, rng):
    """Draw the index of the next character from temperature-scaled logits.

    Shapes: logits (V,) -> an int in [0, V).
    """
    if temperature <= 0:
        # Dividing by 0 gives inf and nan; a negative value would favour the
        # least likely characters. Neither is a temperature.
        raise ValueError(f"temperature must be positive, got {temperature}")
    z = np.asarray(logits, dtype=float) / temperature  # (V,)
    # Small temperatures make z huge: the max shift keeps np.exp finite.
    e = np.exp(z - np.max(z))
    p = e / np.sum(e)
    # One draw from the caller's generator: same seed, same character.
    return int(rng.choice(len(p), p=p))
