# feedback: Your first row is h0
import numpy as np


def rnn_forward(inputs, h0, Wxh, Whh, bh):
    hs = [h0]
    h = h0
    for x in inputs:
        h = np.tanh(Wxh @ x + Whh @ h + bh)
        hs.append(h)
    return np.stack(hs)
