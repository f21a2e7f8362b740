# feedback: You left out the slope of tanh
import numpy as np


def gradient_through_time(Whh, hs, grad_last):
    g, norms = grad_last, [np.linalg.norm(grad_last)]
    for h in hs[::-1]:
        g = Whh.T @ g  # as if the RNN had no tanh
        norms.append(np.linalg.norm(g))
    return np.array(norms)
