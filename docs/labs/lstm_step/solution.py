import numpy as np


def sigmoid(z):
    """The logistic function, 1 / (1 + e^-z): squashes any number into (0, 1)."""
    return 1.0 / (1.0 + np.exp(-z))


def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    """One time step of an LSTM cell.

    Shapes: x (D,), h_prev (H,), c_prev (H,), Wx (4H, D), Wh (4H, H), b (4H,)
    -> (h, c), both (H,). Gate blocks of the stacked rows: i, f, g, o.
    """
    H = h_prev.shape[0]
    a = Wx @ x + Wh @ h_prev + b  # (4H,): all four pre-activations at once
    i = sigmoid(a[0:H])           # how much of the candidate to write
    f = sigmoid(a[H:2 * H])       # how much of the old cell to keep
    g = np.tanh(a[2 * H:3 * H])   # the candidate values, in (-1, 1)
    o = sigmoid(a[3 * H:4 * H])   # how much of the cell to show
    # Additive update: with f near 1 and i near 0 the cell passes through unchanged.
    c = f * c_prev + i * g
    h = o * np.tanh(c)
    return h, c
