import numpy as np


def one_hot(text, vocab):
    """Encode every character of `text` as a one-hot row over `vocab`.

    Shapes: text of T characters, vocab of V characters -> (T, V) float64.
    """
    # One dictionary lookup per character instead of a search of the vocabulary.
    index = {ch: i for i, ch in enumerate(vocab)}
    x = np.zeros((len(text), len(vocab)))  # (T, V), float64
    for t, ch in enumerate(text):
        if ch not in index:
            # Say which character, and what the model can read instead.
            raise ValueError(f"{ch!r} is not in the vocabulary {''.join(vocab)!r}")
        x[t, index[ch]] = 1.0
    return x
