# feedback: You read the stacked blocks in the order i, f, o, g
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    H = h_prev.shape[0]
    a = Wx @ x + Wh @ h_prev + b
    # The order of some other library: o and g are swapped.
    i, f, o, g = sigmoid(a[:H]), sigmoid(a[H:2 * H]), sigmoid(a[2 * H:3 * H]), np.tanh(a[3 * H:])
    c = f * c_prev + i * g
    return o * np.tanh(c), c
