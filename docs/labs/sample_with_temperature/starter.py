import numpy as np


def sample_with_temperature(logits, temperature, rng):
    """Draw the index of the next character from temperature-scaled logits.

    Args:
        logits:      np.ndarray (V,), the model's scores for the V characters.
        temperature: a number > 0. Below 1 sharpens the distribution (nearly
                     greedy as it approaches 0), above 1 flattens it.
        rng:         a np.random.Generator, e.g. np.random.default_rng(0).
                     Draw from it and from nothing else, so that the same
                     seed always gives the same character.

    Returns:
        An int in [0, V): the sampled index.

    Do exactly this, so that your draws match the checks' draw for draw:
        1. If temperature <= 0, raise ValueError with a message that contains
           the word "temperature" (before dividing by it).
        2. p = softmax(logits / temperature), computed stably: subtract the
           largest scaled logit before np.exp.
        3. Return int(rng.choice(len(p), p=p)): one call, nothing else drawn.
    """
    # TODO: check the temperature, scale the logits, softmax, then draw.
    pass
