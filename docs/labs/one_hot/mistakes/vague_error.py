# feedback: a reader cannot tell which character was the problem
import numpy as np


def one_hot(text, vocab):
    x = np.zeros((len(text), len(vocab)))
    for t, ch in enumerate(text):
        # A ValueError, but "substring not found" does not say which character.
        x[t, vocab.index(ch)] = 1.0
    return x
