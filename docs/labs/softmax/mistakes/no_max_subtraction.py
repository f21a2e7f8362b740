# feedback: Subtract the largest logit before exponentiating
import numpy as np


def softmax(y):
    # Right for small logits; np.exp(1000) overflows to inf and inf / inf is nan.
    e = np.exp(y)
    return e / np.sum(e)
