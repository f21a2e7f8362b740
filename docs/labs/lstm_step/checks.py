"""Checks for the lstm_step lab: public ones run on Run, hidden ones join on Check."""
from itertools import permutations

import numpy as np
from grader import NONE_MESSAGE, Fail, check, diagnose, expect_close, expect_shape, fail

ARGS = ("x", "h_prev", "c_prev", "Wx", "Wh", "b")
GATES = "ifgo"


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def reference(x, h_prev, c_prev, Wx, Wh, b, order="ifgo", gate=sigmoid, cand=np.tanh,
              cell="f*c+i*g", out="o*tanh(c)"):
    """The LSTM step, with switches that reproduce the typical mistakes (defaults: correct)."""
    H = h_prev.shape[0]
    a = Wx @ x + Wh @ h_prev + b
    blocks = {name: a[k * H:(k + 1) * H] for k, name in enumerate(order)}
    i, f, o, g = gate(blocks["i"]), gate(blocks["f"]), gate(blocks["o"]), cand(blocks["g"])
    c = {"f*c+i*g": f * c_prev + i * g, "c+i*g": c_prev + i * g, "f*c+g": f * c_prev + g}[cell]
    h = {"o*tanh(c)": o * np.tanh(c), "o*c": o * c, "o*tanh(c_prev)": o * np.tanh(c_prev)}[out]
    return h, c


def random_step(seed, D, H, scale=1.0):
    """One step's inputs. Weights ~ 1/sqrt(fan-in), so no gate saturates and hides a term."""
    rng = np.random.default_rng(seed)
    return {
        "x": rng.normal(size=D),
        "h_prev": np.tanh(rng.normal(size=H)),
        "c_prev": rng.normal(scale=1.5, size=H),  # the cell is not bounded like h
        "Wx": rng.normal(scale=scale / np.sqrt(D), size=(4 * H, D)),
        "Wh": rng.normal(scale=scale / np.sqrt(H), size=(4 * H, H)),
        "b": rng.normal(scale=0.5, size=4 * H),
    }


def run(lstm_step, step):
    return lstm_step(*(step[name] for name in ARGS))


def pair(result, H):
    """The learner's (h, c), checked to be two arrays of shape (H,)."""
    if result is None:
        fail(NONE_MESSAGE)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail(f"expected a pair (h, c), got {type(result).__name__}"
             + (f" of length {len(result)}" if isinstance(result, (tuple, list)) else ""), got=result)
    return expect_shape(result[0], (H,)), expect_shape(result[1], (H,))


def expect_named(name, got, want, **details):
    """expect_close, with the message saying which output (h or c) is wrong."""
    try:
        expect_close(got, want, **details)
    except Fail as verdict:
        fail(f"{name}: {verdict.message}", inputs=verdict.inputs, expected=verdict.expected,
             got=verdict.got)


def expect_step(lstm_step, step):
    H = step["h_prev"].shape[0]
    h, c = pair(run(lstm_step, step), H)
    want_h, want_c = reference(**step)
    shown = {name: step[name] for name in ARGS}
    expect_named("the cell state c", c, want_c, inputs=shown)
    expect_named("the hidden state h", h, want_h, inputs=shown)


def with_gate_biases(step, **bias):
    """The step with the bias of some gates (i, f, g, o) set to one value for every unit."""
    step = dict(step, b=step["b"].copy())
    H = step["h_prev"].shape[0]
    for name, value in bias.items():
        k = GATES.index(name)
        step["b"][k * H:(k + 1) * H] = value
    return step


# ---------------------------------------------------------------- public checks
# H != D throughout, and 4H != D, so that a misplaced matrix cannot fit.

@check("returns a pair (h, c), each of shape (H,)")
def returns_pair(lstm_step):
    pair(run(lstm_step, random_step(seed=0, D=3, H=4)), 4)


@check("matches the reference on a random step (D=3, H=4): c, then h")
def random_small_step(lstm_step):
    expect_step(lstm_step, random_step(seed=0, D=3, H=4))


@check("forget gate ≈ 1, input gate ≈ 0: the cell state is carried nearly unchanged")
def cell_carried(lstm_step):
    # Biases of +30 and -30 put f within 1e-13 of 1 and i within 1e-13 of 0.
    step = with_gate_biases(random_step(seed=1, D=3, H=4), f=30.0, i=-30.0)
    h, c = pair(run(lstm_step, step), 4)
    expect_named("the cell state c", c, step["c_prev"], inputs={"c_prev": step["c_prev"], "b": step["b"]})
    expect_named("the hidden state h", h, reference(**step)[0])


# ---------------------------------------------------------------- hidden checks

@check("forget gate ≈ 0, input gate ≈ 1: the cell becomes the candidate g", public=False)
def cell_replaced(lstm_step):
    step = with_gate_biases(random_step(seed=2, D=3, H=4), f=-30.0, i=30.0)
    H, a = 4, step["Wx"] @ step["x"] + step["Wh"] @ step["h_prev"] + step["b"]
    _, c = pair(run(lstm_step, step), H)
    expect_named("the cell state c", c, np.tanh(a[2 * H:3 * H]), inputs={"b": step["b"]})


@check("output gate ≈ 0: the hidden state is ≈ 0 whatever the cell holds", public=False)
def output_closed(lstm_step):
    step = with_gate_biases(random_step(seed=3, D=3, H=4), o=-30.0)
    h, c = pair(run(lstm_step, step), 4)
    expect_named("the hidden state h", h, np.zeros(4), atol=1e-9, inputs={"b": step["b"]})
    expect_named("the cell state c", c, reference(**step)[1])


@check("with all weights zero only the biases act", public=False)
def zero_weights(lstm_step):
    step = random_step(seed=4, D=3, H=4)
    step["Wx"], step["Wh"] = np.zeros((16, 3)), np.zeros((16, 4))
    expect_step(lstm_step, step)


@check("a one-hot integer input, as for a character (D=6, H=3)", public=False)
def one_hot_input(lstm_step):
    step = random_step(seed=5, D=6, H=3)
    step["x"] = np.eye(6, dtype=np.int64)[4]
    expect_step(lstm_step, step)


@check("a single unit (D=3, H=1) and a wide input (D=10, H=2)", public=False)
def other_sizes(lstm_step):
    expect_step(lstm_step, random_step(seed=6, D=3, H=1))
    expect_step(lstm_step, random_step(seed=7, D=10, H=2))


@check("six steps chained through h and c", public=False)
def six_steps(lstm_step):
    step = random_step(seed=8, D=4, H=5, scale=1.5)
    xs = np.random.default_rng(9).normal(size=(6, 4))
    h, c, h_ref, c_ref, got, want = np.zeros(5), np.zeros(5), np.zeros(5), np.zeros(5), [], []
    for x in xs:
        h, c = pair(lstm_step(x, h, c, step["Wx"], step["Wh"], step["b"]), 5)
        h_ref, c_ref = reference(x, h_ref, c_ref, step["Wx"], step["Wh"], step["b"])
        got.append(np.concatenate([h, c]))
        want.append(np.concatenate([h_ref, c_ref]))
    # Row t is [h, c] after step t + 1.
    expect_close(np.stack(got), np.stack(want), inputs={"xs (one row per step)": xs,
                                                        "h0 = c0": np.zeros(5)})


# ---------------------------------------------------------------- diagnoses
# Most specific first. PROBE has D == H so that more mistakes fit the shapes;
# each diagnosis compares the learner's (h, c) with one mistake's.

PROBE = random_step(seed=10, D=3, H=3, scale=1.5)


def _learner(lstm_step):
    out = run(lstm_step, PROBE)
    return np.asarray(out[0], dtype=float), np.asarray(out[1], dtype=float)


def _same(got, want):
    return all(g.shape == w.shape and np.allclose(g, w, rtol=1e-6, atol=1e-9) for g, w in zip(got, want))


@diagnose
def returned_c_then_h(lstm_step):
    h, c = reference(**PROBE)
    if _same(_learner(lstm_step), (c, h)):
        return "You return (c, h); the lab asks for (h, c), the hidden state first, as PyTorch does."
    return None


@diagnose
def forgot_forget_gate(lstm_step):
    if _same(_learner(lstm_step), reference(**PROBE, cell="c+i*g")):
        return ("You add to c_prev without multiplying it by the forget gate f, so the cell can "
                "never forget: every write piles up. Use c = f * c_prev + i * g.")
    return None


@diagnose
def forgot_input_gate(lstm_step):
    if _same(_learner(lstm_step), reference(**PROBE, cell="f*c+g")):
        return ("You add the candidate g to the cell without the input gate i, so everything gets "
                "written. Use c = f * c_prev + i * g.")
    return None


@diagnose
def cell_not_squashed(lstm_step):
    if _same(_learner(lstm_step), reference(**PROBE, out="o*c")):
        return ("Your h is o * c: the cell state goes out without tanh. The cell is unbounded (it "
                "adds up over many steps), so squash it first: h = o * np.tanh(c).")
    return None


@diagnose
def hidden_from_old_cell(lstm_step):
    if _same(_learner(lstm_step), reference(**PROBE, out="o*tanh(c_prev)")):
        return ("Your h uses c_prev, the old cell. Update the cell first, then read the new one: "
                "h = o * np.tanh(c).")
    return None


@diagnose
def activations(lstm_step):
    got = _learner(lstm_step)
    culprits = {
        "You swapped the activations: the gates i, f, o use tanh and the candidate g a sigmoid. "
        "It is the other way round": dict(gate=np.tanh, cand=sigmoid),
        "The candidate g goes through a sigmoid in your code, so the cell can only ever grow "
        "(g > 0). g uses tanh, in (-1, 1)": dict(cand=sigmoid),
        "Your gates i, f, o use tanh, so a gate can be negative and flip what it lets through. "
        "Gates use a sigmoid, in (0, 1)": dict(gate=np.tanh),
    }
    for culprit, switches in culprits.items():
        if _same(got, reference(**PROBE, **switches)):
            return (f"{culprit}: a gate is a valve between 0 (closed) and 1 (open), the candidate "
                    "a value between -1 and 1.")
    return None


@diagnose
def gate_order(lstm_step):
    got = _learner(lstm_step)
    for order in ("".join(p) for p in permutations(GATES)):
        if order != GATES and _same(got, reference(**PROBE, order=order)):
            read = ", ".join(order)
            return (f"You read the stacked blocks in the order {read}; the layout of this lab "
                    "(PyTorch's) is i, f, g, o: rows 0:H are the input gate, H:2H the forget gate, "
                    "2H:3H the candidate and 3H:4H the output gate.")
    return None
