# feedback: logits / 0 is inf, and inf - inf is nan
import numpy as np


def sample_with_temperature(logits, temperature, rng):
    z = logits / temperature
    e = np.exp(z - np.max(z))
    p = e / np.sum(e)
    return int(rng.choice(len(p), p=p))
