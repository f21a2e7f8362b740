# feedback: have the right proportions but add up to
import numpy as np


def softmax(y):
    # Positive, and in the right ratios, but nothing makes them sum to 1.
    return np.exp(y)
