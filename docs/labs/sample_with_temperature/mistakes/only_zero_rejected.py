# feedback: Reject every temperature <= 0
import numpy as np


def sample_with_temperature(logits, temperature, rng):
    if temperature == 0:  # -0.5 gets through, and flips the logits
        raise ValueError("temperature must not be zero")
    z = logits / temperature
    e = np.exp(z - np.max(z))
    p = e / np.sum(e)
    return int(rng.choice(len(p), p=p))
