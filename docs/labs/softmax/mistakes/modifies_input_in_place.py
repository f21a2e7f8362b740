# feedback: Your softmax changed its input `y` in place; work on a copy (y = y.copy())
import numpy as np


def softmax(y):
    # Right numbers, but `-=` shifts the caller's own array: after the call
    # their logits are gone, replaced by y - max(y).
    y -= np.max(y)
    e = np.exp(y)
    return e / np.sum(e)
