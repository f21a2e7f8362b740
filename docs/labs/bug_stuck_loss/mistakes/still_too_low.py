# feedback: still far too low
import numpy as np

# Bug hunt: this loop runs without errors, but its loss hardly moves from
# ln V (about 3.87 here), the loss of a blind guess. Find out why and repair it.
LEARNING_RATE = 1e-3
MAX_NORM = 5.0


def init_params(vocab_size, hidden_size, seed):
    """Small random weights (std 0.01) and zero biases, drawn with a fixed seed."""
    rng = np.random.default_rng(seed)
    return {
        "Wxh": rng.normal(0.0, 0.01, (hidden_size, vocab_size)),
        "Whh": rng.normal(0.0, 0.01, (hidden_size, hidden_size)),
        "Why": rng.normal(0.0, 0.01, (vocab_size, hidden_size)),
        "bh": np.zeros(hidden_size),
        "by": np.zeros(vocab_size),
    }


def forward_backward(params, inputs, targets, h_prev):
    """Labs 1-3 in one function: forward, mean loss, BPTT over one window.

    inputs and targets are lists of character indices (targets = inputs shifted
    by one). Returns (mean loss in nats per character, gradients as a dict with
    the keys of params, the last hidden state).
    """
    Wxh, Whh, Why, bh, by = (params[k] for k in ("Wxh", "Whh", "Why", "bh", "by"))
    T, H = len(inputs), h_prev.shape[0]
    hs = np.zeros((T + 1, H))
    hs[-1] = h_prev  # hs[-1] is the state before the window
    probs = np.zeros((T, by.shape[0]))
    loss = 0.0
    for t in range(T):
        hs[t] = np.tanh(Wxh[:, inputs[t]] + Whh @ hs[t - 1] + bh)  # a one-hot input picks a column
        y = Why @ hs[t] + by
        e = np.exp(y - y.max())
        probs[t] = e / e.sum()
        loss -= np.log(probs[t, targets[t]])
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dh_next = np.zeros(H)
    for t in reversed(range(T)):
        dy = probs[t].copy()
        dy[targets[t]] -= 1.0  # softmax + cross-entropy: p - one_hot(target)
        grads["Why"] += np.outer(dy, hs[t])
        grads["by"] += dy
        da = (1.0 - hs[t] ** 2) * (Why.T @ dy + dh_next)
        grads["Wxh"][:, inputs[t]] += da
        grads["Whh"] += np.outer(da, hs[t - 1])
        grads["bh"] += da
        dh_next = Whh.T @ da
    for g in grads.values():
        g /= T  # the gradient of the mean loss
    return loss / T, grads, hs[T - 1]


def clip_gradients(grads, max_norm):
    """Scale every gradient in place so that their global norm is at most max_norm."""
    norm = np.sqrt(sum((g ** 2).sum() for g in grads.values()))
    if norm > max_norm:
        for g in grads.values():
            g *= max_norm / norm


def train(text, num_iterations=300, hidden_size=32, seq_length=25, seed=0):
    """Adagrad over consecutive windows of text; returns {"params", "losses"}."""
    chars = sorted(set(text))
    data = [chars.index(c) for c in text]
    params = init_params(len(chars), hidden_size, seed)
    memory = {k: np.zeros_like(v) for k, v in params.items()}
    losses = []
    pos, h = 0, np.zeros(hidden_size)
    for it in range(num_iterations):
        if pos + seq_length + 1 > len(data):
            pos, h = 0, np.zeros(hidden_size)
        inputs = data[pos:pos + seq_length]
        targets = data[pos + 1:pos + seq_length + 1]
        loss, grads, h = forward_backward(params, inputs, targets, h)
        clip_gradients(grads, MAX_NORM)
        for k in params:
            memory[k] += grads[k] ** 2
            params[k] -= LEARNING_RATE * grads[k] / np.sqrt(memory[k] + 1e-8)
        losses.append(loss)
        pos += seq_length
    return {"params": params, "losses": losses}
