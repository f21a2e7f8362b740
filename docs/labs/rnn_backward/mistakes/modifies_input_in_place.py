# feedback: Your rnn_backward changed its input `dL_dh` in place
import numpy as np


def rnn_backward(dL_dh, inputs, hidden_states, h0, Whh, max_norm=5.0):
    T, H = hidden_states.shape
    dWxh = np.zeros((H, inputs.shape[1]))
    dWhh = np.zeros((H, H))
    dbh = np.zeros(H)
    dh_next = np.zeros(H)
    for t in reversed(range(T)):
        # dL_dh[t] is a view, not a copy: `+=` adds the future's gradient into
        # the caller's dL_dh, row by row.
        dh = dL_dh[t]
        dh += dh_next
        da = (1.0 - hidden_states[t] ** 2) * dh
        h_prev = hidden_states[t - 1] if t > 0 else h0
        dWxh += np.outer(da, inputs[t])
        dWhh += np.outer(da, h_prev)
        dbh += da
        dh_next = Whh.T @ da
    norm = np.sqrt((dWxh ** 2).sum() + (dWhh ** 2).sum() + (dbh ** 2).sum())
    if norm > max_norm:
        scale = max_norm / norm
        dWxh, dWhh, dbh = dWxh * scale, dWhh * scale, dbh * scale
    return dWxh, dWhh, dbh
