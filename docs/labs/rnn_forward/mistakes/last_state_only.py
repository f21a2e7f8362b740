# feedback: You return only the final state
import numpy as np


def rnn_forward(inputs, h0, Wxh, Whh, bh):
    h = h0
    for x in inputs:
        h = np.tanh(Wxh @ x + Whh @ h + bh)
    return h
