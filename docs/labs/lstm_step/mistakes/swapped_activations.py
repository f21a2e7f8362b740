# feedback: You swapped the activations
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    H = h_prev.shape[0]
    a = Wx @ x + Wh @ h_prev + b
    # tanh and sigmoid the wrong way round: gates can go negative, g only positive.
    i, f, g, o = np.tanh(a[:H]), np.tanh(a[H:2 * H]), sigmoid(a[2 * H:3 * H]), np.tanh(a[3 * H:])
    c = f * c_prev + i * g
    return o * np.tanh(c), c
