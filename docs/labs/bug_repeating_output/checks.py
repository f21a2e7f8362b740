"""Checks for the bug hunt "the model repeats one character": public on Run, hidden on Check.

MODEL is a small vanilla RNN whose favourite next character is always index 0
(its bias says so), while the others keep most of the probability between
them: greedy decoding writes 0, 0, 0, …; sampling writes varied text.
"""
import numpy as np
from grader import check, diagnose, expect_close, expect_true, fail, show

V, H = 6, 4


def make_model(seed):
    rng = np.random.default_rng(seed)
    return {"Wxh": rng.normal(0, 0.5, (H, V)), "Whh": rng.normal(0, 0.5, (H, H)),
            "Why": rng.normal(0, 0.3, (V, H)), "bh": np.zeros(H),
            "by": np.array([1.0, 0.2, 0.0, -0.2, 0.1, 0.0])}


MODEL = make_model(0)


def reference(params, h, first_ix, n, rng, temperature=1.0, *, greedy=False, uniform=False,
              multiply=False, feed_back=True):
    ixs, ix = [], first_ix
    for _ in range(n):
        h = np.tanh(params["Wxh"][:, ix if feed_back else first_ix] + params["Whh"] @ h + params["bh"])
        y = params["Why"] @ h + params["by"]
        z = y * temperature if multiply else y / temperature
        p = np.exp(z - z.max())
        p /= p.sum()
        if greedy:
            ix = int(np.argmax(p))
        elif uniform:
            ix = int(rng.choice(len(p)))
        else:
            ix = int(rng.choice(len(p), p=p))
        ixs.append(ix)
    return ixs


def draws(sample, n, seed, temperature=1.0, first_ix=2, params=MODEL):
    got = sample(params, np.zeros(H), first_ix, n, np.random.default_rng(seed), temperature)
    try:
        arr = np.asarray(got, dtype=int).reshape(-1)
    except (TypeError, ValueError):
        fail(f"expected a list of character indices, got {show(got)}", got=got)
    if arr.shape != (n,):
        fail(f"expected {n} indices, got {arr.shape[0]}", got=got)
    return arr


# A model that ignores its input and its state: every step has the same
# probabilities, softmax(by), so one long sample shows whether draws follow them.
FLAT = {"Wxh": np.zeros((H, V)), "Whh": np.zeros((H, H)), "Why": np.zeros((V, H)),
        "bh": np.zeros(H), "by": MODEL["by"].copy()}


def flat_probs(temperature):
    z = FLAT["by"] / temperature
    p = np.exp(z - z.max())
    return p / p.sum()


def frequencies(sample, temperature, n=3000, seed=1):
    """How often each character occurs in a long sample from FLAT."""
    got = draws(sample, n, seed, temperature, params=FLAT)
    return np.bincount(np.clip(got, 0, V - 1), minlength=V) / n


# ---------------------------------------------------------------- public checks

@check("200 sampled characters are not one character repeated")
def not_repeating(sample):
    got = draws(sample, 200, seed=0)
    values, counts = np.unique(got, return_counts=True)
    top = int(values[np.argmax(counts)])
    expect_true(counts.max() < 150, f"character {top} makes up {counts.max()} of the 200 characters",
                got=got[:24])


@check("characters are drawn with the model's probabilities (3,000 draws)")
def follows_probabilities(sample):
    expect_close(frequencies(sample, 1.0), flat_probs(1.0), rtol=0, atol=0.04,
                 inputs={"temperature": 1.0, "probabilities": flat_probs(1.0)})


# ---------------------------------------------------------------- hidden checks

@check("a temperature of 0.5 sharpens the probabilities to softmax(y / 0.5)", public=False)
def low_temperature(sample):
    expect_close(frequencies(sample, 0.5, seed=2), flat_probs(0.5), rtol=0, atol=0.04,
                 inputs={"temperature": 0.5, "probabilities": flat_probs(0.5)})


@check("a temperature of 2 flattens them to softmax(y / 2)", public=False)
def high_temperature(sample):
    expect_close(frequencies(sample, 2.0, seed=3), flat_probs(2.0), rtol=0, atol=0.04,
                 inputs={"temperature": 2.0, "probabilities": flat_probs(2.0)})


@check("draw for draw like rng.choice(V, p=p), each step reading the last character", public=False)
def exact_draws(sample):
    model = make_model(5)
    want = reference(model, np.zeros(H), 1, 40, np.random.default_rng(9))
    expect_close(draws(sample, 40, seed=9, first_ix=1, params=model), np.array(want))


# ---------------------------------------------------------------- diagnoses

def _is(sample, temperature=1.0, **variant):
    model = make_model(7)
    got = sample(model, np.zeros(H), 3, 30, np.random.default_rng(4), temperature)
    want = reference(model, np.zeros(H), 3, 30, np.random.default_rng(4), temperature, **variant)
    return [int(i) for i in got] == want


@diagnose
def greedy(sample):
    if _is(sample, greedy=True) and _is(sample, 0.5, greedy=True):
        return ("Your sampler is still greedy: it always takes the most likely character (np.argmax), "
                "so a model whose favourite is one character writes it forever. Dividing by a "
                "temperature does not change which score is largest. Draw instead: "
                "rng.choice(len(p), p=p).")
    return None


@diagnose
def uniform(sample):
    if _is(sample, uniform=True):
        return ("rng.choice(len(p)) without p= ignores the model's probabilities: every character "
                "is equally likely, so the text is noise. Pass the probabilities: rng.choice(len(p), p=p).")
    return None


@diagnose
def multiplies(sample):
    if _is(sample, 0.5, multiply=True):
        return ("Your sampler multiplies the scores by the temperature; it should divide them. "
                "Dividing by a temperature below 1 sharpens the distribution, above 1 flattens it.")
    return None


@diagnose
def no_feedback(sample):
    if _is(sample, feed_back=False):
        return ("Your sampler reads first_ix at every step instead of the character it just drew, so "
                "the text has no continuity. Feed each drawn character into the next step.")
    return None
