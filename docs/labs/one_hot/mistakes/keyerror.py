# feedback: raises KeyError, but the lab asks for a ValueError
import numpy as np


def one_hot(text, vocab):
    index = {ch: i for i, ch in enumerate(vocab)}
    x = np.zeros((len(text), len(vocab)))
    for t, ch in enumerate(text):
        x[t, index[ch]] = 1.0  # a missing character raises KeyError
    return x
