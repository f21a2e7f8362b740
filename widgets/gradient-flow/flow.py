"""Gradient flow through time in a vanilla RNN and an LSTM (Module 3).

One file, run unchanged in two places: the Gradient Flow Simulator and the
Telephone Game load it into Pyodide, and tests/test_module3_widgets.py
imports it in CPython to check the numbers the page plots.

Both networks have H = 8 hidden units, read D = 4 random inputs per step
(the same seeded sequence for both), and have seeded random weights:

    RNN:   h_t = tanh(W_hh h_{t-1} + W_xh x_t + b)
    LSTM:  [i, f, g, o] = W [h_{t-1}; x_t] + b     (gate order of our ONNX models)
           c_t = sigmoid(f) * c_{t-1} + sigmoid(i) * tanh(g)
           h_t = sigmoid(o) * tanh(c_t)

The gradient is carried back exactly: the Jacobian of each step is written
out by hand and multiplied, as backpropagation through time does.

`flow` reports how far it is through rnn_progress (the Pyodide worker's
typed progress messages, as a lab's training loop does), and the simulator
shows it. CPython has no such module: there the reports go nowhere.
"""
import json

import numpy as np

try:
    from rnn_progress import report_progress
except ImportError:
    def report_progress(step, total=None, text=None, **values):
        pass

H = 8                                   # hidden units
D = 4                                   # inputs per step
T_MAX = 100                             # longest sequence shown
LENGTHS = list(range(5, T_MAX + 1, 5))  # 5, 10, ..., 100
SEED = 3


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _orthogonal(rng, n):
    """A random rotation: all its singular values are exactly 1."""
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def setup(seed=SEED):
    """The seeded inputs, weights and the unit gradient that arrives at h_T."""
    rng = np.random.default_rng(seed)
    xs = rng.standard_normal((T_MAX, D))                        # (T, D)
    rnn = {"Q": _orthogonal(rng, H),                            # W_hh = scale * Q
           "Wxh": rng.standard_normal((H, D)) * 0.3,            # (H, D)
           "b": np.zeros(H)}
    lstm = {"W": rng.standard_normal((4 * H, H + D)) * 0.3,  # (4H, H+D), rows i, f, g, o
            "b": np.zeros(4 * H)}
    u = rng.standard_normal(H)
    return xs, rnn, lstm, u / np.linalg.norm(u)                 # dL/dh_T has norm 1


def rnn_run(scale, xs, rnn, x1=None):
    """Hidden states h_1..h_T; `x1` replaces the first input (the Telephone Game's message)."""
    Whh = scale * rnn["Q"]
    h, hs, slopes = np.zeros(H), [], []
    for t, x in enumerate(xs):
        if t == 0 and x1 is not None:
            x = x1
        h = np.tanh(Whh @ h + rnn["Wxh"] @ x + rnn["b"])
        hs.append(h)
        slopes.append(1.0 - h ** 2)
    return np.array(hs), slopes, Whh


def _every(n, offset, total):
    """An on_step(t) that reports every n-th step as step offset + t of total."""
    def on_step(t):
        if t % n == 0:
            report_progress(offset + t, total)
    return on_step


def rnn_gradient_norms(scale, seed=SEED, on_step=None):
    """|dL/dh_0| for every length T = 1..T_MAX, when dL/dh_T = u (norm 1); on_step(T) after each."""
    xs, rnn, _, u = setup(seed)
    _, slopes, Whh = rnn_run(scale, xs, rnn)
    M = np.eye(H)                        # dh_t / dh_0, grown one step at a time
    out = []
    for s in slopes:
        M = (s[:, None] * Whh) @ M       # dh_t/dh_{t-1} = diag(1 - h_t^2) W_hh
        out.append(float(np.linalg.norm(u @ M)))
        if on_step:
            on_step(len(out))
    return out


def lstm_params(forget_bias, lstm):
    b = lstm["b"].copy()
    b[H:2 * H] = forget_bias             # the forget gate's rows are the second block
    return lstm["W"], b


def lstm_run(forget_bias, xs, lstm, x1=None):
    """States and gate values per step: lists of dicts with h, c, i, f, g, o, c_prev."""
    W, b = lstm_params(forget_bias, lstm)
    h, c, steps = np.zeros(H), np.zeros(H), []
    for t, x in enumerate(xs):
        if t == 0 and x1 is not None:
            x = x1
        z = W @ np.concatenate([h, x]) + b
        i, f, o = _sigmoid(z[:H]), _sigmoid(z[H:2 * H]), _sigmoid(z[3 * H:])
        g = np.tanh(z[2 * H:3 * H])
        c_prev, h_prev = c, h
        c = f * c + i * g
        h = o * np.tanh(c)
        steps.append({"i": i, "f": f, "g": g, "o": o, "c": c, "h": h, "c_prev": c_prev, "h_prev": h_prev})
    return steps


def lstm_gradient_norms(forget_bias, seed=SEED, on_step=None):
    """|dL/d(h_0, c_0)| for every length T = 1..T_MAX, when dL/dh_T = u (norm 1); on_step(T) after each."""
    xs, _, lstm, u = setup(seed)
    W, _ = lstm_params(forget_bias, lstm)
    Wh = W[:, :H]                        # (4H, H): how h_{t-1} feeds each gate
    Wi, Wf, Wg, Wo = Wh[:H], Wh[H:2 * H], Wh[2 * H:3 * H], Wh[3 * H:]
    M = np.eye(2 * H)                    # d(h_t, c_t) / d(h_0, c_0)
    out = []
    for s in lstm_run(forget_bias, xs, lstm):
        i, f, g, o, c, c_prev = s["i"], s["f"], s["g"], s["o"], s["c"], s["c_prev"]
        tc = np.tanh(c)
        dc_dh = ((c_prev * f * (1 - f))[:, None] * Wf + (g * i * (1 - i))[:, None] * Wi
                 + (i * (1 - g ** 2))[:, None] * Wg)
        dc_dc = np.diag(f)               # the additive path: only the forget gate scales it
        dh_dc = (o * (1 - tc ** 2))[:, None]
        dh_dh = (tc * o * (1 - o))[:, None] * Wo + dh_dc * dc_dh
        J = np.block([[dh_dh, dh_dc * dc_dc], [dc_dh, dc_dc]])
        M = J @ M
        out.append(float(np.linalg.norm(u @ M[:H])))
        if on_step:
            on_step(len(out))
    return out


def flow(scale, forget_bias, seed=SEED):
    """What the simulator plots: gradient norms at the lengths 5, 10, ..., 100.

    Reports its progress every 10 steps: 2 * T_MAX steps, the RNN's then the LSTM's.
    """
    total = 2 * T_MAX
    rnn = rnn_gradient_norms(scale, seed, on_step=_every(10, 0, total))
    lstm = lstm_gradient_norms(forget_bias, seed, on_step=_every(10, T_MAX, total))
    return {"lengths": LENGTHS, "rnn": [rnn[T - 1] for T in LENGTHS], "lstm": [lstm[T - 1] for T in LENGTHS]}


def message_vector(text):
    """A step-1 input made from the reader's message: its characters, folded into D numbers."""
    v = np.zeros(D)
    for k, ch in enumerate(text):
        v[k % D] += (ord(ch) % 32) / 16.0 - 1.0
    n = np.linalg.norm(v)
    return v / n * 2.0 if n > 0 else np.full(D, 1.0)


def telephone(text, scale=1.0, forget_bias=3.0, steps=50, seed=SEED):
    """How much of a message at step 1 is left at each step up to `steps`.

    Two runs share every input except the first: one hears the message, the
    other silence. What is left at step t is the distance between their
    hidden states at t, as a fraction of the distance at step 1.
    """
    xs, rnn, lstm, _ = setup(seed)
    xs, msg, silence = xs[:steps], message_vector(text), np.zeros(D)
    ra, rb = rnn_run(scale, xs, rnn, msg)[0], rnn_run(scale, xs, rnn, silence)[0]
    la = np.array([s["h"] for s in lstm_run(forget_bias, xs, lstm, msg)])
    lb = np.array([s["h"] for s in lstm_run(forget_bias, xs, lstm, silence)])
    d_rnn, d_lstm = np.linalg.norm(ra - rb, axis=1), np.linalg.norm(la - lb, axis=1)
    return {"steps": list(range(1, steps + 1)),
            "rnn": [float(v) for v in d_rnn / d_rnn[0]],
            "lstm": [float(v) for v in d_lstm / d_lstm[0]]}


def as_json(result):
    """One line of JSON: what the widgets read back from Pyodide's output."""
    return json.dumps(result)
