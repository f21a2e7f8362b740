# feedback: without exponentiating them first
import numpy as np


def softmax(y):
    # Sums to 1, but a negative logit gives a negative "probability".
    return y / np.sum(y)
