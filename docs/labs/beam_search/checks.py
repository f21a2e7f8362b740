"""Checks for the beam_search lab: public ones run on Run, hidden ones join on Check.

Each next-token model is a plain function of the prefix (the grader hands
functions over as they are, without copying), built from a table or from a
generator seeded by the prefix, so that the same prefix always gets the same
log-probabilities.
"""
import numpy as np
from grader import NONE_MESSAGE, check, diagnose, expect_close, expect_true, fail

START, END = 0, 1


def table_model(probs, default, end=END):
    """next_log_probs from {prefix tuple: probabilities}; it refuses to extend an ended prefix."""
    logs = {prefix: np.log(np.array(p, dtype=float)) for prefix, p in probs.items()}
    default_logs = np.log(np.array(default, dtype=float))

    def next_log_probs(prefix):
        if type(prefix) is not tuple:  # a list or an array: accepted too
            prefix = tuple(int(t) for t in prefix)
        if prefix and prefix[-1] == end:
            fail(f"next_log_probs was called on {list(prefix)}, which has already ended with {end}: "
                 "an ended hypothesis must be carried over as it is, never extended")
        return logs.get(prefix, default_logs).copy()  # a copy: the learner may change it
    return next_log_probs


def random_model(seed, V, end=END):
    """next_log_probs drawn from a Dirichlet distribution seeded by the prefix itself."""
    def next_log_probs(prefix):
        prefix = tuple(int(t) for t in prefix)
        if prefix and prefix[-1] == end:
            fail(f"next_log_probs was called on {list(prefix)}, which has already ended with {end}: "
                 "an ended hypothesis must be carried over as it is, never extended")
        return np.log(np.random.default_rng([seed, *prefix]).dirichlet(np.ones(V)))
    return next_log_probs


# The starter's toy model: 0 = <s>, 1 = </s>, 2 = "A", 3 = "B". Greedy takes A
# (0.5) and ends with 0.5 * 0.38 = 0.19; a beam of two keeps B and finds 0.4 * 0.9 = 0.36.
TOY = ({(0,): [0.02, 0.08, 0.50, 0.40], (0, 2): [0.02, 0.38, 0.30, 0.30], (0, 3): [0.02, 0.90, 0.04, 0.04]},
       [0.02, 0.58, 0.20, 0.20])
# A ends early (<s> A </s>: 0.6 * 0.5 = 0.3) and must stay in the beam while the others go on.
EARLY = ({(0,): [0.01, 0.09, 0.60, 0.30], (0, 2): [0.01, 0.50, 0.25, 0.24], (0, 3): [0.01, 0.09, 0.45, 0.45]},
         [0.01, 0.30, 0.35, 0.34])
# A and B are exactly as likely: the tie goes to the smaller sequence, <s> A </s>.
TIE = ({(0,): [0.01, 0.19, 0.40, 0.40]}, [0.01, 0.90, 0.05, 0.04])
# The end token is never likely: every search runs to max_len.
ENDLESS = ({}, [0.01, 0.01, 0.30, 0.38, 0.30])
# Eight tokens, the best at 0.25: after 600 steps its probability is 0.25**600, about 1e-361,
# far below the smallest float (about 5e-324). Its log, 600 * log(0.25), is about -832.
LONG = ({}, [1e-6, 1e-6, 0.10, 0.25, 0.15, 0.20, 0.15, 0.15 - 2e-6])


def reference(next_log_probs, start, end, beam_width, max_len, keep_ended=True):
    """The lab's rules; keep_ended=False drops ended hypotheses instead (a typical mistake)."""
    beam = [((start,), 0.0)]
    for _ in range(max_len):
        if all(t[-1] == end for t, _ in beam):
            break
        pool = [h for h in beam if h[0][-1] == end] if keep_ended else []
        pool += [(t + (k,), s + float(lp)) for t, s in beam if t[-1] != end
                 for k, lp in enumerate(next_log_probs(t))]
        if not pool:
            break
        beam = sorted(pool, key=lambda h: (-h[1], h[0]))[:beam_width]
    return list(beam[0][0]), beam[0][1]


def exhaustive(next_log_probs, start, end, max_len):
    """The best sequence over all of them, by a depth-first walk: what an unbounded beam finds."""
    best = None

    def walk(tokens, score):
        nonlocal best
        if tokens[-1] == end or len(tokens) == max_len + 1:
            if best is None or (-score, tokens) < (-best[1], best[0]):
                best = (tokens, score)
            return
        for k, lp in enumerate(next_log_probs(tokens)):
            walk(tokens + (k,), score + float(lp))

    walk((start,), 0.0)
    return list(best[0]), best[1]


def result(out):
    """The learner's (tokens, score), checked: a sequence of ints and a number."""
    if out is None:
        fail(NONE_MESSAGE)
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        fail(f"expected a pair (tokens, score), got {type(out).__name__}"
             + (f" of length {len(out)}" if isinstance(out, (tuple, list)) else ""), got=out)
    tokens, score = out
    try:
        ok = all(isinstance(t, (int, np.integer)) and not isinstance(t, bool) for t in tokens)
    except TypeError:
        ok = False
    if not ok:
        fail(f"the tokens should be a list of ints, got {tokens!r}", got=tokens)
    if not isinstance(score, (int, float, np.integer, np.floating)) or isinstance(score, bool):
        fail(f"the score should be a number, got {type(score).__name__}", got=score)
    return [int(t) for t in tokens], float(score)


def expect_search(beam_search, model, beam_width, max_len, want=None, note=""):
    tokens, score = result(beam_search(model, START, END, beam_width, max_len))
    want_tokens, want_score = want or reference(model, START, END, beam_width, max_len)
    shown = {"beam_width": beam_width, "max_len": max_len, "start": START, "end": END}
    expect_true(tokens == want_tokens, f"expected the tokens {want_tokens}, got {tokens}{note}",
                inputs=shown, expected=want_tokens, got=tokens)
    expect_close(score, want_score, inputs=shown)


# ---------------------------------------------------------------- public checks

@check("returns (tokens, score): a list of ints that begins with start, and a number")
def returns_pair(beam_search):
    tokens, _ = result(beam_search(table_model(*TOY), START, END, 2, 5))
    expect_true(tokens[:1] == [START], f"the tokens should begin with the start token {START}, got {tokens}",
                got=tokens)


@check("beam_width=1 is greedy search: [0, 2, 1] on the toy model, score log(0.19)")
def greedy_on_toy(beam_search):
    expect_search(beam_search, table_model(*TOY), 1, 5, want=([0, 2, 1], float(np.log(0.5) + np.log(0.38))))


@check("beam_width=2 finds [0, 3, 1] on the toy model, score log(0.36), which greedy misses")
def beam_beats_greedy(beam_search):
    expect_search(beam_search, table_model(*TOY), 2, 5, want=([0, 3, 1], float(np.log(0.4) + np.log(0.9))))


# ---------------------------------------------------------------- hidden checks

@check("an ended hypothesis is never extended", public=False)
def ended_not_extended(beam_search):
    expect_search(beam_search, table_model(*TOY), 3, 6)


@check("a hypothesis that ends early stays in the beam and can win", public=False)
def ended_hypothesis_kept(beam_search):
    expect_search(beam_search, table_model(*EARLY), 2, 6, want=([0, 2, 1], float(np.log(0.6) + np.log(0.5))))


@check("max_len is respected: at most max_len tokens after start", public=False)
def max_len_respected(beam_search):
    for max_len in (1, 3, 6):
        expect_search(beam_search, table_model(*ENDLESS), 2, max_len,
                      note=f" (with max_len={max_len}, {max_len + 1} tokens in all)")


@check("ties go to the smaller token sequence", public=False)
def ties(beam_search):
    for width in (1, 2):
        expect_search(beam_search, table_model(*TIE), width, 4, want=([0, 2, 1], float(np.log(0.4) + np.log(0.9))),
                      note=": [0, 2, 1] and [0, 3, 1] score exactly the same, and the smaller wins")


@check("a beam wider than the number of hypotheses is an exhaustive search", public=False)
def exhaustive_search(beam_search):
    for seed in (1, 2, 3):
        model = random_model(seed, V=4)
        expect_search(beam_search, model, 500, 4, want=exhaustive(model, START, END, 4))


@check("random models, beams of 2 and 3", public=False)
def random_models(beam_search):
    for seed, width in ((4, 2), (5, 3), (6, 2), (7, 3)):
        expect_search(beam_search, random_model(seed, V=5), width, 6)


@check("600 tokens: the score is a sum of logs, about -832, not an underflowed product", public=False)
def long_sequence(beam_search):
    expect_search(beam_search, table_model(*LONG), 2, 600)


# ---------------------------------------------------------------- diagnoses
# Most specific first; each runs the learner's search on one of the models above.

def _search(beam_search, spec, width, max_len):
    return result(beam_search(table_model(*spec), START, END, width, max_len))


@diagnose
def start_left_out(beam_search):
    tokens, _ = _search(beam_search, TOY, 2, 5)
    if tokens == [3, 1]:
        return (f"Your tokens leave out the start token: return the whole hypothesis, which begins with "
                f"start ({START}), e.g. [0, 3, 1].")
    return None


@diagnose
def extended_after_end(beam_search):
    try:
        _search(beam_search, TOY, 3, 6)
    except Exception as exc:
        if "has already ended" in str(exc):
            return ("You called next_log_probs on a hypothesis that had already ended. Once its last token "
                    "is end, a hypothesis is finished: put it in the pool as it is, with its score, and "
                    "extend only the others.")
    return None


@diagnose
def only_the_top_beam(beam_search):
    if _search(beam_search, TOY, 2, 5)[0] == [0, 2, 1]:
        return ("With beam_width=2 you return greedy's answer, [0, 2, 1]: your search keeps only the "
                "single best hypothesis at each step. Keep the beam_width best of the pool (pool[:beam_width]).")
    return None


@diagnose
def sorted_ascending(beam_search):
    _, score = _search(beam_search, TOY, 2, 5)
    if score < np.log(0.19) - 1e-9:
        return ("With beam_width=2 your best sequence scores lower than greedy's: the pool is sorted "
                "from the worst score up, so the beam keeps the least likely hypotheses. Sort by "
                "descending score (key=lambda h: (-h[1], h[0])).")
    return None


@diagnose
def ended_hypotheses_dropped(beam_search):
    if _search(beam_search, TOY, 2, 5)[0] != [0, 3, 1]:
        return None
    model = table_model(*EARLY)
    if _search(beam_search, EARLY, 2, 6) == reference(model, START, END, 2, 6, keep_ended=False) \
            or _search(beam_search, EARLY, 2, 6)[0] != [0, 2, 1]:
        return ("A hypothesis that ends early (here [0, 2, 1], probability 0.3) disappears from your "
                "beam: you extend the hypotheses that go on and forget the ended ones. Put every ended "
                "hypothesis back into the pool unchanged, so that it competes with the longer ones.")
    return None


@diagnose
def multiplied_probabilities(beam_search):
    if _search(beam_search, TOY, 2, 5)[0] != [0, 3, 1]:
        return None
    tokens, score = _search(beam_search, LONG, 2, 600)
    if not np.isfinite(score) or score == 0 or tokens != [0] + [3] * 600:
        return ("Right on short sequences, wrong on 600 tokens: multiplying probabilities underflows. "
                "0.25 ** 600 is about 1e-361, below the smallest float, so it becomes 0.0 and every "
                "hypothesis looks alike (and log(0) is -inf). Add log-probabilities instead: "
                "score + log_probs[token].")
    return None


@diagnose
def max_len_ignored(beam_search):
    tokens, _ = _search(beam_search, ENDLESS, 2, 3)
    if len(tokens) > 4:
        return (f"With max_len=3 you returned {len(tokens)} tokens: at most max_len tokens come after "
                "start, so stop after max_len steps.")
    if len(tokens) < 4:
        return (f"With max_len=3 and an end token that is never likely you returned {len(tokens)} tokens, "
                "not 4: run max_len steps (range(max_len)), each adding one token after start.")
    return None
