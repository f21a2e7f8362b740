import numpy as np


def sigmoid(z):
    """The logistic function, 1 / (1 + e^-z): squashes any number into (0, 1)."""
    return 1.0 / (1.0 + np.exp(-z))


def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    """One time step of an LSTM cell.

    Args:
        x:      np.ndarray (D,)      the input at this step.
        h_prev: np.ndarray (H,)      the previous hidden state.
        c_prev: np.ndarray (H,)      the previous cell state.
        Wx:     np.ndarray (4H, D)   input weights of the four gates, stacked.
        Wh:     np.ndarray (4H, H)   recurrent weights of the four gates, stacked.
        b:      np.ndarray (4H,)     biases of the four gates, stacked.

    The stacked layout (PyTorch's, and our exported models'): with
    a = Wx @ x + Wh @ h_prev + b, of shape (4H,),
        a[0:H]      -> i, the input gate      i = sigmoid(a[0:H])
        a[H:2H]     -> f, the forget gate     f = sigmoid(a[H:2H])
        a[2H:3H]    -> g, the candidate       g = tanh(a[2H:3H])
        a[3H:4H]    -> o, the output gate     o = sigmoid(a[3H:4H])

    Returns:
        (h, c), two np.ndarray of shape (H,):
            c = f * c_prev + i * g      (element by element)
            h = o * tanh(c)
    """
    # TODO: compute the four gates from one stacked product,
    # then update the cell state and the hidden state.
    pass
