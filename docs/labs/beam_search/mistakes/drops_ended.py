# feedback: you extend the hypotheses that go on and forget the ended ones
import numpy as np


def beam_search(next_log_probs, start, end, beam_width, max_len):
    beam = [((start,), 0.0)]
    for _ in range(max_len):
        pool = []
        for tokens, score in beam:
            if tokens[-1] == end:
                continue  # ended: skipped, and so lost
            for token, log_p in enumerate(next_log_probs(tokens)):
                pool.append((tokens + (token,), score + float(log_p)))
        if not pool:
            break
        pool.sort(key=lambda h: (-h[1], h[0]))
        beam = pool[:beam_width]
    tokens, score = beam[0]
    return list(tokens), score
