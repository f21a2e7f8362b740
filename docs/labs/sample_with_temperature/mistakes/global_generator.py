# feedback: you draw from a global generator
import numpy as np


def sample_with_temperature(logits, temperature, rng):
    if temperature <= 0:
        raise ValueError("temperature must be positive")
    z = logits / temperature
    e = np.exp(z - np.max(z))
    p = e / np.sum(e)
    return int(np.random.choice(len(p), p=p))  # the rng argument is never used
