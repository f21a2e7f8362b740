import numpy as np


def rnn_backward(dL_dh, inputs, hidden_states, h0, Whh, max_norm=5.0):
    """Backpropagation through time for a vanilla RNN, with gradient clipping.

    The forward pass was h_t = tanh(Wxh @ x_t + Whh @ h_(t-1) + bh), with h_(-1) = h0.

    Args:
        dL_dh:         np.ndarray (T, H)  dL/dh_t coming from the output at step t only
                                          (not yet including what flows back from later steps).
        inputs:        np.ndarray (T, D)  the inputs x_t.
        hidden_states: np.ndarray (T, H)  the states h_t of the forward pass.
        h0:            np.ndarray (H,)    the state before the first step.
        Whh:           np.ndarray (H, H)  hidden-to-hidden weights.
        max_norm:      float              clip threshold for the global gradient norm.

    Returns:
        (dWxh (H, D), dWhh (H, H), dbh (H,)): the gradients summed over all steps, then,
        if their global norm (over all three together) exceeds max_norm, scaled down
        so that it equals max_norm.
    """
    # TODO: walk backwards through time, accumulate the gradients, then clip.
    pass
