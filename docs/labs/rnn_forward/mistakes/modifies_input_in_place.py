# feedback: Your rnn_forward changed its input `h0` in place
import numpy as np


def rnn_forward(inputs, h0, Wxh, Whh, bh):
    hs = []
    h = h0  # the caller's own array, not a copy
    for x in inputs:
        # Each row is saved as a copy, so the result is right; but `h[:] =`
        # writes every state into h0, which ends up holding the last one.
        h[:] = np.tanh(Wxh @ x + Whh @ h + bh)
        hs.append(h.copy())
    return np.array(hs)
