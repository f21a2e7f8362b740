# feedback: Your h is o * c
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    H = h_prev.shape[0]
    a = Wx @ x + Wh @ h_prev + b
    i, f, g, o = sigmoid(a[:H]), sigmoid(a[H:2 * H]), np.tanh(a[2 * H:3 * H]), sigmoid(a[3 * H:])
    c = f * c_prev + i * g
    return o * c, c  # the raw cell, unbounded, leaks into h
