# feedback: Your sample_with_temperature changed its input `logits` in place
import numpy as np


def sample_with_temperature(logits, temperature, rng):
    if temperature <= 0:
        raise ValueError(f"temperature must be positive, got {temperature}")
    # Scales the caller's logits themselves: the next call (say, at the same
    # temperature, for the next character) divides them once more.
    logits /= temperature
    e = np.exp(logits - np.max(logits))
    p = e / np.sum(e)
    return int(rng.choice(len(p), p=p))
