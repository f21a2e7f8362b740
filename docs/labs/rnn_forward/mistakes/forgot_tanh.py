# feedback: You never squash the state with np.tanh
import numpy as np


def rnn_forward(inputs, h0, Wxh, Whh, bh):
    hs = []
    h = h0
    for x in inputs:
        h = Wxh @ x + Whh @ h + bh
        hs.append(h)
    return np.stack(hs)
