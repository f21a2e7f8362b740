import numpy as np


def rnn_step(x, h_prev, Wxh, Whh, bh):
    """One time step of a vanilla RNN: read an input, update the memory.

    Shapes: x (D,), h_prev (H,), Wxh (H, D), Whh (H, H), bh (H,) -> (H,).
    """
    # Rows of each weight matrix belong to hidden units, so W @ v maps a
    # vector onto the H hidden units: (H, D) @ (D,) and (H, H) @ (H,) are (H,).
    pre = Wxh @ x + Whh @ h_prev + bh  # (H,)
    # tanh keeps the state in (-1, 1), centred on 0, however long the sequence.
    return np.tanh(pre)
