# feedback: every step starts again from h0
import numpy as np


def rnn_forward(inputs, h0, Wxh, Whh, bh):
    hs = []
    for x in inputs:
        # The state is never carried forward: each step reads h0.
        hs.append(np.tanh(Wxh @ x + Whh @ h0 + bh))
    return np.stack(hs)
