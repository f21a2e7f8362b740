# feedback: Subtract the largest scaled logit before np.exp
import numpy as np


def sample_with_temperature(logits, temperature, rng):
    if temperature <= 0:
        raise ValueError("temperature must be positive")
    e = np.exp(logits / temperature)  # inf as soon as logits / temperature > 709
    p = e / np.sum(e)
    return int(rng.choice(len(p), p=p))
