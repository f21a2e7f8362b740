import numpy as np

# The toy model of the starter: 0 = <s>, 1 = </s>, 2 = "A", 3 = "B".
PROBS = {
    (0,): [0.02, 0.08, 0.50, 0.40],
    (0, 2): [0.02, 0.38, 0.30, 0.30],
    (0, 3): [0.02, 0.90, 0.04, 0.04],
}
DEFAULT = [0.02, 0.58, 0.20, 0.20]


def toy_log_probs(prefix):
    """The toy model: log-probabilities of the 4 tokens after `prefix` (a tuple of ints)."""
    return np.log(np.array(PROBS.get(tuple(prefix), DEFAULT)))


def beam_search(next_log_probs, start, end, beam_width, max_len):
    """The best (tokens, score) that a beam of `beam_width` finds in at most `max_len` steps."""
    beam = [((start,), 0.0)]  # (tokens, sum of log-probabilities)
    for _ in range(max_len):
        if all(tokens[-1] == end for tokens, _ in beam):
            break
        pool = []
        for tokens, score in beam:
            if tokens[-1] == end:
                pool.append((tokens, score))  # ended: kept, competes as it is
                continue
            for token, log_p in enumerate(next_log_probs(tokens)):
                # Adding logs, not multiplying probabilities: no underflow.
                pool.append((tokens + (token,), score + float(log_p)))
        # Highest score first; ties go to the smaller tuple, so the result
        # does not depend on the order in which the pool was built.
        pool.sort(key=lambda h: (-h[1], h[0]))
        beam = pool[:beam_width]
    tokens, score = beam[0]
    return list(tokens), score
