"""Batched NumPy trainer for character-level language models (vanilla RNN, GRU, LSTM).

It runs in Pyodide inside a Web Worker (driven in short slices by JavaScript) and in CPython
for the tests, so it uses only NumPy and the standard library and does no work at import.

Speed comes from doing as little Python per time step as possible: every whole-sequence
quantity (the layer-0 input projection, the input projection of upper layers, the output
layer, the weight gradients, the activation derivatives) is one array operation over all T
steps, and the time loop keeps only what is truly sequential: one fused h @ Wh for all gates
and a handful of element-wise operations.

Parameter names, shapes and gate orders are fixed because another module exports them to ONNX:
  Wx0 [V, G*H], Wx{l} [H, G*H] (l >= 1), Wh{l} [H, G*H], bx{l} [G*H], bh{l} [G*H], Wy [H, V], by [V]
  LSTM gates [i, f, g, o]; GRU gates [r, z, n] (PyTorch's convention); RNN one block.
"""
from __future__ import annotations

import io
import json
import math
import sys
import time
from collections import Counter

import numpy as np

CELLS = {"rnn": 1, "gru": 3, "lstm": 4}
REPLACEMENT = "\ufffd"
ADAM_BETA1 = 0.9
ADAM_BETA2 = 0.999
ADAM_EPS = 1e-8
TOP_CHARACTERS = 20

# ---------------------------------------------------------------------------- matrix products
# NumPy in Pyodide is built without BLAS: there `@` is a plain triple loop that strides across
# one operand, while np.einsum's own kernels stream both. Measured in Chromium (Pyodide 0.27.7,
# NumPy 2.0.2, float32): [32,128]@[128,512] 4.8 ms with `@`, 0.8 ms with einsum; [2048,128]@
# [128,512] 309 vs 43 ms; [128,2048]@[2048,512] (a weight gradient) 478 vs 41 ms. In CPython `@`
# calls BLAS and is the faster of the two. The maths is the same; the kernel is picked once here.
IN_BROWSER = sys.platform == "emscripten"

if IN_BROWSER:
    def mm(a, b):
        """a @ b"""
        return np.einsum("ij,jk->ik", a, b)

    def mm_bt(a, b):
        """a @ b.T"""
        return np.einsum("ij,kj->ik", a, b)

    def mm_at(a, b):
        """a.T @ b"""
        return np.einsum("ti,tj->ij", a, b)
else:
    def mm(a, b):
        """a @ b"""
        return a @ b

    def mm_bt(a, b):
        """a @ b.T"""
        return a @ b.T

    def mm_at(a, b):
        """a.T @ b"""
        return a.T @ b



def _progress_hook():
    """The browser's progress module, looked up per call because the page may register it late."""
    try:
        import rnn_progress
    except ImportError:
        return None
    return getattr(rnn_progress, "report_progress", None)


# --------------------------------------------------------------------------- data


def _describe_char(ch: str) -> str:
    if ch == "\n":
        return "a line break"
    if ch == " ":
        return "a space"
    if ch == "\t":
        return "a tab"
    return f"\u201c{ch}\u201d"


class Corpus:
    """A text turned into ids over a capped vocabulary, split into training and validation."""

    def __init__(self, vocabulary, train_ids, val_ids, char_counts, folded_distinct, folded_count):
        self.vocabulary = list(vocabulary)
        self.index = {ch: i for i, ch in enumerate(self.vocabulary)}
        self.train_ids = train_ids  # [N_train] intp (int32 in Pyodide: numpy refuses to index-cast int64 there)
        self.val_ids = val_ids  # [N_val] intp
        self.char_counts = char_counts  # Counter over the original characters
        self.folded_distinct = folded_distinct
        self.folded_count = folded_count

    @property
    def vocab_size(self) -> int:
        return len(self.vocabulary)

    @classmethod
    def from_text(cls, text: str, val_fraction: float = 0.1, max_vocab: int = 200,
                  min_train_chars: int = 2 * (64 + 1)) -> "Corpus":
        if not isinstance(text, str):
            raise ValueError("The text must be a string.")
        if max_vocab < 2:
            raise ValueError("The vocabulary must allow at least 2 characters.")
        if not 0.0 <= val_fraction < 1.0:
            raise ValueError("The validation fraction must be at least 0 and below 1.")
        if len(text) == 0:
            raise ValueError("The text is empty; there is nothing to train on.")
        # Code points as one array: counting and mapping a megabyte of text stays vectorised.
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)  # [N]
        distinct_codes, counts = np.unique(codes, return_counts=True)
        if len(distinct_codes) < 2:
            raise ValueError(
                f"The text has only one distinct character ({_describe_char(text[0])}); "
                "a model has nothing to learn from it.")
        char_counts = Counter({chr(int(c)): int(n) for c, n in zip(distinct_codes, counts)})

        folded_distinct = folded_count = 0
        if len(distinct_codes) > max_vocab:
            # Most frequent first; ties go to the lower code point so the choice is reproducible.
            order = np.lexsort((distinct_codes, -counts))
            keep = np.sort(distinct_codes[order[: max_vocab - 1]])
            folded = ~np.isin(codes, keep)  # [N]
            folded_mask = ~np.isin(distinct_codes, keep) & (distinct_codes != ord(REPLACEMENT))
            folded_distinct = int(folded_mask.sum())
            folded_count = int(counts[folded_mask].sum())
            codes = codes.copy()
            codes[folded] = ord(REPLACEMENT)
            distinct_codes = np.unique(np.append(keep, ord(REPLACEMENT)))

        ids = np.searchsorted(distinct_codes, codes).astype(np.intp)  # [N]
        vocabulary = [chr(int(c)) for c in distinct_codes]

        n = len(ids)
        n_val = max(1, int(round(n * val_fraction)))
        n_train = n - n_val
        if n_train < max(1, min_train_chars):
            raise ValueError(
                f"The text is too short: {n:,} characters, of which {n_train:,} go to training; "
                f"at least {min_train_chars:,} training characters are needed.")
        return cls(vocabulary, ids[:n_train], ids[n_train:], char_counts,
                   folded_distinct, folded_count)

    def encode(self, text: str) -> list[int]:
        """Ids for text; characters outside the vocabulary become U+FFFD if it exists, else vanish."""
        fallback = self.index.get(REPLACEMENT)
        out = []
        for ch in text:
            i = self.index.get(ch, fallback)
            if i is not None:
                out.append(i)
        return out

    def decode(self, ids) -> str:
        return "".join(self.vocabulary[int(i)] for i in ids)

    def summary(self) -> dict:
        return {
            "characters": int(sum(self.char_counts.values())),
            "distinct": len(self.char_counts),
            "vocabulary": list(self.vocabulary),
            "vocab_size": self.vocab_size,
            "folded_distinct": self.folded_distinct,
            "folded_count": self.folded_count,
            "train_chars": int(len(self.train_ids)),
            "val_chars": int(len(self.val_ids)),
            "top": [[ch, n] for ch, n in self.char_counts.most_common(TOP_CHARACTERS)],
        }


# --------------------------------------------------------------------------- parameters


def init_params(cell: str, layers: int, hidden: int, vocab_size: int, seed: int = 0,
                dtype=np.float32) -> dict:
    """PyTorch's default: every weight and bias uniform in +-1/sqrt(H)."""
    G = CELLS[cell]
    H, V = hidden, vocab_size
    rng = np.random.default_rng(seed)
    k = 1.0 / math.sqrt(H)

    def uniform(*shape):
        return rng.uniform(-k, k, size=shape).astype(dtype)

    params = {}
    for l in range(layers):
        params[f"Wx{l}"] = uniform(V if l == 0 else H, G * H)
        params[f"Wh{l}"] = uniform(H, G * H)
        params[f"bx{l}"] = uniform(G * H)
        params[f"bh{l}"] = uniform(G * H)
        if cell == "lstm":
            # A forget gate that starts open lets gradients reach back from the first steps.
            params[f"bx{l}"][H:2 * H] = 1.0
    params["Wy"] = uniform(H, V)
    params["by"] = uniform(V)
    return params


def param_names(layers: int) -> list[str]:
    names = []
    for l in range(layers):
        names += [f"Wx{l}", f"Wh{l}", f"bx{l}", f"bh{l}"]
    return names + ["Wy", "by"]


def _sigmoid(x, out=None):
    # tanh form: no overflow warning for large negative inputs, and one transcendental call.
    out = np.multiply(x, 0.5, out=out)
    np.tanh(out, out=out)
    out *= 0.5
    out += 0.5
    return out


# --------------------------------------------------------------------------- forward


def _layer_input_projection(params, l, inputs):
    """x @ Wx + bx for all T steps at once; layer 0 gets ids, so it is a row gather."""
    Wx, bx = params[f"Wx{l}"], params[f"bx{l}"]
    if l == 0:
        xa = Wx[inputs]  # [T, B, G*H]
    else:
        T, B, H = inputs.shape
        xa = mm(inputs.reshape(T * B, H), Wx).reshape(T, B, -1)  # [T, B, G*H]
    xa += bx
    return xa


def _lstm_forward(xa, Wh, bh, h0, c0):
    T, B, GH = xa.shape
    H = GH // 4
    xa += bh  # both biases add before the nonlinearity, so fold bh into the whole sequence
    hs = np.empty((T + 1, B, H), xa.dtype)  # [T+1, B, H]
    cs = np.empty((T + 1, B, H), xa.dtype)  # [T+1, B, H]
    tcs = np.empty((T, B, H), xa.dtype)  # [T, B, H] tanh(c)
    gates = np.empty((T, B, GH), xa.dtype)  # [T, B, 4H] activated i, f, g, o
    hs[0], cs[0] = h0, c0
    for t in range(T):
        a = xa[t] + mm(hs[t], Wh)  # [B, 4H]
        act = gates[t]
        _sigmoid(a, out=act)
        np.tanh(a[:, 2 * H:3 * H], out=act[:, 2 * H:3 * H])
        np.multiply(act[:, H:2 * H], cs[t], out=cs[t + 1])
        cs[t + 1] += act[:, :H] * act[:, 2 * H:3 * H]
        np.tanh(cs[t + 1], out=tcs[t])
        np.multiply(act[:, 3 * H:], tcs[t], out=hs[t + 1])
    return {"hs": hs, "cs": cs, "tcs": tcs, "gates": gates}


def _gru_forward(xa, Wh, bh, h0):
    T, B, GH = xa.shape
    H = GH // 3
    # r and z take both biases before the sigmoid; bh's n block must stay inside r * (h Whn + bhn).
    xa[:, :, :2 * H] += bh[:2 * H]
    bh_n = bh[2 * H:]
    hs = np.empty((T + 1, B, H), xa.dtype)  # [T+1, B, H]
    hns = np.empty((T, B, H), xa.dtype)  # [T, B, H] h @ Whn + bhn
    gates = np.empty((T, B, GH), xa.dtype)  # [T, B, 3H] activated r, z, n
    hs[0] = h0
    for t in range(T):
        ha = mm(hs[t], Wh)  # [B, 3H]
        act = gates[t]
        np.add(xa[t, :, :2 * H], ha[:, :2 * H], out=act[:, :2 * H])
        _sigmoid(act[:, :2 * H], out=act[:, :2 * H])
        np.add(ha[:, 2 * H:], bh_n, out=hns[t])
        n = act[:, 2 * H:]
        np.multiply(act[:, :H], hns[t], out=n)
        n += xa[t, :, 2 * H:]
        np.tanh(n, out=n)
        # h' = (1 - z) * n + z * h, written as n + z * (h - n) to save a temporary
        np.subtract(hs[t], n, out=hs[t + 1])
        hs[t + 1] *= act[:, H:2 * H]
        hs[t + 1] += n
    return {"hs": hs, "hns": hns, "gates": gates}


def _rnn_forward(xa, Wh, bh, h0):
    T, B, H = xa.shape
    xa += bh
    hs = np.empty((T + 1, B, H), xa.dtype)  # [T+1, B, H]
    hs[0] = h0
    for t in range(T):
        np.add(xa[t], mm(hs[t], Wh), out=hs[t + 1])
        np.tanh(hs[t + 1], out=hs[t + 1])
    return {"hs": hs, "gates": hs[1:]}


def forward(params, cell, layers, X, h0, c0):
    """Forward pass of one window. X [T, B] ids; h0, c0 [L, B, H]. Returns (logits [T*B, V], caches)."""
    inputs = X
    caches = []
    for l in range(layers):
        xa = _layer_input_projection(params, l, inputs)
        Wh, bh = params[f"Wh{l}"], params[f"bh{l}"]
        if cell == "lstm":
            cache = _lstm_forward(xa, Wh, bh, h0[l], c0[l])
        elif cell == "gru":
            cache = _gru_forward(xa, Wh, bh, h0[l])
        else:
            cache = _rnn_forward(xa, Wh, bh, h0[l])
        cache["inputs"] = inputs
        caches.append(cache)
        inputs = cache["hs"][1:]  # [T, B, H]
    T, B, H = inputs.shape
    top = inputs.reshape(T * B, H)  # [T*B, H]
    logits = mm(top, params["Wy"])  # [T*B, V]
    logits += params["by"]
    return logits, caches


def final_state(cell, caches, h0, c0):
    h = np.stack([cache["hs"][-1] for cache in caches])  # [L, B, H]
    c = np.stack([cache["cs"][-1] for cache in caches]) if cell == "lstm" else c0.copy()
    return h, c


def _cross_entropy(logits, Y):
    """Mean negative log-likelihood (nats/char) and its gradient wrt the logits [T*B, V]."""
    y = Y.reshape(-1)
    rows = np.arange(len(y))
    shifted = logits - logits.max(axis=1, keepdims=True)  # [T*B, V]
    e = np.exp(shifted)
    s = e.sum(axis=1)  # [T*B]
    logp = shifted[rows, y] - np.log(s)
    loss = -float(np.mean(logp, dtype=np.float64))
    dlogits = e
    dlogits /= s[:, None]
    dlogits[rows, y] -= 1.0
    dlogits /= len(y)
    return loss, dlogits


def _nll_sum(logits, Y):
    y = Y.reshape(-1)
    shifted = logits - logits.max(axis=1, keepdims=True)
    logp = shifted[np.arange(len(y)), y] - np.log(np.exp(shifted).sum(axis=1))
    return -float(np.sum(logp, dtype=np.float64))


# --------------------------------------------------------------------------- backward


def _lstm_backward(cache, Wh, dtop):
    hs, cs, tcs, gates = cache["hs"], cache["cs"], cache["tcs"], cache["gates"]
    T, B, GH = gates.shape
    H = GH // 4
    # Whole-sequence factors, so the time loop only multiplies.
    deriv = gates * (1.0 - gates)  # [T, B, 4H] sigmoid'
    g = gates[:, :, 2 * H:3 * H]
    deriv[:, :, 2 * H:3 * H] = 1.0 - g * g  # tanh'
    o_dtanh = gates[:, :, 3 * H:] * (1.0 - tcs * tcs)  # [T, B, H] dh -> dc
    # dc multiplies [g, c_prev, i] to give the pre-derivative grads of [i, f, g]
    partners = np.stack([g, cs[:-1], gates[:, :, :H]], axis=2)  # [T, B, 3, H]
    dA = np.empty_like(gates)  # [T, B, 4H]
    dh_next = np.zeros((B, H), gates.dtype)
    dc_next = np.zeros((B, H), gates.dtype)
    for t in range(T - 1, -1, -1):
        dh = dtop[t] + dh_next  # [B, H]
        dc = dh * o_dtanh[t]
        dc += dc_next
        da = dA[t]
        np.multiply(dc[:, None, :], partners[t], out=da[:, :3 * H].reshape(B, 3, H))
        np.multiply(dh, tcs[t], out=da[:, 3 * H:])
        da *= deriv[t]
        dc_next = dc * gates[t, :, H:2 * H]
        dh_next = mm_bt(da, Wh)
    return dA, dA


def _gru_backward(cache, Wh, dtop):
    hs, hns, gates = cache["hs"], cache["hns"], cache["gates"]
    T, B, GH = gates.shape
    H = GH // 3
    r, z, n = gates[:, :, :H], gates[:, :, H:2 * H], gates[:, :, 2 * H:]
    k_n = (1.0 - z) * (1.0 - n * n)  # [T, B, H] dh -> d(pre-tanh n)
    k_z = (hs[:-1] - n) * z * (1.0 - z)  # [T, B, H] dh -> d(pre-sigmoid z)
    k_r = hns * r * (1.0 - r)  # [T, B, H] d(pre-tanh n) -> d(pre-sigmoid r)
    dXA = np.empty_like(gates)  # [T, B, 3H] grads of x @ Wx + bx
    dHA = np.empty_like(gates)  # [T, B, 3H] grads of h @ Wh + bh
    dh_next = np.zeros((B, H), gates.dtype)
    for t in range(T - 1, -1, -1):
        dh = dtop[t] + dh_next  # [B, H]
        dx, dha = dXA[t], dHA[t]
        dan = dx[:, 2 * H:]
        np.multiply(dh, k_n[t], out=dan)
        np.multiply(dh, k_z[t], out=dx[:, H:2 * H])
        np.multiply(dan, k_r[t], out=dx[:, :H])
        dha[:, :2 * H] = dx[:, :2 * H]
        np.multiply(dan, r[t], out=dha[:, 2 * H:])
        dh_next = mm_bt(dha, Wh)
        dh_next += dh * z[t]
    return dXA, dHA


def _rnn_backward(cache, Wh, dtop):
    hs = cache["hs"]
    T1, B, H = hs.shape
    deriv = 1.0 - hs[1:] * hs[1:]  # [T, B, H]
    dA = np.empty_like(deriv)
    dh_next = np.zeros((B, H), hs.dtype)
    for t in range(T1 - 2, -1, -1):
        np.add(dtop[t], dh_next, out=dA[t])
        dA[t] *= deriv[t]
        dh_next = mm_bt(dA[t], Wh)
    return dA, dA


def _scatter_rows(ids, rows, n_rows):
    """sum of rows grouped by id: the gradient of a row gather. ids [N], rows [N, C] -> [n_rows, C].

    Rows sorted by id and summed run by run (np.add.reduceat): N*C additions, where a one-hot
    product costs N*V*C multiply-adds (65 M for a batch of 2,048 characters and V=62: 20 ms in
    Pyodide's einsum) and np.add.at is slow in both runtimes.
    """
    order = np.argsort(ids, kind="stable")  # [N]
    sorted_ids = ids[order]
    starts = np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]])  # [U] first row of each id
    out = np.zeros((n_rows, rows.shape[1]), rows.dtype)  # [V, C]
    out[sorted_ids[starts]] = np.add.reduceat(rows[order], starts, axis=0)
    return out


def backward(params, cell, layers, caches, dlogits):
    """Exact gradients of the window loss wrt every parameter (state at the window start is constant)."""
    grads = {}
    top_hs = caches[-1]["hs"][1:]  # [T, B, H]
    T, B, H = top_hs.shape
    grads["Wy"] = mm_at(top_hs.reshape(T * B, H), dlogits)  # [H, V]
    grads["by"] = dlogits.sum(axis=0)
    dtop = mm_bt(dlogits, params["Wy"]).reshape(T, B, H)  # [T, B, H]
    for l in range(layers - 1, -1, -1):
        cache = caches[l]
        Wh = params[f"Wh{l}"]
        if cell == "lstm":
            dXA, dHA = _lstm_backward(cache, Wh, dtop)
        elif cell == "gru":
            dXA, dHA = _gru_backward(cache, Wh, dtop)
        else:
            dXA, dHA = _rnn_backward(cache, Wh, dtop)
        GH = dXA.shape[2]
        dX2 = dXA.reshape(T * B, GH)  # [T*B, G*H]
        dH2 = dHA.reshape(T * B, GH)
        grads[f"Wh{l}"] = mm_at(cache["hs"][:-1].reshape(T * B, H), dH2)
        grads[f"bh{l}"] = dH2.sum(axis=0)
        grads[f"bx{l}"] = dX2.sum(axis=0) if dHA is not dXA else grads[f"bh{l}"].copy()
        inputs = cache["inputs"]
        if l == 0:
            grads["Wx0"] = _scatter_rows(inputs.reshape(-1), dX2, params["Wx0"].shape[0])
        else:
            grads[f"Wx{l}"] = mm_at(inputs.reshape(T * B, H), dX2)
            dtop = mm_bt(dX2, params[f"Wx{l}"]).reshape(T, B, H)
    return grads


def loss_and_grads(params, cell, layers, X, Y, h0, c0):
    """One window: X, Y [T, B] ids; h0, c0 [L, B, H]. Returns (loss, grads, h_T, c_T)."""
    logits, caches = forward(params, cell, layers, X, h0, c0)
    loss, dlogits = _cross_entropy(logits, Y)
    grads = backward(params, cell, layers, caches, dlogits)
    h, c = final_state(cell, caches, h0, c0)
    return loss, grads, h, c


# --------------------------------------------------------------------------- inference step


def step(params, config, x_ids, h, c):
    """One inference step. x_ids [B]; h, c [L, B, H].

    Returns logits [B, V], h' [L, B, H], c' [L, B, H], gates [L, G, B, H] (activated values:
    LSTM i, f, g, o; GRU r, z, n; RNN the new h). GRU and RNN pass c through unchanged.
    """
    cell, layers = config["cell"], config["layers"]
    G = CELLS[cell]
    x_ids = np.asarray(x_ids, dtype=np.intp).reshape(-1)
    L, B, H = h.shape
    h_out = np.empty_like(h)
    c_out = np.array(c, copy=True)
    gates = np.empty((L, G, B, H), h.dtype)
    x = None
    for l in range(layers):
        xa = params["Wx0"][x_ids] if l == 0 else mm(x, params[f"Wx{l}"])  # [B, G*H]
        xa = xa + params[f"bx{l}"]
        ha = mm(h[l], params[f"Wh{l}"]) + params[f"bh{l}"]  # [B, G*H]
        if cell == "lstm":
            a = xa + ha
            i, f, o = (_sigmoid(a[:, k * H:(k + 1) * H]) for k in (0, 1, 3))
            g = np.tanh(a[:, 2 * H:3 * H])
            c_out[l] = f * c[l] + i * g
            h_out[l] = o * np.tanh(c_out[l])
            gates[l] = np.stack([i, f, g, o])
        elif cell == "gru":
            r = _sigmoid(xa[:, :H] + ha[:, :H])
            z = _sigmoid(xa[:, H:2 * H] + ha[:, H:2 * H])
            n = np.tanh(xa[:, 2 * H:] + r * ha[:, 2 * H:])
            h_out[l] = (1.0 - z) * n + z * h[l]
            gates[l] = np.stack([r, z, n])
        else:
            h_out[l] = np.tanh(xa + ha)
            gates[l, 0] = h_out[l]
        x = h_out[l]
    logits = mm(x, params["Wy"]) + params["by"]
    return logits, h_out, c_out, gates


def generate(params, config, vocabulary, seed_text="", length=200, temperature=0.8, rng_seed=0):
    """Sample `length` characters after warming the state on seed_text (which is not returned)."""
    index = {ch: i for i, ch in enumerate(vocabulary)}
    fallback = index.get(REPLACEMENT)
    ids = [index.get(ch, fallback) for ch in seed_text]
    ids = [i for i in ids if i is not None]
    if not ids:
        # With no usable seed, start as after a line break (or the first character if none).
        ids = [index.get("\n", 0)]
    dtype = params["Wy"].dtype
    L, H = config["layers"], config["hidden"]
    h = np.zeros((L, 1, H), dtype)
    c = np.zeros((L, 1, H), dtype)
    for i in ids[:-1]:
        _, h, c, _ = step(params, config, [i], h, c)
    rng = np.random.default_rng(rng_seed)
    out = []
    x = ids[-1]
    for _ in range(int(length)):
        logits, h, c, _ = step(params, config, [x], h, c)
        logits = logits[0].astype(np.float64)
        if temperature <= 0:
            x = int(np.argmax(logits))
        else:
            z = logits / temperature
            p = np.exp(z - z.max())
            cdf = np.cumsum(p)
            x = int(np.searchsorted(cdf, rng.random() * cdf[-1], side="right"))
            x = min(x, len(vocabulary) - 1)
        out.append(vocabulary[x])
    return "".join(out)


# --------------------------------------------------------------------------- training


class EarlyStopping:
    """Stop when validation has not improved by min_delta for `patience` evaluations in a row."""

    def __init__(self, patience: int = 3, min_delta: float = 0.01):
        self.patience = patience
        self.min_delta = min_delta
        self.best_loss = math.inf
        self.best_step = None
        self.bad_evaluations = 0

    def update(self, val_loss: float, step: int | None = None) -> bool:
        """Feed one validation loss; returns True when training should stop."""
        if val_loss < self.best_loss - self.min_delta:
            self.best_loss = float(val_loss)
            self.best_step = step
            self.bad_evaluations = 0
        else:
            self.bad_evaluations += 1
        return self.should_stop

    @property
    def should_stop(self) -> bool:
        return self.bad_evaluations >= self.patience

    def state(self) -> dict:
        # JSON has no infinity: "no check yet" is saved as None.
        best = None if math.isinf(self.best_loss) else self.best_loss
        return {"patience": self.patience, "min_delta": self.min_delta, "best_loss": best,
                "best_step": self.best_step, "bad_evaluations": self.bad_evaluations}

    def load_state(self, state: dict) -> None:
        """Take back what state() returned (a run resumed from a checkpoint)."""
        self.patience, self.min_delta = state["patience"], state["min_delta"]
        self.best_loss = math.inf if state["best_loss"] is None else float(state["best_loss"])
        self.best_step, self.bad_evaluations = state["best_step"], state["bad_evaluations"]


def _pack_meta(meta: dict) -> np.ndarray:
    return np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)


def _unpack_meta(arr) -> dict:
    return json.loads(bytes(np.asarray(arr, dtype=np.uint8)).decode("utf-8"))


class Trainer:
    def __init__(self, corpus: Corpus, cell: str = "lstm", layers: int = 1, hidden: int = 128,
                 seq_len: int = 64, batch: int = 32, lr: float = 2e-3, clip: float = 5.0,
                 seed: int = 0, dtype=np.float32):
        if cell not in CELLS:
            raise ValueError(f"Unknown cell {cell!r}; choose one of rnn, gru, lstm.")
        if not 1 <= layers <= 3:
            raise ValueError("A model has 1 to 3 layers.")
        if hidden < 1 or seq_len < 1 or batch < 1:
            raise ValueError("Hidden size, sequence length and batch size must be positive.")
        n_train = len(corpus.train_ids)
        if n_train < 2 * (seq_len + 1):
            raise ValueError(
                f"The training text has {n_train:,} characters; windows of {seq_len} need at "
                f"least {2 * (seq_len + 1):,}. Use a longer text or shorter windows.")
        self.corpus = corpus
        self.dtype = np.dtype(dtype)
        self.config = {"cell": cell, "layers": int(layers), "hidden": int(hidden),
                       "vocab_size": corpus.vocab_size, "seq_len": int(seq_len),
                       "batch": int(batch), "lr": float(lr), "clip": float(clip),
                       "seed": int(seed), "dtype": self.dtype.name}
        self.params = init_params(cell, layers, hidden, corpus.vocab_size, seed=seed,
                                  dtype=self.dtype)
        # Training itself draws nothing at random today; the generator is kept (and saved) so a
        # future use (shuffled stream starts, dropout) resumes exactly from a checkpoint.
        self.rng = np.random.default_rng(seed)
        self.names = param_names(layers)
        self.m = {k: np.zeros_like(v) for k, v in self.params.items()}
        self.v = {k: np.zeros_like(v) for k, v in self.params.items()}
        self.adam_t = 0
        self.step = 0
        self.chars_seen = 0
        self.history = []
        self.val_history = []
        self.best_params = None
        self.best_val_loss = math.inf
        self.best_step = None
        # B streams spread evenly over the training text, each with its own carried state.
        self.starts = (np.arange(batch, dtype=np.intp) * n_train) // batch
        self.pos = self.starts.copy()  # [B]
        self.h = np.zeros((layers, batch, hidden), self.dtype)  # [L, B, H]
        self.c = np.zeros((layers, batch, hidden), self.dtype)  # [L, B, H]

    # ---- batches

    def _next_batch(self):
        T = self.config["seq_len"]
        data = self.corpus.train_ids
        wrap = self.pos + T + 1 > len(data)
        if wrap.any():
            # A stream that runs off the end starts again at the beginning with a fresh state.
            self.pos[wrap] = 0
            self.h[:, wrap] = 0.0
            self.c[:, wrap] = 0.0
        idx = self.pos[None, :] + np.arange(T + 1)[:, None]  # [T+1, B]
        window = data[idx]
        self.pos += T
        return window[:-1], window[1:]  # X, Y [T, B]

    # ---- optimisation

    def _clip(self, grads) -> float:
        norm = math.sqrt(sum(float(np.vdot(g, g)) for g in grads.values()))
        clip = self.config["clip"]
        if clip > 0 and norm > clip:
            scale = clip / (norm + 1e-6)
            for g in grads.values():
                g *= scale
        return norm

    def _adam(self, grads):
        self.adam_t += 1
        t = self.adam_t
        lr = self.config["lr"]
        c1 = 1.0 - ADAM_BETA1 ** t
        c2 = 1.0 - ADAM_BETA2 ** t
        for k, g in grads.items():
            m, v, p = self.m[k], self.v[k], self.params[k]
            m *= ADAM_BETA1
            m += (1.0 - ADAM_BETA1) * g
            v *= ADAM_BETA2
            v += (1.0 - ADAM_BETA2) * (g * g)
            denom = np.sqrt(v / c2)
            denom += ADAM_EPS
            p -= (lr / c1) * m / denom

    def train_steps(self, n: int) -> list[dict]:
        records = []
        for _ in range(int(n)):
            records.append(self._train_one())
        return records

    def _train_one(self) -> dict:
        cfg = self.config
        X, Y = self._next_batch()
        loss, grads, self.h, self.c = loss_and_grads(
            self.params, cfg["cell"], cfg["layers"], X, Y, self.h, self.c)
        norm = self._clip(grads)
        self._adam(grads)
        self.step += 1
        self.chars_seen += X.size
        record = {"step": self.step, "loss": loss, "grad_norm": norm, "chars": self.chars_seen}
        self.history.append(record)
        return record

    def train_for(self, seconds: float, max_steps: int | None = None) -> list[dict]:
        """Train until `seconds` have passed (always at least one step) or max_steps are done."""
        start = time.perf_counter()
        report = _progress_hook()
        records = []
        while True:
            records.append(self._train_one())
            if report is not None:
                r = records[-1]
                try:
                    report(r["step"], None, None, loss=r["loss"], grad_norm=r["grad_norm"],
                           chars=r["chars"])
                except Exception:  # a broken hook must not break training
                    report = None
            if max_steps is not None and len(records) >= max_steps:
                break
            if time.perf_counter() - start >= seconds:
                break
        return records

    # ---- evaluation

    def evaluate(self, max_chars: int | None = None, record: bool = True) -> float:
        """Validation loss in nats/char (at most `max_chars` of the validation text).

        The last training character is the context for the first validation character, so every
        validation character is predicted. Does not touch the training state.
        """
        ids = np.concatenate([self.corpus.train_ids[-1:], self.corpus.val_ids])
        if max_chars is not None:
            ids = ids[: int(max_chars) + 1]
        if len(ids) < 2:
            raise ValueError("There is no validation text to evaluate on.")
        loss = self.stream_loss(ids)
        if record:
            self.val_history.append({"step": self.step, "val_loss": loss})
            if loss < self.best_val_loss:
                self.best_val_loss = loss
                self.best_step = self.step
                self.best_params = {k: v.copy() for k, v in self.params.items()}
        return loss

    def train_text_loss(self, max_chars: int | None = None) -> float:
        """Loss in nats/char on the training text itself (its first `max_chars` characters): how
        closely the model fits what it has read, as opposed to how it predicts text it has not."""
        ids = self.corpus.train_ids if max_chars is None else self.corpus.train_ids[: int(max_chars) + 1]
        return self.stream_loss(ids)

    def stream_loss(self, ids) -> float:
        """Mean loss of predicting ids[1:] from what precedes them (ids[0] is context only), read
        as B' contiguous streams in windows with carried state; up to B'-1 trailing characters
        that do not fill a stream evenly are left out."""
        cfg = self.config
        T, L, H = cfg["seq_len"], cfg["layers"], cfg["hidden"]
        ids = np.asarray(ids, dtype=np.intp)
        n_pred = len(ids) - 1
        if n_pred < 1:
            raise ValueError("There is no text to evaluate on.")
        Bv = max(1, min(cfg["batch"], n_pred // T))
        Ls = n_pred // Bv
        idx = np.arange(Bv)[None, :] * Ls + np.arange(Ls + 1)[:, None]  # [Ls+1, Bv]
        streams = ids[idx]
        h = np.zeros((L, Bv, H), self.dtype)
        c = np.zeros((L, Bv, H), self.dtype)
        total = 0.0
        for s in range(0, Ls, T):
            X = streams[s:s + T]
            Y = streams[s + 1:s + T + 1]
            X = X[: len(Y)]
            logits, caches = forward(self.params, cfg["cell"], L, X, h, c)
            total += _nll_sum(logits, Y)
            h, c = final_state(cfg["cell"], caches, h, c)
        return total / (Ls * Bv)

    # ---- sampling

    def sample(self, seed_text: str = "", length: int = 200, temperature: float = 0.8,
               rng_seed: int = 0) -> str:
        return generate(self.params, self.config, self.corpus.vocabulary, seed_text, length,
                        temperature, rng_seed)

    # ---- sizes

    def parameter_count(self) -> int:
        return int(sum(p.size for p in self.params.values()))

    def memory_bytes(self) -> int:
        """Parameters, gradients, Adam moments and one training step's activations, from shapes."""
        cfg = self.config
        T, B, H, L, V = cfg["seq_len"], cfg["batch"], cfg["hidden"], cfg["layers"], cfg["vocab_size"]
        G = CELLS[cfg["cell"]]
        # [T, B, *] arrays alive during one window (forward caches and backward buffers), in H units
        if cfg["cell"] == "lstm":
            per_layer = 4 * G + 8  # xa, gates, deriv, dA; hs, cs, tcs, o_dtanh, partners (3H), dc
        elif cfg["cell"] == "gru":
            per_layer = 4 * G + 5  # xa, gates, dXA, dHA; hs, hns, k_n, k_z, k_r
        else:
            per_layer = 4  # xa, hs, deriv, dA
        activations = L * T * B * H * per_layer + 3 * T * B * V  # + logits, shifted, probs
        # parameters, gradients and the two Adam moments
        return int((4 * self.parameter_count() + activations) * self.dtype.itemsize)

    # ---- checkpoints

    def to_bytes(self) -> bytes:
        arrays = {}
        for k in self.names:
            arrays[f"param.{k}"] = self.params[k]
            arrays[f"adam_m.{k}"] = self.m[k]
            arrays[f"adam_v.{k}"] = self.v[k]
            if self.best_params is not None:
                arrays[f"best.{k}"] = self.best_params[k]
        arrays["state.h"], arrays["state.c"], arrays["state.pos"] = self.h, self.c, self.pos
        meta = {"format": "rnn-course-trainer-checkpoint", "version": 1, "config": self.config,
                "vocabulary": self.corpus.vocabulary, "step": self.step,
                "chars_seen": self.chars_seen, "adam_t": self.adam_t, "history": self.history,
                "val_history": self.val_history,
                "best_val_loss": None if math.isinf(self.best_val_loss) else self.best_val_loss,
                "best_step": self.best_step, "rng_state": self.rng.bit_generator.state}
        arrays["meta"] = _pack_meta(meta)
        buf = io.BytesIO()
        np.savez_compressed(buf, **arrays)
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, corpus: Corpus) -> "Trainer":
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        meta = _unpack_meta(arrays["meta"])
        if meta.get("format") != "rnn-course-trainer-checkpoint":
            raise ValueError("This file is not a training checkpoint of this page.")
        if meta["vocabulary"] != corpus.vocabulary:
            raise ValueError("The checkpoint was trained on a text with a different vocabulary.")
        cfg = meta["config"]
        self = cls(corpus, cell=cfg["cell"], layers=cfg["layers"], hidden=cfg["hidden"],
                   seq_len=cfg["seq_len"], batch=cfg["batch"], lr=cfg["lr"], clip=cfg["clip"],
                   seed=cfg["seed"], dtype=np.dtype(cfg["dtype"]))
        for k in self.names:
            self.params[k] = arrays[f"param.{k}"].copy()
            self.m[k] = arrays[f"adam_m.{k}"].copy()
            self.v[k] = arrays[f"adam_v.{k}"].copy()
        if f"best.{self.names[0]}" in arrays:
            self.best_params = {k: arrays[f"best.{k}"].copy() for k in self.names}
        self.h, self.c = arrays["state.h"].copy(), arrays["state.c"].copy()
        self.pos = arrays["state.pos"].astype(np.intp)
        self.step, self.chars_seen, self.adam_t = meta["step"], meta["chars_seen"], meta["adam_t"]
        self.history, self.val_history = meta["history"], meta["val_history"]
        self.best_val_loss = math.inf if meta["best_val_loss"] is None else meta["best_val_loss"]
        self.best_step = meta["best_step"]
        self.rng.bit_generator.state = meta["rng_state"]
        return self

    # ---- model files (inference weights only)

    def export_weights(self, best: bool = False) -> dict:
        """Inference parameters as float32 (the best ones if asked and known), config, vocabulary."""
        source = self.best_params if best and self.best_params is not None else self.params
        out = {k: source[k].astype(np.float32) for k in self.names}
        out["config"] = {k: self.config[k] for k in ("cell", "layers", "hidden", "vocab_size")}
        out["vocabulary"] = list(self.corpus.vocabulary)
        return out

    def export_weights_bytes(self, best: bool = False) -> bytes:
        return weights_to_bytes(self.export_weights(best))

    def load_weights(self, data) -> None:
        """Load a model file (bytes or export_weights dict) into this trainer; Adam starts afresh."""
        weights = load_weights(data)
        cfg = weights["config"]
        mine = {k: self.config[k] for k in ("cell", "layers", "hidden", "vocab_size")}
        if cfg != mine or weights["vocabulary"] != self.corpus.vocabulary:
            raise ValueError("The model file does not match this model's settings and vocabulary.")
        for k in self.names:
            self.params[k] = np.asarray(weights[k], dtype=self.dtype).copy()
            self.m[k] = np.zeros_like(self.params[k])
            self.v[k] = np.zeros_like(self.params[k])
        self.adam_t = 0


def weights_to_bytes(weights: dict) -> bytes:
    arrays = {k: v for k, v in weights.items() if isinstance(v, np.ndarray)}
    arrays["meta"] = _pack_meta({"format": "rnn-course-char-model", "version": 1,
                                 "config": weights["config"], "vocabulary": weights["vocabulary"]})
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return buf.getvalue()


def load_weights(data) -> dict:
    """A model file (npz bytes from weights_to_bytes, or the dict itself) as export_weights' dict."""
    if isinstance(data, dict):
        return data
    try:
        with np.load(io.BytesIO(bytes(data)), allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        meta = _unpack_meta(arrays.pop("meta"))
    except Exception as exc:
        raise ValueError("This file is not a model file of this page.") from exc
    if meta.get("format") != "rnn-course-char-model":
        raise ValueError("This file is not a model file of this page.")
    cfg = meta["config"]
    missing = [k for k in param_names(cfg["layers"]) if k not in arrays]
    if missing:
        raise ValueError(f"The model file lacks {', '.join(missing)}.")
    out = {k: arrays[k].astype(np.float32) for k in param_names(cfg["layers"])}
    out["config"] = cfg
    out["vocabulary"] = meta["vocabulary"]
    return out


def throughput(cell="lstm", layers=1, hidden=128, batch=32, seq_len=64, seconds=3.0,
               vocab=65, seed=0) -> float:
    """Training characters per second for a fresh model on random text (one warm-up step first)."""
    rng = np.random.default_rng(seed)
    alphabet = [chr(33 + i) for i in range(vocab)]
    n = max(2 * (seq_len + 1) * batch, 50_000)
    text = "".join(rng.choice(alphabet, size=n))
    corpus = Corpus.from_text(text, val_fraction=0.01, max_vocab=max(vocab, 2))
    trainer = Trainer(corpus, cell=cell, layers=layers, hidden=hidden, seq_len=seq_len,
                      batch=batch, seed=seed)
    trainer.train_steps(1)
    start = time.perf_counter()
    records = trainer.train_for(seconds)
    elapsed = time.perf_counter() - start
    return len(records) * seq_len * batch / elapsed
