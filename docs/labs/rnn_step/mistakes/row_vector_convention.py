# feedback: x @ Wxh (or Wxh.T @ x) multiplies by the transpose
import numpy as np


def rnn_step(x, h_prev, Wxh, Whh, bh):
    # The "x @ W" habit from code whose weights are stored as (D, H).
    return np.tanh(x @ Wxh + h_prev @ Whh + bh)
