"""Checks for the rnn_forward lab: public ones run on Run, hidden ones join on Check."""
import numpy as np
from grader import check, diagnose, expect_close, expect_shape

ARGS = ("inputs", "h0", "Wxh", "Whh", "bh")


def reference(inputs, h0, Wxh, Whh, bh):
    hs, h = [], h0
    for x in inputs:
        h = np.tanh(Wxh @ x + Whh @ h + bh)
        hs.append(h)
    return np.stack(hs)


def random_sequence(seed, T, D, H, one_hot=False):
    """A sequence and weights drawn with a fixed seed; weights scaled by 1/sqrt(fan-in)."""
    rng = np.random.default_rng(seed)
    if one_hot:
        inputs = np.eye(D)[rng.integers(0, D, size=T)]
    else:
        inputs = rng.normal(size=(T, D))
    return {
        "inputs": inputs,
        "h0": np.tanh(rng.normal(size=H)),
        "Wxh": rng.normal(scale=1 / np.sqrt(D), size=(H, D)),
        "Whh": rng.normal(scale=1 / np.sqrt(H), size=(H, H)),
        "bh": rng.normal(scale=0.5, size=H),
    }


def run(rnn_forward, seq):
    return rnn_forward(*(seq[name] for name in ARGS))


# ---------------------------------------------------------------- public checks
# T, D and H all differ, so that a transposed result or a wrong axis cannot pass.

@check("returns one state per time step: shape (T, H)")
def states_shape(rnn_forward):
    expect_shape(run(rnn_forward, random_sequence(seed=0, T=4, D=3, H=5)), (4, 5))


@check("matches the reference on a random sequence (T=4, D=3, H=5)")
def random_small_sequence(rnn_forward):
    seq = random_sequence(seed=0, T=4, D=3, H=5)
    expect_close(run(rnn_forward, seq), reference(**seq))


@check("a sequence of one-hot characters (T=6, D=7, H=4)")
def one_hot_sequence(rnn_forward):
    seq = random_sequence(seed=1, T=6, D=7, H=4, one_hot=True)
    expect_close(run(rnn_forward, seq), reference(**seq))


# ---------------------------------------------------------------- hidden checks

@check("a single step is one RNN step from h0", public=False)
def single_step(rnn_forward):
    seq = random_sequence(seed=2, T=1, D=3, H=5)
    want = np.tanh(seq["Wxh"] @ seq["inputs"][0] + seq["Whh"] @ seq["h0"] + seq["bh"])[None, :]
    expect_close(run(rnn_forward, seq), want)


@check("inputs given as a list of vectors work too", public=False)
def list_of_inputs(rnn_forward):
    seq = random_sequence(seed=3, T=5, D=4, H=3)
    seq_list = dict(seq, inputs=list(seq["inputs"]))
    expect_close(run(rnn_forward, seq_list), reference(**seq))


@check("a long sequence (T=50, D=10, H=8)", public=False)
def long_sequence(rnn_forward):
    seq = random_sequence(seed=4, T=50, D=10, H=8)
    expect_close(run(rnn_forward, seq), reference(**seq))


@check("the states depend on h0", public=False)
def uses_h0(rnn_forward):
    seq = random_sequence(seed=5, T=3, D=3, H=4)
    seq["h0"] = np.array([0.9, -0.9, 0.5, -0.5])
    expect_close(run(rnn_forward, seq), reference(**seq))


# ---------------------------------------------------------------- diagnoses

SEQ = random_sequence(seed=10, T=4, D=3, H=5)


def _same(got, want):
    got = np.asarray(got, dtype=float)
    return got.shape == want.shape and np.allclose(got, want, rtol=1e-6, atol=1e-9)


@diagnose
def last_state_only(rnn_forward):
    if _same(run(rnn_forward, SEQ), reference(**SEQ)[-1]):
        return ("You return only the final state, shape (H,). The lab asks for every state: "
                "append each new h to a list and return np.stack of that list, shape (T, H).")
    return None


@diagnose
def includes_h0(rnn_forward):
    want = np.vstack([SEQ["h0"], reference(**SEQ)])
    if _same(run(rnn_forward, SEQ), want):
        return ("Your first row is h0, so you return T + 1 rows. h0 is the state before the "
                "sequence; the lab wants only the states produced by the T inputs.")
    return None


@diagnose
def in_place_update(rnn_forward):
    final = reference(**SEQ)[-1]
    if _same(run(rnn_forward, SEQ), np.tile(final, (len(SEQ["inputs"]), 1))):
        return ("every row of your result is the final state: you write into one array in place "
                "(h[:] = ...) and append that same array T times. Rebind h to a new array instead: "
                "h = np.tanh(...).")
    return None


@diagnose
def same_h0_every_step(rnn_forward):
    x, h0, Wxh, Whh, bh = (SEQ[name] for name in ARGS)
    if _same(run(rnn_forward, SEQ), np.tanh(x @ Wxh.T + Whh @ h0 + bh)):
        return ("every step starts again from h0, so nothing is remembered from one input to the "
                "next. Feed each new state into the following step: h = np.tanh(Wxh @ x + Whh @ h + bh).")
    return None


@diagnose
def forgot_tanh(rnn_forward):
    hs, h = [], SEQ["h0"]
    for x in SEQ["inputs"]:
        h = SEQ["Wxh"] @ x + SEQ["Whh"] @ h + SEQ["bh"]
        hs.append(h)
    if _same(run(rnn_forward, SEQ), np.stack(hs)):
        return ("You never squash the state with np.tanh, so it can grow without bound along the "
                "sequence. Apply np.tanh to Wxh @ x + Whh @ h + bh at every step.")
    return None
