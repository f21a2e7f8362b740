"""Checks for the bug hunt "why is the loss nan?": public on Run, hidden on Check.

The original (buggy) loop is kept below as buggy_train: the diagnoses compare
the learner's repaired loop with it.
"""
import math

import numpy as np
from grader import check, diagnose, expect_true, fail, show

TEXT = (
    'First Citizen:\n'
    'Before we proceed any further, hear me speak.\n'
    '\n'
    'All:\n'
    'Speak, speak.\n'
    '\n'
    'First Citizen:\n'
    'You are all resolved rather to die than to famish?\n'
    '\n'
    'All:\n'
    'Resolved. resolved.\n'
    '\n'
    'First Citizen:\n'
    'First, you know Caius Marcius is chief enemy to the people.\n'
    '\n'
    'All:\n'
    "We know't, we know't.\n"
    '\n'
    'First Citizen:\n'
    "Let us kill him, and we'll have corn at our own price.\n"
    "Is't a verdict?\n"
    '\n'
    'All:\n'
    "No more talking on't; let it be done: away, away!\n"
    '\n'
    'Second Citizen:\n'
    'One word, good citizens.\n'
    '\n'
    'First Citizen:\n'
    'We are accounted poor citizens, the patricians good.\n'
    'What authority surfeits on would relieve us: if they\n'
    'would yield us but the superfluity, while it were\n'
    'wholesome, we might guess they relieved us humanely;\n'
    'but they think we are too dear: the leanness that\n'
    'afflicts us, the object of our misery, is as an\n'
    'inventory to particularise their abundance; our\n'
    'sufferance is a gain to them Let us revenge this with\n'
    'our pikes, ere we become rakes: for the gods know I\n'
    'speak this in hunger for bread, not in thirst for revenge.\n'
    '\n'
    'Second Citizen:\n'
    'Would you proceed especially against Caius Marcius?\n'
    '\n'
    'All:\n'
    "Against him first: he's a very dog to the commonalty.\n"
    '\n'
    'Second Citizen:\n'
    'Consider you what services he has done for his country?\n'
    '\n'
    'First Citizen:\n'
    'Very well; and could be content to give him good\n'
    'report fort, but that he pays himself with being proud.\n'
    '\n'
    'Second Citizen:\n'
    'Nay, but speak not maliciously.\n'
    '\n'
    'First Citizen:\n'
    'I say unto you, what he hath done famously, he did\n'
    'it to that end: though soft-conscienced men can be\n'
)
ITERATIONS = 300
TARGET_LOSS = 2.8  # mean of the last 50 iterations; ln V is about 3.87 for this text
LEARNING_RATE = 1.0
MAX_NORM = 1.0


def losses_of(result):
    if not isinstance(result, dict) or "losses" not in result or "params" not in result:
        fail(f"train should return a dict with 'params' and 'losses', got {show(result)}", got=result)
    return np.asarray(result["losses"], dtype=float)


def first_bad(losses):
    bad = np.flatnonzero(~np.isfinite(losses))
    return None if bad.size == 0 else int(bad[0])


# ---------------------------------------------------------------- public checks

@check(f"every loss of {ITERATIONS} iterations is a finite number")
def finite_losses(train):
    with np.errstate(all="ignore"):
        losses = losses_of(train(TEXT, ITERATIONS))
    i = first_bad(losses)
    expect_true(i is None, f"the loss of iteration {i} is {show(losses[i]) if i is not None else ''}",
                got=losses[:12])


@check(f"the loss falls below {TARGET_LOSS} (mean of the last 50 of {ITERATIONS} iterations)")
def learns(train):
    with np.errstate(all="ignore"):
        losses = losses_of(train(TEXT, ITERATIONS))
    final = float(np.mean(losses[-50:]))
    expect_true(math.isfinite(final) and final < TARGET_LOSS,
                f"the mean loss of the last 50 iterations is {show(final)}, not below {TARGET_LOSS}", got=final)


# ---------------------------------------------------------------- hidden checks

@check("the trained weights are finite numbers", public=False)
def finite_params(train):
    with np.errstate(all="ignore"):
        result = train(TEXT, ITERATIONS)
    losses_of(result)
    for k, v in result["params"].items():
        expect_true(np.isfinite(np.asarray(v, dtype=float)).all(), f"params[{k!r}] holds nan or inf values")


@check("it also trains from another random start (seed=1)", public=False)
def other_seed(train):
    with np.errstate(all="ignore"):
        losses = losses_of(train(TEXT, ITERATIONS, seed=1))
    final = float(np.mean(losses[-50:]))
    expect_true(first_bad(losses) is None and final < TARGET_LOSS,
                f"with seed=1 the mean loss of the last 50 iterations is {show(final)}", got=final)


@check("the learning rate is still 1.0 (the repair is not a slower loop)", public=False)
def keeps_learning_rate(train):
    with np.errstate(all="ignore"):
        losses = losses_of(train(TEXT, 40))
    # With clipping at 1.0, a step moves the weights by at most 1.0 in norm; at 1.0 the loss
    # leaves its starting value at once. A learning rate 100 times lower barely moves it.
    expect_true(np.isfinite(losses).all() and losses[0] - float(np.min(losses)) > 0.3,
                "in 40 iterations the loss hardly moved from its start", got=losses[:10])


# ---------------------------------------------------------------- diagnoses

@diagnose
def unchanged(train):
    with np.errstate(all="ignore"):
        got = losses_of(train(TEXT, 30))
        want = np.asarray(buggy_train(TEXT, 30)["losses"])
    if first_bad(got) is not None and np.allclose(got, want, equal_nan=True):
        return ("As far as the loss can tell, your losses are exactly those of the original code: "
                "whatever you changed does not touch the update. Gradients must be clipped before "
                "they are used: call clip_gradients(grads, MAX_NORM) between forward_backward and "
                "the update.")
    return None


@diagnose
def hidden_nan(train):
    with np.errstate(all="ignore"):
        result = train(TEXT, 60)
    params_ok = all(np.isfinite(np.asarray(v, dtype=float)).all() for v in result["params"].values())
    if np.isfinite(losses_of(result)).all() and not params_ok:
        return ("The losses look finite, but the weights are nan: the loss was patched over, not "
                "repaired. The weights blew up because exploding gradients were applied unclipped; "
                "clip them before the update.")
    return None


@diagnose
def stable_softmax_only(train):
    with np.errstate(all="ignore"):
        result = train(TEXT, 60)
    losses = losses_of(result)
    params_ok = all(np.isfinite(np.asarray(v, dtype=float)).all() for v in result["params"].values())
    if params_ok and (not np.isfinite(losses).all() or float(np.max(losses)) > 20):
        return ("The softmax no longer overflows, but the gradients still explode: the loss jumps to "
                "huge values (or inf, a log of 0). Subtracting the maximum is good practice; the cure "
                "for the explosion is clipping the gradients before the update.")
    return None


@diagnose
def tiny_learning_rate(train):
    with np.errstate(all="ignore"):
        losses = losses_of(train(TEXT, ITERATIONS))
    if np.isfinite(losses).all() and float(np.mean(losses[-50:])) > math.log(len(set(TEXT))) - 0.5:
        return ("The loss is finite now, but it barely learns: it stays near ln V, the loss of a "
                "blind guess. A much smaller learning rate hides the explosion by taking tiny steps. "
                "Keep LEARNING_RATE = 1.0 and clip the gradients instead.")
    return None


# ---------------------------------------------------------------- the original code
def init_params(vocab_size, hidden_size, seed):
    """Small random weights (std 0.01) and zero biases."""
    rng = np.random.default_rng(seed)
    return {
        "Wxh": rng.normal(0.0, 0.01, (hidden_size, vocab_size)),
        "Whh": rng.normal(0.0, 0.01, (hidden_size, hidden_size)),
        "Why": rng.normal(0.0, 0.01, (vocab_size, hidden_size)),
        "bh": np.zeros(hidden_size),
        "by": np.zeros(vocab_size),
    }


def forward_backward(params, inputs, targets, h_prev):
    """One window: (mean loss, gradients summed over the window, last hidden state)."""
    Wxh, Whh, Why, bh, by = (params[k] for k in ("Wxh", "Whh", "Why", "bh", "by"))
    T, H = len(inputs), h_prev.shape[0]
    hs = np.zeros((T + 1, H))
    hs[-1] = h_prev
    probs = np.zeros((T, by.shape[0]))
    loss = 0.0
    for t in range(T):
        hs[t] = np.tanh(Wxh[:, inputs[t]] + Whh @ hs[t - 1] + bh)
        y = Why @ hs[t] + by
        probs[t] = np.exp(y) / np.sum(np.exp(y))
        loss -= np.log(probs[t, targets[t]])
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dh_next = np.zeros(H)
    for t in reversed(range(T)):
        dy = probs[t].copy()
        dy[targets[t]] -= 1.0
        grads["Why"] += np.outer(dy, hs[t])
        grads["by"] += dy
        da = (1.0 - hs[t] ** 2) * (Why.T @ dy + dh_next)
        grads["Wxh"][:, inputs[t]] += da
        grads["Whh"] += np.outer(da, hs[t - 1])
        grads["bh"] += da
        dh_next = Whh.T @ da
    return loss / T, grads, hs[T - 1]


def clip_gradients(grads, max_norm):
    """Scale every gradient in place so that their global norm is at most max_norm."""
    norm = np.sqrt(sum((g ** 2).sum() for g in grads.values()))
    if norm > max_norm:
        for g in grads.values():
            g *= max_norm / norm


def buggy_train(text, num_iterations=300, hidden_size=64, seq_length=25, seed=0):
    """Gradient descent over consecutive windows of text; returns {"params", "losses"}."""
    chars = sorted(set(text))
    data = [chars.index(c) for c in text]
    params = init_params(len(chars), hidden_size, seed)
    losses = []
    pos, h = 0, np.zeros(hidden_size)
    for it in range(num_iterations):
        if pos + seq_length + 1 > len(data):
            pos, h = 0, np.zeros(hidden_size)
        inputs = data[pos:pos + seq_length]
        targets = data[pos + 1:pos + seq_length + 1]
        loss, grads, h = forward_backward(params, inputs, targets, h)
        for k in params:
            params[k] -= LEARNING_RATE * grads[k]
        losses.append(loss)
        pos += seq_length
    return {"params": params, "losses": losses}
