import numpy as np


def gradient_through_time(Whh, hs, grad_last):
    """How the gradient's size changes as it flows back through a vanilla RNN.

    The RNN ran h_t = tanh(Whh @ h_{t-1} + Wxh @ x_t + bh) for t = 1 ... T.
    Going back through step t multiplies the gradient by the transpose of
    the step's Jacobian,
        J_t = dh_t / dh_{t-1} = diag(1 - h_t**2) @ Whh,
    so dL/dh_{t-1} = J_t.T @ dL/dh_t = Whh.T @ ((1 - h_t**2) * dL/dh_t).

    Args:
        Whh:       np.ndarray (H, H), the recurrent weights.
        hs:        np.ndarray (T, H), the states the forward pass produced:
                   row t - 1 is h_t, so hs[0] is h_1 and hs[-1] is h_T.
        grad_last: np.ndarray (H,), dL/dh_T, the gradient at the last state.

    Returns:
        np.ndarray (T + 1,): norms[k] = ||dL/dh_{T-k}||, the Euclidean norm
        of the gradient k steps back. norms[0] = ||grad_last|| and
        norms[T] is the norm at the initial state h_0.
    """
    # TODO: start from grad_last, step back through h_T, ..., h_1,
    # and record the norm of the gradient before and after each step.
    pass
