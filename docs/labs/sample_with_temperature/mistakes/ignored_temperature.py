# feedback: you left the temperature out
import numpy as np


def sample_with_temperature(logits, temperature, rng):
    if temperature <= 0:
        raise ValueError("temperature must be positive")
    e = np.exp(logits - np.max(logits))  # the temperature is checked, then forgotten
    p = e / np.sum(e)
    return int(rng.choice(len(p), p=p))
