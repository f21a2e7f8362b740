# feedback: That is greedy decoding
import numpy as np


def sample_with_temperature(logits, temperature, rng):
    if temperature <= 0:
        raise ValueError("temperature must be positive")
    # The most likely character is the same at every temperature.
    return int(np.argmax(logits / temperature))
