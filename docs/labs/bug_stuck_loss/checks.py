"""Checks for the bug hunt "loss stuck near ln V": public on Run, hidden on Check.

The original (buggy) loop is kept below as buggy_train, with its constants:
the diagnoses compare the learner's loop with it.
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
LN_V = math.log(len(set(TEXT)))  # the loss of a uniform guess, about 3.87
ITERATIONS = 300
TARGET_LOSS = 2.8  # mean of the last 50 iterations
LEARNING_RATE = 1e-4
MAX_NORM = 5.0


def losses_of(result):
    if not isinstance(result, dict) or "losses" not in result:
        fail(f"train should return a dict with 'params' and 'losses', got {show(result)}", got=result)
    return np.asarray(result["losses"], dtype=float)


def final(losses):
    return float(np.mean(losses[-50:]))


# ---------------------------------------------------------------- public checks

@check(f"the loss falls below {TARGET_LOSS} in {ITERATIONS} iterations (mean of the last 50)")
def learns(train):
    with np.errstate(all="ignore"):
        losses = losses_of(train(TEXT, ITERATIONS))
    got = final(losses)
    expect_true(math.isfinite(got) and got < TARGET_LOSS,
                f"the mean loss of the last 50 iterations is {show(got)} (ln V = {LN_V:.4f}), "
                f"not below {TARGET_LOSS}", got=got)


@check(f"every loss of {ITERATIONS} iterations is finite")
def finite(train):
    with np.errstate(all="ignore"):
        losses = losses_of(train(TEXT, ITERATIONS))
    bad = np.flatnonzero(~np.isfinite(losses))
    expect_true(bad.size == 0, f"the loss of iteration {bad[0] if bad.size else 0} is not finite", got=losses[:10])


# ---------------------------------------------------------------- hidden checks

@check("it also learns from another random start (seed=1)", public=False)
def other_seed(train):
    with np.errstate(all="ignore"):
        got = final(losses_of(train(TEXT, ITERATIONS, seed=1)))
    expect_true(math.isfinite(got) and got < TARGET_LOSS,
                f"with seed=1 the mean loss of the last 50 iterations is {show(got)}", got=got)


@check("the loss is already below ln V - 0.5 after 100 iterations", public=False)
def learns_early(train):
    with np.errstate(all="ignore"):
        got = float(np.mean(losses_of(train(TEXT, 100))[-25:]))
    expect_true(math.isfinite(got) and got < LN_V - 0.5,
                f"after 100 iterations the loss is {show(got)}; ln V is {LN_V:.4f}", got=got)


# ---------------------------------------------------------------- diagnoses

@diagnose
def nothing_changed(train):
    with np.errstate(all="ignore"):
        got = losses_of(train(TEXT, 60))
        want = np.asarray(buggy_train(TEXT, 60)["losses"])
    if got.shape == want.shape and np.allclose(got, want, rtol=1e-4, atol=1e-6):
        return ("Your losses are the same as the original code's. Two tempting repairs change nothing here. "
                "Adagrad divides each step by the square root of the summed squared gradients, so "
                "making the gradients bigger cancels out. Clipping only ever shrinks gradients, so a "
                "looser MAX_NORM cannot speed anything up. The size of a step is set by LEARNING_RATE.")
    return None


@diagnose
def too_high(train):
    with np.errstate(all="ignore"):
        losses = losses_of(train(TEXT, 60))
    if not np.isfinite(losses).all() or float(np.max(losses)) > 2 * LN_V:
        return ("The loss moves now, but it shoots up (or to inf): you went too far the other way. "
                "With Adagrad, a learning rate around 0.1 is the usual starting point.")
    return None


@diagnose
def still_too_low(train):
    with np.errstate(all="ignore"):
        got = final(losses_of(train(TEXT, ITERATIONS)))
    if math.isfinite(got) and TARGET_LOSS <= got < LN_V - 0.05:
        return ("Better: the loss falls a little. But the learning rate is still far too low for "
                f"{ITERATIONS} iterations; each Adagrad step moves a weight by about LEARNING_RATE "
                "at most. Try values a hundred or a thousand times larger than the original 1e-4.")
    return None


# ---------------------------------------------------------------- the original code
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


def buggy_train(text, num_iterations=300, hidden_size=32, seq_length=25, seed=0):
    """Adagrad over consecutive windows of text; returns {"params", "losses"}."""
    chars = sorted(set(text))
    data = [chars.index(c) for c in text]
    params = init_params(len(chars), hidden_size, seed)
    memory = {k: np.zeros_like(v) for k, v in params.items()}
    losses = []
    pos, h = 0, np.zeros(hidden_size)
    for it in range(num_iterations):
        if pos + seq_length + 1 > len(data):
            pos, h = 0, np.zeros(hidden_size)
        inputs = data[pos:pos + seq_length]
        targets = data[pos + 1:pos + seq_length + 1]
        loss, grads, h = forward_backward(params, inputs, targets, h)
        clip_gradients(grads, MAX_NORM)
        for k in params:
            memory[k] += grads[k] ** 2
            params[k] -= LEARNING_RATE * grads[k] / np.sqrt(memory[k] + 1e-8)
        losses.append(loss)
        pos += seq_length
    return {"params": params, "losses": losses}
