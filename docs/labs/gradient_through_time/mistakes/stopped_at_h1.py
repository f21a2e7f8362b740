# feedback: You have T norms where T + 1 are needed
import numpy as np


def gradient_through_time(Whh, hs, grad_last):
    g, norms = grad_last, []
    for h in hs[::-1]:
        norms.append(np.linalg.norm(g))  # recorded before each step, never after the last
        g = Whh.T @ ((1.0 - h ** 2) * g)
    return np.array(norms)
