# feedback: You called next_log_probs on a hypothesis that had already ended
import numpy as np


def beam_search(next_log_probs, start, end, beam_width, max_len):
    beam = [((start,), 0.0)]
    for _ in range(max_len):
        pool = []
        for tokens, score in beam:  # the end token is treated like any other
            for token, log_p in enumerate(next_log_probs(tokens)):
                pool.append((tokens + (token,), score + float(log_p)))
        pool.sort(key=lambda h: (-h[1], h[0]))
        beam = pool[:beam_width]
    tokens, score = beam[0]
    return list(tokens), score
