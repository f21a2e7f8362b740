"""Checks for the gradient_through_time lab: public ones run on Run, hidden ones join on Check."""
import numpy as np
from grader import check, diagnose, expect_close, expect_shape, expect_true

ARGS = ("Whh", "hs", "grad_last")


def reference(Whh, hs, grad_last, back=None):
    """The norms going back; `back(Whh, h, g)` replaces the correct step to model a mistake."""
    back = back or (lambda W, h, g: W.T @ ((1.0 - h ** 2) * g))
    g, norms = grad_last, [np.linalg.norm(grad_last)]
    for h in hs[::-1]:
        g = back(Whh, h, g)
        norms.append(np.linalg.norm(g))
    return np.array(norms)


def orthogonal(seed, H):
    """A random orthogonal matrix: every singular value is 1, so `gain * Q` has them all at gain."""
    q, r = np.linalg.qr(np.random.default_rng(seed).normal(size=(H, H)))
    return q * np.sign(np.diag(r))


def forward(seed, Whh, T, input_scale=1.0):
    """Run h_t = tanh(Whh h_{t-1} + Wxh x_t) from h_0 = 0; return the case's three arguments."""
    rng = np.random.default_rng(seed)
    H = Whh.shape[0]
    Wxh = rng.normal(scale=input_scale, size=(H, 3))
    h, hs = np.zeros(H), []
    for x in rng.normal(size=(T, 3)):
        h = np.tanh(Whh @ h + Wxh @ x)
        hs.append(h)
    return {"Whh": Whh, "hs": np.array(hs), "grad_last": rng.normal(size=H)}


def run(fn, case):
    return fn(*(case[name] for name in ARGS))


def expect_norms(fn, case, rtol=1e-6):
    # atol 0: in the vanishing regime every correct value is far below the default atol.
    expect_close(run(fn, case), reference(**case), rtol=rtol, atol=0.0)


SMALL = forward(seed=0, Whh=np.random.default_rng(1).normal(scale=0.8, size=(3, 3)), T=4)


# ---------------------------------------------------------------- public checks

@check("returns T + 1 norms (T = 4 steps, H = 3)")
def shape(fn):
    expect_shape(run(fn, SMALL), (5,))


@check("norms[0] is the norm of grad_last")
def first_norm(fn):
    norms = expect_shape(run(fn, SMALL), (5,))
    expect_close(norms[0], float(np.linalg.norm(SMALL["grad_last"])), inputs={"grad_last": SMALL["grad_last"]})


@check("matches the reference on a small random RNN")
def small_random(fn):
    expect_norms(fn, SMALL)


# ---------------------------------------------------------------- hidden checks

@check("vanishing: with Whh = 0.5 Q the gradient shrinks at least 2x per step", public=False)
def vanishing(fn):
    case = forward(seed=2, Whh=0.5 * orthogonal(3, 8), T=30)
    norms = expect_shape(run(fn, case), (31,))
    expect_norms(fn, case)
    expect_true(norms[-1] <= 0.5 ** 30 * norms[0], "after 30 steps the norm should be below 0.5**30 of the first")


@check("exploding: with Whh = 2 Q and states near 0 the gradient grows over 10,000x", public=False)
def exploding(fn):
    # Tiny inputs keep every state near 0, where tanh is almost linear (slope ≈ 1).
    case = forward(seed=4, Whh=2.0 * orthogonal(5, 8), T=15, input_scale=1e-6)
    norms = expect_shape(run(fn, case), (16,))
    expect_norms(fn, case)
    expect_true(norms[-1] > 1e4 * norms[0], "after 15 steps the norm should be more than 10,000 times the first")


@check("saturated states stop the gradient even with large weights", public=False)
def saturated(fn):
    case = forward(seed=6, Whh=3.0 * orthogonal(7, 6), T=10, input_scale=3.0)
    expect_norms(fn, case)


@check("Whh = I and states at 0: the gradient keeps its size", public=False)
def identity(fn):
    case = {"Whh": np.eye(4), "hs": np.zeros((6, 4)), "grad_last": np.array([0.3, -1.2, 0.5, 2.0])}
    expect_close(run(fn, case), np.full(7, np.linalg.norm(case["grad_last"])))


@check("a single hidden unit: the product of |w (1 - h_t²)|", public=False)
def one_unit(fn):
    w, hs, g = 1.7, np.array([[0.2], [-0.5], [0.9], [0.1]]), np.array([0.8])
    factors = np.abs(w * (1 - hs[::-1, 0] ** 2))
    want = 0.8 * np.concatenate([[1.0], np.cumprod(factors)])
    expect_close(run(fn, {"Whh": np.array([[w]]), "hs": hs, "grad_last": g}), want)


@check("a single step back (T = 1)", public=False)
def one_step(fn):
    case = forward(seed=8, Whh=np.random.default_rng(9).normal(size=(4, 4)), T=1)
    expect_norms(fn, case)


# ---------------------------------------------------------------- diagnoses
# Most specific first. PROBE has a non-symmetric Whh, so a missing transpose shows.

PROBE = forward(seed=10, Whh=np.random.default_rng(11).normal(scale=0.9, size=(4, 4)), T=6)


def _learner(fn):
    return np.asarray(run(fn, PROBE), dtype=float)


def _same(got, want):
    return got.shape == want.shape and np.allclose(got, want, rtol=1e-6, atol=0.0)


@diagnose
def gradients_not_norms(fn):
    if _learner(fn).shape == (7, 4):
        return ("You return the gradient vectors, one row per step. The lab asks for their "
                "lengths: np.linalg.norm(g) at each step, an array of shape (T + 1,).")
    return None


@diagnose
def stopped_early(fn):
    want = reference(**PROBE)
    got = _learner(fn)
    if _same(got, want[:-1]) or _same(got, want[1:]):
        return ("You have T norms where T + 1 are needed: the gradient at h_T counts (norms[0] is "
                "||grad_last||), and so does the last step back, through h_1 to h_0.")
    return None


@diagnose
def reversed_order(fn):
    if _same(_learner(fn), reference(**PROBE)[::-1]):
        return ("Your norms are in forward order. The lab counts steps back from the end: "
                "norms[0] is ||dL/dh_T|| and norms[T] is ||dL/dh_0||.")
    return None


@diagnose
def wrong_back_step(fn):
    got = _learner(fn)
    culprits = {
        "You multiplied by Whh instead of Whh.T. Going backwards uses the transposed Jacobian, "
        "J_t.T @ g = Whh.T @ ((1 - h_t**2) * g)":
            lambda W, h, g: W @ ((1 - h ** 2) * g),
        "You applied the Jacobian itself, (1 - h_t**2) * (Whh @ g), not its transpose. Backwards, "
        "the slope scales g first and Whh.T comes after: Whh.T @ ((1 - h_t**2) * g)":
            lambda W, h, g: (1 - h ** 2) * (W @ g),
        "You scaled by the tanh slope after multiplying by Whh.T. Backwards, the order flips: "
        "scale g first, then multiply, Whh.T @ ((1 - h_t**2) * g)":
            lambda W, h, g: (1 - h ** 2) * (W.T @ g),
        "You left out the slope of tanh, so your gradients only see Whh. Each step back also "
        "multiplies by tanh'(a) = 1 - h_t**2, which is what makes saturated units block the gradient":
            lambda W, h, g: W.T @ g,
        "You used h * (1 - h), the slope of the sigmoid written with its output. This RNN uses "
        "tanh, whose slope is 1 - h**2":
            lambda W, h, g: W.T @ (h * (1 - h) * g),
        "You used 1 - h as the slope; the slope of tanh is 1 - h**2 (square the state)":
            lambda W, h, g: W.T @ ((1 - h) * g),
    }
    for culprit, back in culprits.items():
        if _same(got, reference(**PROBE, back=back)):
            return culprit + "."
    return None


@diagnose
def slope_of_wrong_state(fn):
    hs = PROBE["hs"]
    shifted = np.vstack([np.zeros(hs.shape[1]), hs[:-1]])  # h_{t-1} where h_t belongs
    if _same(_learner(fn), reference(PROBE["Whh"], shifted, PROBE["grad_last"])):
        return ("The slope at step t is 1 - h_t**2, from the state that step produced (the output "
                "of its tanh); you used h_{t-1}, the state it read. Step t uses hs[t - 1].")
    return None
