"""Checks for the rnn_backward lab: public ones run on Run, hidden ones join on Check.

The gradients are checked against numerical ones: the surrogate loss
L = sum_t dL_dh[t] . h_t has exactly dL_dh[t] as its direct gradient at h_t,
so central differences of L over every weight give what BPTT must return.
"""
import numpy as np
from grader import Fail, check, diagnose, expect_close, expect_true, fail, show

NAMES = ("dWxh", "dWhh", "dbh")
NO_CLIP = 1e9  # a threshold no gradient of these small problems reaches


def forward(inputs, h0, Wxh, Whh, bh):
    hs, h = [], h0
    for x in inputs:
        h = np.tanh(Wxh @ x + Whh @ h + bh)
        hs.append(h)
    return np.stack(hs)


def problem(seed, T, D, H, grad_scale=1.0):
    """A random forward pass and upstream gradients (weights scaled by 1/sqrt(fan-in))."""
    rng = np.random.default_rng(seed)
    p = {"inputs": rng.normal(size=(T, D)), "h0": np.tanh(rng.normal(size=H)),
         "Wxh": rng.normal(scale=1 / np.sqrt(D), size=(H, D)),
         "Whh": rng.normal(scale=1 / np.sqrt(H), size=(H, H)),
         "bh": rng.normal(scale=0.3, size=H)}
    p["hidden_states"] = forward(p["inputs"], p["h0"], p["Wxh"], p["Whh"], p["bh"])
    p["dL_dh"] = rng.normal(scale=grad_scale, size=(T, H))
    return p


def numerical(p, eps=1e-6):
    """Central-difference gradients of sum(dL_dh * h) over Wxh, Whh, bh."""
    def loss(Wxh, Whh, bh):
        return float((p["dL_dh"] * forward(p["inputs"], p["h0"], Wxh, Whh, bh)).sum())
    weights = [p["Wxh"].copy(), p["Whh"].copy(), p["bh"].copy()]
    grads = []
    for w in weights:
        g = np.zeros_like(w)
        for i in np.ndindex(w.shape):
            old = w[i]
            w[i] = old + eps
            up = loss(*weights)
            w[i] = old - eps
            down = loss(*weights)
            w[i] = old
            g[i] = (up - down) / (2 * eps)
        grads.append(g)
    return grads


def clipped(grads, max_norm):
    norm = np.sqrt(sum((g ** 2).sum() for g in grads))
    return [g * (max_norm / norm) for g in grads] if norm > max_norm else list(grads)


def run(rnn_backward, p, max_norm=NO_CLIP):
    got = rnn_backward(p["dL_dh"], p["inputs"], p["hidden_states"], p["h0"], p["Whh"], max_norm)
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        fail(f"expected a tuple (dWxh, dWhh, dbh), got {show(got)}", got=got)
    return got


def expect_grads(got, want, p):
    shown = {"dL_dh": p["dL_dh"], "hidden_states": p["hidden_states"]}
    for name, g, w in zip(NAMES, got, want):
        try:
            expect_close(g, w, rtol=1e-4, atol=1e-6, inputs=shown)
        except Fail as exc:
            exc.message = f"{name}: {exc.message}"
            raise


# ---------------------------------------------------------------- public checks

@check("returns (dWxh, dWhh, dbh) with the shapes of Wxh, Whh and bh")
def gradient_shapes(rnn_backward):
    p = problem(seed=0, T=3, D=2, H=4)
    got = run(rnn_backward, p)
    for name, g, shape in zip(NAMES, got, [(4, 2), (4, 4), (4,)]):
        g = np.asarray(g)
        expect_true(g.shape == shape, f"{name} has shape {g.shape}, expected {shape}", got=g)


@check("matches numerical gradients on a random problem (T=4, D=3, H=5)")
def numerical_small(rnn_backward):
    p = problem(seed=1, T=4, D=3, H=5)
    expect_grads(run(rnn_backward, p), numerical(p), p)


@check("large gradients are scaled down to a global norm of max_norm, direction kept")
def clips_large(rnn_backward):
    p = problem(seed=2, T=4, D=3, H=5, grad_scale=20.0)
    want = clipped(numerical(p), 5.0)
    got = run(rnn_backward, p, 5.0)
    norm = np.sqrt(sum((np.asarray(g, dtype=float) ** 2).sum() for g in got))
    expect_true(abs(norm - 5.0) < 1e-6, f"the global norm of your gradients is {show(norm)}, expected 5.0000",
                got=norm)
    expect_grads(got, want, p)


# ---------------------------------------------------------------- hidden checks

@check("small gradients are left unchanged by clipping", public=False)
def small_unclipped(rnn_backward):
    p = problem(seed=3, T=3, D=2, H=3, grad_scale=0.01)
    expect_grads(run(rnn_backward, p, 5.0), numerical(p), p)


@check("a single time step", public=False)
def single_step(rnn_backward):
    p = problem(seed=4, T=1, D=3, H=2)
    expect_grads(run(rnn_backward, p), numerical(p), p)


@check("a longer sequence (T=12, D=4, H=6)", public=False)
def numerical_long(rnn_backward):
    p = problem(seed=5, T=12, D=4, H=6)
    expect_grads(run(rnn_backward, p), numerical(p), p)


@check("only the last output has a gradient: it still reaches every step", public=False)
def last_output_only(rnn_backward):
    p = problem(seed=6, T=6, D=3, H=4)
    p["dL_dh"][:-1] = 0.0
    expect_grads(run(rnn_backward, p), numerical(p), p)


@check("clipping with another threshold (max_norm=0.5)", public=False)
def clips_other_threshold(rnn_backward):
    p = problem(seed=7, T=5, D=3, H=4, grad_scale=3.0)
    expect_grads(run(rnn_backward, p, 0.5), clipped(numerical(p), 0.5), p)


# ---------------------------------------------------------------- diagnoses
# Each compares the learner's (unclipped) gradients with what one mistake computes.

P = problem(seed=10, T=5, D=3, H=4)


def variant(p, *, recurrent=True, slope=True, prev=True, transpose=True):
    T, H = p["hidden_states"].shape
    gx, gh, gb = np.zeros((H, p["inputs"].shape[1])), np.zeros((H, H)), np.zeros(H)
    dh_next = np.zeros(H)
    for t in reversed(range(T)):
        dh = p["dL_dh"][t] + (dh_next if recurrent else 0.0)
        da = (1 - p["hidden_states"][t] ** 2) * dh if slope else dh
        h_prev = p["hidden_states"][t - 1] if t > 0 else p["h0"]
        gx += np.outer(da, p["inputs"][t])
        gh += np.outer(da, h_prev if prev else p["hidden_states"][t])
        gb += da
        dh_next = (p["Whh"].T if transpose else p["Whh"]) @ da
    return [gx, gh, gb]


def _same(got, want):
    try:
        return all(np.allclose(np.asarray(g, dtype=float), w, rtol=1e-6, atol=1e-9) and np.shape(g) == w.shape
                   for g, w in zip(got, want))
    except (TypeError, ValueError):
        return False


@diagnose
def no_recurrent_gradient(rnn_backward):
    if _same(run(rnn_backward, P), variant(P, recurrent=False)):
        return ("You drop the gradient that flows back from later steps: each h_t only gets "
                "dL_dh[t]. Add what came back from step t + 1 (Whh.T @ da of that step) before "
                "going through tanh; that is what makes it backpropagation *through time*.")
    return None


@diagnose
def forgot_tanh_slope(rnn_backward):
    if _same(run(rnn_backward, P), variant(P, slope=False)):
        return ("You skip the slope of tanh: multiply the incoming gradient by 1 - h_t**2 "
                "(the derivative of tanh, written with its output) before using it.")
    return None


@diagnose
def current_state_in_dWhh(rnn_backward):
    if _same(run(rnn_backward, P), variant(P, prev=False)):
        return ("dWhh pairs da with h_t, but Whh multiplied the previous state in the forward pass: "
                "use np.outer(da, h_(t-1)), with h0 at the first step.")
    return None


@diagnose
def untransposed_whh(rnn_backward):
    if _same(run(rnn_backward, P), variant(P, transpose=False)):
        return ("The gradient flows back through Whh instead of its transpose. The forward pass "
                "computed Whh @ h_(t-1), so the gradient reaching h_(t-1) is Whh.T @ da.")
    return None


@diagnose
def clipping_mistakes(rnn_backward):
    if not _same(run(rnn_backward, P), variant(P)):
        return None  # the gradients themselves are wrong: the diagnoses above say how
    big = problem(seed=11, T=4, D=3, H=5, grad_scale=20.0)
    raw = variant(big)
    got = run(rnn_backward, big, 5.0)
    if _same(got, raw):
        return ("Nothing is clipped: when the global norm of the three gradients exceeds max_norm, "
                "scale all of them by max_norm / norm.")
    if _same(got, [np.clip(g, -5.0, 5.0) for g in raw]):
        return ("You clip each entry to [-max_norm, max_norm] (np.clip). That changes the gradient's "
                "direction. Scale all three gradients by the same factor, max_norm / norm, where norm "
                "is their global norm.")
    if _same(got, [clipped([g], 5.0)[0] for g in raw]):
        return ("You clip each gradient on its own, so together they can still be longer than "
                "max_norm and their relative sizes change. Compute one norm over all three and "
                "scale them all by max_norm / norm.")
    return None
