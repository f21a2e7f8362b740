# feedback: you return the pre-activation
import numpy as np


def rnn_step(x, h_prev, Wxh, Whh, bh):
    # Nothing keeps the state in [-1, 1]; over many steps it can blow up.
    return Wxh @ x + Whh @ h_prev + bh
