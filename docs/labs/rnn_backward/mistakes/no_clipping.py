# feedback: Nothing is clipped
import numpy as np


def rnn_backward(dL_dh, inputs, hidden_states, h0, Whh, max_norm=5.0):
    """BPTT for a vanilla RNN: gradients of Wxh, Whh, bh, clipped to a global norm of max_norm."""
    T, H = hidden_states.shape
    dWxh = np.zeros((H, inputs.shape[1]))
    dWhh = np.zeros((H, H))
    dbh = np.zeros(H)
    dh_next = np.zeros(H)  # what flows back into h_t from step t + 1 (nothing after the last step)
    for t in reversed(range(T)):
        dh = dL_dh[t] + dh_next  # both paths into h_t: its own output and the future
        da = (1.0 - hidden_states[t] ** 2) * dh  # through tanh: tanh'(a) = 1 - tanh(a)^2
        h_prev = hidden_states[t - 1] if t > 0 else h0
        dWxh += np.outer(da, inputs[t])  # the same weights at every step: gradients add up
        dWhh += np.outer(da, h_prev)
        dbh += da
        dh_next = Whh.T @ da  # on to h_(t-1), through the transpose of the forward matrix
    # One norm over all three gradients, as torch.nn.utils.clip_grad_norm_ does.
    norm = np.sqrt((dWxh ** 2).sum() + (dWhh ** 2).sum() + (dbh ** 2).sum())
    return dWxh, dWhh, dbh
