# feedback: your search keeps only the single best hypothesis
import numpy as np


def beam_search(next_log_probs, start, end, beam_width, max_len):
    tokens, score = (start,), 0.0
    for _ in range(max_len):
        if tokens[-1] == end:
            break
        log_probs = next_log_probs(tokens)
        best = int(np.argmax(log_probs))  # one hypothesis, whatever beam_width says
        tokens, score = tokens + (best,), score + float(log_probs[best])
    return list(tokens), score
