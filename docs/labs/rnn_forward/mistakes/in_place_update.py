# feedback: every row of your result is the final state
import numpy as np


def rnn_forward(inputs, h0, Wxh, Whh, bh):
    hs = []
    h = h0.copy()
    for x in inputs:
        # Writes into the same array each time; the list holds T references to it.
        h[:] = np.tanh(Wxh @ x + Whh @ h + bh)
        hs.append(h)
    return np.array(hs)
