import numpy as np


def compute_attention(query, keys, values):
    """Dot-product attention for one query over T positions.

    Args:
        query:  np.ndarray (d,)       what the decoder is looking for now.
        keys:   np.ndarray (T, d)     one key per position, what each offers.
        values: np.ndarray (T, d_v)   one value per position, what each passes on;
                                      d_v may differ from d.

    Returns:
        (context, weights), a pair of np.ndarray:
            scores[i] = keys[i] · query               (T,)  plain dot products,
                                                            no 1/sqrt(d) scaling
            weights   = softmax(scores)                (T,)  >= 0, sum to 1;
                                                            computed stably
            context   = sum_i weights[i] * values[i]   (d_v,)

    Leave the inputs as they are: build new arrays instead of changing them.
    """
    # TODO: score every key, softmax the scores (stably), blend the values.
    pass
