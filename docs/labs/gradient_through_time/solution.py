import numpy as np


def gradient_through_time(Whh, hs, grad_last):
    """Norms of dL/dh_T, dL/dh_{T-1}, ..., dL/dh_0 for a vanilla tanh RNN.

    Shapes: Whh (H, H), hs (T, H) holding h_1 ... h_T, grad_last (H,) -> (T + 1,).
    """
    g = grad_last  # dL/dh_T
    norms = [np.linalg.norm(g)]
    for h in hs[::-1]:  # h_T, h_{T-1}, ..., h_1
        # J_t.T @ g with J_t = diag(1 - h_t**2) @ Whh: scale by tanh's slope,
        # then multiply by Whh.T; the diagonal matrix is never built.
        g = Whh.T @ ((1.0 - h ** 2) * g)
        norms.append(np.linalg.norm(g))
    return np.array(norms)
