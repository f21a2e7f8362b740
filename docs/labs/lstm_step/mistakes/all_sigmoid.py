# feedback: The candidate g goes through a sigmoid
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    H = h_prev.shape[0]
    gates = sigmoid(Wx @ x + Wh @ h_prev + b)  # one sigmoid for all four blocks
    i, f, g, o = gates[:H], gates[H:2 * H], gates[2 * H:3 * H], gates[3 * H:]
    c = f * c_prev + i * g
    return o * np.tanh(c), c
