# feedback: You multiplied by Whh instead of Whh.T
import numpy as np


def gradient_through_time(Whh, hs, grad_last):
    g, norms = grad_last, [np.linalg.norm(grad_last)]
    for h in hs[::-1]:
        g = Whh @ ((1.0 - h ** 2) * g)  # the forward direction's matrix
        norms.append(np.linalg.norm(g))
    return np.array(norms)
