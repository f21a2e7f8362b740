# feedback: Your norms are in forward order
import numpy as np


def gradient_through_time(Whh, hs, grad_last):
    g, norms = grad_last, [np.linalg.norm(grad_last)]
    for h in hs[::-1]:
        g = Whh.T @ ((1.0 - h ** 2) * g)
        norms.append(np.linalg.norm(g))
    return np.array(norms[::-1])  # h_0 first
