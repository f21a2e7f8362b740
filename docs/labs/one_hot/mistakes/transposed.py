# feedback: Your array is (V, T), one column per character
import numpy as np


def one_hot(text, vocab):
    index = {ch: i for i, ch in enumerate(vocab)}
    x = np.zeros((len(vocab), len(text)))
    for t, ch in enumerate(text):
        if ch not in index:
            raise ValueError(f"{ch!r} is not in the vocabulary")
        x[index[ch], t] = 1.0
    return x
