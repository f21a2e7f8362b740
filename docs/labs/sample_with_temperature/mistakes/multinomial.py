# feedback: Your draws follow the right distribution but not the same sequence
import numpy as np


def sample_with_temperature(logits, temperature, rng):
    if temperature <= 0:
        raise ValueError("temperature must be positive")
    z = logits / temperature
    e = np.exp(z - np.max(z))
    p = e / np.sum(e)
    # A fine sampler, but not the one the lab fixes: other draws for the same seed.
    return int(np.argmax(rng.multinomial(1, p)))
