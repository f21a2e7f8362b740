# feedback: vocab.find returns -1 for a character it does not have
import numpy as np


def one_hot(text, vocab):
    x = np.zeros((len(text), len(vocab)))
    for t, ch in enumerate(text):
        # str.find never complains: a missing character gives -1, the last column.
        x[t, vocab.find(ch)] = 1.0
    return x
