import numpy as np


def rnn_step(x, h_prev, Wxh, Whh, bh):
    """One time step of a vanilla RNN: read an input, update the memory.

    Args:
        x:      np.ndarray (D,)    the input at this step, e.g. a one-hot character.
        h_prev: np.ndarray (H,)    the hidden state left by the previous step.
        Wxh:    np.ndarray (H, D)  input-to-hidden weights.
        Whh:    np.ndarray (H, H)  hidden-to-hidden weights: the recurrence.
        bh:     np.ndarray (H,)    the hidden bias.

    Returns:
        np.ndarray (H,): the new hidden state, tanh(Wxh x + Whh h_prev + bh).
        Every entry lies between -1 and 1.
    """
    # TODO: combine the input and the previous state, add the bias,
    # and squash the sum with tanh.
    pass
