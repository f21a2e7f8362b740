import numpy as np

# Repaired: np.argmax always takes the single most likely character (greedy
# decoding), so a model whose favourite is "e" writes "eeee…". Sampling draws
# each character with the model's own probabilities.


def sample(params, h, first_ix, n, rng, temperature=1.0):
    """Draw n characters from a vanilla RNN, one at a time.

    Args:
        params:      dict with Wxh (H, V), Whh (H, H), Why (V, H), bh (H,), by (V,).
        h:           np.ndarray (H,) the state to start from.
        first_ix:    index of the character the model reads first.
        n:           how many characters to draw.
        rng:         np.random.Generator; draw each character with rng.choice(V, p=p).
        temperature: divides the scores before the softmax (below 1: safer, above 1: wilder).

    Returns:
        list of n character indices.
    """
    ixs, ix = [], first_ix
    for _ in range(n):
        h = np.tanh(params["Wxh"][:, ix] + params["Whh"] @ h + params["bh"])
        y = params["Why"] @ h + params["by"]  # one score per character
        z = y / temperature
        p = np.exp(z - z.max())
        p /= p.sum()  # the model's probabilities for the next character
        ix = int(rng.choice(len(p), p=p))  # a draw, not the favourite
        ixs.append(ix)  # the next step reads this character
    return ixs
