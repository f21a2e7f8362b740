import numpy as np


def one_hot(text, vocab):
    """Encode every character of `text` as a one-hot row over `vocab`.

    Args:
        text:  a string of T characters; a single character is a string of
               length 1, and the empty string has T = 0.
        vocab: the vocabulary, a string (or a list) of V distinct characters.
               Its order fixes the columns: column i stands for vocab[i].
               Keep that order; do not sort it.

    Returns:
        np.ndarray of shape (T, V) and dtype float64: row t is all zeros
        except for a 1.0 in the column of the character text[t]. A single
        character gives shape (1, V); take row 0 if you want a vector.

    Raises:
        ValueError: if a character of `text` is not in `vocab`. The message
        must contain that character, e.g. "'z' is not in the vocabulary".
    """
    # TODO: look up each character's column, set a 1 there, and reject
    # characters that the vocabulary does not have.
    pass
