# feedback: multiplying probabilities underflows
import numpy as np


def beam_search(next_log_probs, start, end, beam_width, max_len):
    beam = [((start,), 1.0)]  # (tokens, probability of the tokens)
    for _ in range(max_len):
        if all(tokens[-1] == end for tokens, _ in beam):
            break
        pool = [(t, p) for t, p in beam if t[-1] == end]
        for tokens, p in beam:
            if tokens[-1] != end:
                for token, log_p in enumerate(next_log_probs(tokens)):
                    pool.append((tokens + (token,), p * np.exp(log_p)))  # 0.0 after a few hundred steps
        pool.sort(key=lambda h: (-h[1], h[0]))
        beam = pool[:beam_width]
    tokens, p = beam[0]
    return list(tokens), float(np.log(p))
