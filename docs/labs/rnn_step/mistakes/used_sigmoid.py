# feedback: You squashed with the logistic sigmoid
import numpy as np


def rnn_step(x, h_prev, Wxh, Whh, bh):
    pre = Wxh @ x + Whh @ h_prev + bh
    # A gate's activation, not the vanilla RNN's: outputs only in (0, 1).
    return 1.0 / (1.0 + np.exp(-pre))
