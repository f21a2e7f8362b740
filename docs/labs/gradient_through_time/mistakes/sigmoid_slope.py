# feedback: the slope of the sigmoid written with its output
import numpy as np


def gradient_through_time(Whh, hs, grad_last):
    g, norms = grad_last, [np.linalg.norm(grad_last)]
    for h in hs[::-1]:
        g = Whh.T @ (h * (1.0 - h) * g)
        norms.append(np.linalg.norm(g))
    return np.array(norms)
