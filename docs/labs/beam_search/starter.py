import numpy as np

# A toy next-token model over four tokens: 0 = <s> (start), 1 = </s> (end),
# 2 = "A" and 3 = "B". PROBS[prefix] gives the probability of each next token
# after that prefix; any prefix not listed gets DEFAULT.
PROBS = {
    (0,): [0.02, 0.08, 0.50, 0.40],     # after <s>: A is the single best token...
    (0, 2): [0.02, 0.38, 0.30, 0.30],   # ...but nothing after A is likely,
    (0, 3): [0.02, 0.90, 0.04, 0.04],   # while B is almost surely followed by </s>.
}
DEFAULT = [0.02, 0.58, 0.20, 0.20]


def toy_log_probs(prefix):
    """The toy model: log-probabilities of the 4 tokens after `prefix` (a tuple of ints)."""
    return np.log(np.array(PROBS.get(tuple(prefix), DEFAULT)))


def beam_search(next_log_probs, start, end, beam_width, max_len):
    """The most likely token sequence that beam search finds.

    Args:
        next_log_probs: a function; next_log_probs(prefix), with prefix a tuple
                        of ints, returns an np.ndarray (V,) of log-probabilities
                        of the V possible next tokens.
        start, end:     the start and end token ids.
        beam_width:     how many hypotheses to keep after each step (>= 1).
        max_len:        how many tokens to add after start, at most.

    The rules (the checks follow them exactly):
        - A hypothesis is (tokens, score): a tuple that begins with start, and
          the sum of the log-probabilities of its tokens after start.
        - Begin with the one hypothesis ((start,), 0.0). At each step, pool
          every one-token extension of the hypotheses that have not ended, plus
          the ended ones (last token == end) unchanged, and keep the beam_width
          best of the pool. An ended hypothesis is never extended.
        - Best = highest score; on a tie, the smaller tuple of tokens first.
        - Stop when every hypothesis kept has ended, or after max_len steps.

    Returns:
        (tokens, score): the best hypothesis kept, as a list of ints that
        begins with start, and its score as a float.

    With the toy model, greedy search (beam_width=1) returns [0, 2, 1]; a beam
    of two finds a sequence that greedy misses.
    """
    # TODO: grow, pool and prune the hypotheses; return the best one.
    pass

