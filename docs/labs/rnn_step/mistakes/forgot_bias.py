# feedback: You left out the bias bh
import numpy as np


def rnn_step(x, h_prev, Wxh, Whh, bh):
    return np.tanh(Wxh @ x + Whh @ h_prev)
