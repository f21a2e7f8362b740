# feedback: Your largest output is exactly 1
import numpy as np


def softmax(y):
    e = np.exp(y - np.max(y))
    # The maximum, not the sum: the top class always gets "probability" 1.
    return e / np.max(e)
