"""Checks for the rnn_step lab: public ones run on Run, hidden ones join on Check."""
import numpy as np
from grader import check, diagnose, expect_close, expect_shape, fail, show

ARGS = ("x", "h_prev", "Wxh", "Whh", "bh")


def reference(x, h_prev, Wxh, Whh, bh):
    return np.tanh(Wxh @ x + Whh @ h_prev + bh)


def random_step(seed, D, H, scale=1.0):
    """The inputs of one step, drawn with a fixed seed.

    Weights are scaled by 1/sqrt(fan-in) so tanh is not saturated (a saturated
    tanh would hide a missing term); `scale` > 1 pushes it into saturation.
    h_prev comes out of a tanh, like a real previous state.
    """
    rng = np.random.default_rng(seed)
    return {
        "x": rng.normal(size=D),
        "h_prev": np.tanh(rng.normal(size=H)),
        "Wxh": rng.normal(scale=scale / np.sqrt(D), size=(H, D)),
        "Whh": rng.normal(scale=scale / np.sqrt(H), size=(H, H)),
        "bh": rng.normal(scale=0.5, size=H),
    }


def run(rnn_step, step):
    # Positional, so a learner who renamed a parameter is still graded.
    return rnn_step(*(step[name] for name in ARGS))


# ---------------------------------------------------------------- public checks
# H != D throughout, so that a transposed or swapped matrix cannot pass.

@check("returns a hidden state of shape (H,)")
def state_shape(rnn_step):
    expect_shape(run(rnn_step, random_step(seed=0, D=3, H=4)), (4,))


@check("matches the reference on a random step (D=3, H=4)")
def random_small_step(rnn_step):
    step = random_step(seed=0, D=3, H=4)
    expect_close(run(rnn_step, step), reference(**step))


@check("every unit of the new state lies in [-1, 1]")
def bounded_state(rnn_step):
    step = random_step(seed=2, D=3, H=4, scale=4.0)
    h = expect_shape(run(rnn_step, step), (4,))
    outside = np.flatnonzero(~(np.abs(h) <= 1.0))  # NaN counts as outside too
    if outside.size:
        i = outside[0]
        fail(f"h[{i}] = {show(h[i])} lies outside [-1, 1]", got=h)


# ---------------------------------------------------------------- hidden checks

@check("with all weights zero the new state is tanh(bh)", public=False)
def zero_weights(rnn_step):
    step = random_step(seed=3, D=3, H=4)
    step["Wxh"], step["Whh"] = np.zeros((4, 3)), np.zeros((4, 4))
    expect_close(run(rnn_step, step), np.tanh(step["bh"]))


@check("with a zero input only the memory and the bias act", public=False)
def zero_input(rnn_step):
    step = random_step(seed=4, D=3, H=4)
    step["x"] = np.zeros(3)
    expect_close(run(rnn_step, step), np.tanh(step["Whh"] @ step["h_prev"] + step["bh"]))


@check("a one-hot integer input, as for a character (D=5, H=3)", public=False)
def one_hot_input(rnn_step):
    step = random_step(seed=5, D=5, H=3)
    step["x"] = np.eye(5, dtype=np.int64)[2]
    expect_close(run(rnn_step, step), reference(**step))


@check("a wider input than state (D=10, H=6)", public=False)
def wide_input(rnn_step):
    step = random_step(seed=6, D=10, H=6)
    expect_close(run(rnn_step, step), reference(**step))


@check("a single hidden unit (D=3, H=1)", public=False)
def single_unit(rnn_step):
    step = random_step(seed=7, D=3, H=1)
    expect_close(run(rnn_step, step), reference(**step))


@check("five steps chained through the hidden state", public=False)
def five_steps(rnn_step):
    step = random_step(seed=8, D=4, H=6)
    xs = np.random.default_rng(9).normal(size=(5, 4))
    h_ref, h, want, got = np.zeros(6), np.zeros(6), [], []
    for x in xs:
        h_ref = reference(x, h_ref, step["Wxh"], step["Whh"], step["bh"])
        h = expect_shape(rnn_step(x, h, step["Wxh"], step["Whh"], step["bh"]), (6,))
        want.append(h_ref)
        got.append(h)
    # One row per step: a mismatch at (t, i) is unit i after step t + 1.
    expect_close(np.stack(got), np.stack(want),
                 inputs={"xs (one row per step)": xs, "h0": np.zeros(6)})


# ---------------------------------------------------------------- diagnoses
# Most specific first. Each reruns the learner's function and compares it with
# what one particular mistake computes. SQUARE has H == D, so that mistakes that
# fail on shapes elsewhere still produce numbers to compare.

SQUARE = random_step(seed=10, D=4, H=4)
TALL = random_step(seed=11, D=3, H=5)


def _same(got, want):
    got = np.asarray(got, dtype=float)
    return got.shape == want.shape and np.allclose(got, want, rtol=1e-6, atol=1e-9)


@diagnose
def elementwise_product(rnn_step):
    x, h, Wxh, Whh, bh = (SQUARE[name] for name in ARGS)
    if _same(run(rnn_step, SQUARE), np.tanh(Wxh * x + Whh * h + bh)):
        return ("`*` multiplies element by element: Wxh * x broadcasts x across the rows of Wxh "
                "and gives an (H, D) matrix, not a vector. A matrix-vector product needs @ "
                "(or np.dot): Wxh @ x has shape (H,).")
    return None


@diagnose
def swapped_weights(rnn_step):
    x, h, Wxh, Whh, bh = (SQUARE[name] for name in ARGS)
    if _same(run(rnn_step, SQUARE), np.tanh(Wxh @ h + Whh @ x + bh)):
        return ("Wxh and Whh are swapped: Wxh (H, D) reads the input x, and Whh (H, H) reads the "
                "previous state h_prev. When H != D the swapped products do not even fit.")
    return None


@diagnose
def transposed_weights(rnn_step):
    x, h, Wxh, Whh, bh = (SQUARE[name] for name in ARGS)
    got = run(rnn_step, SQUARE)
    culprits = {
        "x @ Wxh (or Wxh.T @ x) multiplies by the transpose of Wxh": np.tanh(Wxh.T @ x + Whh @ h + bh),
        "h_prev @ Whh (or Whh.T @ h_prev) multiplies by the transpose of Whh": np.tanh(Wxh @ x + Whh.T @ h + bh),
        "x @ Wxh (or Wxh.T @ x) multiplies by the transpose of Wxh, and h_prev @ Whh "
        "(or Whh.T @ h_prev) multiplies by the transpose of Whh": np.tanh(Wxh.T @ x + Whh.T @ h + bh),
    }
    for culprit, want in culprits.items():
        if _same(got, want):
            return (f"{culprit}. Here each row of a weight matrix belongs to one hidden unit, "
                    "so the matrix goes on the left: Wxh @ x and Whh @ h_prev.")
    return None


@diagnose
def forgot_tanh(rnn_step):
    x, h, Wxh, Whh, bh = (TALL[name] for name in ARGS)
    if _same(run(rnn_step, TALL), Wxh @ x + Whh @ h + bh):
        return ("Your values leave [-1, 1] because you return the pre-activation "
                "Wxh @ x + Whh @ h_prev + bh. Squash it with np.tanh.")
    return None


@diagnose
def used_sigmoid(rnn_step):
    x, h, Wxh, Whh, bh = (TALL[name] for name in ARGS)
    if _same(run(rnn_step, TALL), 1.0 / (1.0 + np.exp(-(Wxh @ x + Whh @ h + bh)))):
        return ("You squashed with the logistic sigmoid, whose outputs lie in (0, 1). The vanilla "
                "RNN's state uses tanh, centred on 0 and spanning (-1, 1): use np.tanh.")
    return None


@diagnose
def bias_outside_tanh(rnn_step):
    x, h, Wxh, Whh, bh = (TALL[name] for name in ARGS)
    if _same(run(rnn_step, TALL), np.tanh(Wxh @ x + Whh @ h) + bh):
        return ("You add bh after the tanh, which can push the state out of [-1, 1]. "
                "The bias belongs inside: np.tanh(Wxh @ x + Whh @ h_prev + bh).")
    return None


@diagnose
def forgot_bias(rnn_step):
    x, h, Wxh, Whh, bh = (TALL[name] for name in ARGS)
    if _same(run(rnn_step, TALL), np.tanh(Wxh @ x + Whh @ h)):
        return ("You left out the bias bh: with all weights zero your state is all zeros, "
                "but it should be tanh(bh). Add bh inside the tanh.")
    return None


@diagnose
def forgot_recurrence(rnn_step):
    x, h, Wxh, Whh, bh = (TALL[name] for name in ARGS)
    if _same(run(rnn_step, TALL), np.tanh(Wxh @ x + bh)):
        return ("You never use h_prev, so this network has no memory: every step sees only its "
                "own input. Add Whh @ h_prev inside the tanh; that term is what makes it recurrent.")
    return None
