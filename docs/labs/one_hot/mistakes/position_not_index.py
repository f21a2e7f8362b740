# feedback: you used the character's position in the text
import numpy as np


def one_hot(text, vocab):
    for ch in text:
        if ch not in vocab:
            raise ValueError(f"{ch!r} is not in the vocabulary")
    # Row t gets its 1 in column t, whatever the character is.
    return np.eye(len(text), len(vocab))
