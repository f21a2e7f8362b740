import numpy as np


def rnn_forward(inputs, h0, Wxh, Whh, bh):
    """Run a vanilla RNN over a whole sequence and keep every hidden state.

    Args:
        inputs: np.ndarray (T, D)  one input vector per time step (e.g. one-hot characters).
        h0:     np.ndarray (H,)    the hidden state before the first step.
        Wxh:    np.ndarray (H, D)  input-to-hidden weights.
        Whh:    np.ndarray (H, H)  hidden-to-hidden weights.
        bh:     np.ndarray (H,)    the hidden bias.

    Returns:
        np.ndarray (T, H): row t is the state after reading inputs[t],
        h_t = tanh(Wxh @ x_t + Whh @ h_(t-1) + bh), with h_(-1) = h0.
    """
    # TODO: loop over the inputs, update the state, collect every state.
    pass
