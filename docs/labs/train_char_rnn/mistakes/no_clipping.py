# feedback: The gradients are never clipped
import numpy as np


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


def sample(params, h, first_ix, n, rng):
    """n character indices drawn from the model, starting from first_ix and state h."""
    ixs, ix = [], first_ix
    for _ in range(n):
        h = np.tanh(params["Wxh"][:, ix] + params["Whh"] @ h + params["bh"])
        y = params["Why"] @ h + params["by"]
        p = np.exp(y - y.max())
        ix = int(rng.choice(len(p), p=p / p.sum()))
        ixs.append(ix)
    return ixs


def train_char_rnn(text, num_iterations=2000, hidden_size=48, seq_length=25, learning_rate=0.1,
                   max_norm=5.0, decay_every=1000, report=None, report_every=200, seed=0):
    """Train a vanilla character RNN on text with Adagrad; see the lab page for each step."""
    chars = sorted(set(text))
    ix_of = {c: i for i, c in enumerate(chars)}
    data = [ix_of[c] for c in text]
    params = init_params(len(chars), hidden_size, seed)
    memory = {k: np.zeros_like(v) for k, v in params.items()}  # Adagrad: running sum of squared gradients
    rng = np.random.default_rng(seed)  # for the samples only
    losses = []
    pos, h = 0, np.zeros(hidden_size)
    for it in range(num_iterations):
        if pos + seq_length + 1 > len(data):
            pos, h = 0, np.zeros(hidden_size)  # back to the start of the text, with a fresh memory
        inputs = data[pos:pos + seq_length]
        targets = data[pos + 1:pos + seq_length + 1]  # the next character of each input
        loss, grads, h = forward_backward(params, inputs, targets, h)  # h carries over: truncated BPTT
        lr = learning_rate * 0.5 ** (it // decay_every)  # halve every decay_every iterations
        for k in params:
            memory[k] += grads[k] ** 2
            params[k] -= lr * grads[k] / np.sqrt(memory[k] + 1e-8)  # Adagrad: per-weight step sizes
        losses.append(loss)
        pos += seq_length
        if report is not None and (it + 1) % report_every == 0:
            text_out = "".join(chars[i] for i in sample(params, h, inputs[-1], 80, rng))
            report(it + 1, float(np.mean(losses[-report_every:])), text_out)
    return {"params": params, "losses": losses}
