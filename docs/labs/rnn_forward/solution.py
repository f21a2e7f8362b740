import numpy as np


def rnn_forward(inputs, h0, Wxh, Whh, bh):
    """All T hidden states of a vanilla RNN: (T, D) inputs and (H,) h0 -> (T, H)."""
    hs = []
    h = h0
    for x in inputs:
        # A new array at every step: the list keeps each state as it was.
        h = np.tanh(Wxh @ x + Whh @ h + bh)  # (H,)
        hs.append(h)
    return np.stack(hs)  # (T, H): row t is the state after inputs[t]
