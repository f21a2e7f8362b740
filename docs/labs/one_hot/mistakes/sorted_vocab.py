# feedback: Your columns follow the sorted vocabulary
import numpy as np


def one_hot(text, vocab):
    columns = sorted(vocab)  # tidy, but it renumbers every character
    x = np.zeros((len(text), len(vocab)))
    for t, ch in enumerate(text):
        if ch not in columns:
            raise ValueError(f"{ch!r} is not in the vocabulary")
        x[t, columns.index(ch)] = 1.0
    return x
