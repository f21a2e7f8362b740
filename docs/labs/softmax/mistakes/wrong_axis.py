# feedback: so it only has axis 0
import numpy as np


def softmax(y):
    e = np.exp(y - np.max(y))
    # Batch code pasted onto a single vector: a 1-D array has no axis 1.
    return e / np.sum(e, axis=1, keepdims=True)
