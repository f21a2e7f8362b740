# feedback: You scaled by the tanh slope after multiplying by Whh.T
import numpy as np


def gradient_through_time(Whh, hs, grad_last):
    g, norms = grad_last, [np.linalg.norm(grad_last)]
    for h in hs[::-1]:
        g = (1.0 - h ** 2) * (Whh.T @ g)
        norms.append(np.linalg.norm(g))
    return np.array(norms)
