# feedback: you used h_{t-1}, the state it read
import numpy as np


def gradient_through_time(Whh, hs, grad_last):
    T, H = hs.shape
    g, norms = grad_last, [np.linalg.norm(grad_last)]
    for t in range(T, 0, -1):
        h_in = hs[t - 2] if t >= 2 else np.zeros(H)  # h_{t-1}: one state too early
        g = Whh.T @ ((1.0 - h_in ** 2) * g)
        norms.append(np.linalg.norm(g))
    return np.array(norms)
