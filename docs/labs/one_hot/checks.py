"""Checks for the one_hot lab: public ones run on Run, hidden ones join on Check."""
import numpy as np
from grader import check, diagnose, expect_close, expect_shape, expect_true, fail

HELO = "helo"


def reference(text, vocab):
    columns = [list(vocab).index(ch) for ch in text]
    return np.eye(len(vocab))[columns].reshape(len(text), len(vocab))


def raised(one_hot, text, vocab):
    """The exception one_hot(text, vocab) raises, or None when it returns."""
    try:
        one_hot(text, vocab)
    except Exception as exc:  # the checks judge the kind of exception
        return exc
    return None


# ---------------------------------------------------------------- public checks

@check("returns one row per character and one column per vocabulary entry")
def shape_t_by_v(one_hot):
    expect_shape(one_hot("hello", HELO), (5, 4))


@check("encodes 'hello' over the vocabulary 'helo'")
def hello(one_hot):
    # Written out by hand: h e l l o -> columns 0 1 2 2 3.
    want = np.array([[1, 0, 0, 0],
                     [0, 1, 0, 0],
                     [0, 0, 1, 0],
                     [0, 0, 1, 0],
                     [0, 0, 0, 1]], dtype=float)
    expect_close(one_hot("hello", HELO), want)


@check("a character missing from the vocabulary raises a ValueError that names it")
def unknown_character(one_hot):
    exc = raised(one_hot, "heZ", HELO)
    if exc is None:
        fail("one_hot('heZ', 'helo') returned a result; 'Z' is not in the vocabulary, "
             "so it should raise ValueError")
    expect_true(isinstance(exc, ValueError),
                f"one_hot('heZ', 'helo') raised {type(exc).__name__}: {exc}; expected a ValueError")
    expect_true("Z" in str(exc),
                f"the ValueError says {str(exc)!r}, which does not name the character 'Z'")


# ---------------------------------------------------------------- hidden checks

@check("a single character gives a (1, V) array", public=False)
def single_character(one_hot):
    expect_close(one_hot("l", HELO), np.array([[0.0, 0.0, 1.0, 0.0]]))


@check("the empty string gives a (0, V) array", public=False)
def empty_text(one_hot):
    expect_shape(one_hot("", HELO), (0, 4))


@check("the vocabulary's own order is kept, not sorted", public=False)
def vocabulary_order(one_hot):
    expect_close(one_hot("hello", "olhe"), reference("hello", "olhe"))


@check("a vocabulary given as a list of characters", public=False)
def list_vocabulary(one_hot):
    vocab = ["h", "e", "l", "o", " "]
    expect_close(one_hot("hole lol", vocab), reference("hole lol", vocab))


@check("the result holds floats, ready for a weight matrix", public=False)
def float_dtype(one_hot):
    x = expect_shape(one_hot("he", HELO), (2, 4))
    expect_true(x.dtype == np.float64, f"the dtype is {x.dtype}; expected float64 (np.zeros gives it)")


@check("every row holds exactly one 1 on a 65-character vocabulary", public=False)
def shakespeare_vocabulary(one_hot):
    # The 65 characters of Tiny Shakespeare, in its sorted order.
    vocab = "\n !$&',-.3:;?" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "abcdefghijklmnopqrstuvwxyz"
    text = "First Citizen:\nBefore we proceed any further, hear me speak."
    x = expect_shape(one_hot(text, vocab), (len(text), 65))
    expect_close(x.sum(axis=1), np.ones(len(text)))
    expect_close(x, reference(text, vocab))


@check("an unknown character at the start is rejected too", public=False)
def unknown_first(one_hot):
    exc = raised(one_hot, "?ello", HELO)
    expect_true(isinstance(exc, ValueError) and "?" in str(exc),
                "one_hot('?ello', 'helo') should raise a ValueError that names '?'",
                got=exc if exc is None else f"{type(exc).__name__}: {exc}")


# ---------------------------------------------------------------- diagnoses
# Most specific first; each reruns the learner's function on a small case.

def _same(got, want):
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    return got.shape == want.shape and np.allclose(got, want)


@diagnose
def find_gives_minus_one(one_hot):
    got = one_hot("heZ", HELO)  # raises (and so does not apply) when Z is rejected
    if _same(got, np.eye(4)[[0, 1, 3]]):
        return ("'Z' came out as the last character, 'o': vocab.find returns -1 for a character "
                "it does not have, and x[t, -1] is the last column. Check that the character is in "
                "the vocabulary and raise ValueError when it is not.")
    return None


@diagnose
def silently_skipped(one_hot):
    got = one_hot("heZ", HELO)
    if _same(got, np.eye(4)[[0, 1]]) or _same(got, np.vstack([np.eye(4)[[0, 1]], np.zeros(4)])):
        return ("'Z' was quietly dropped or left as a row of zeros. A model fed that would read "
                "garbage without anyone noticing: raise ValueError naming the character instead.")
    return None


@diagnose
def wrong_exception_type(one_hot):
    exc = raised(one_hot, "heZ", HELO)
    if isinstance(exc, KeyError):
        return ("A dictionary lookup of a missing key raises KeyError, but the lab asks for a "
                "ValueError: test `ch not in index` first and raise ValueError with a message "
                "that names the character.")
    return None


@diagnose
def message_without_character(one_hot):
    exc = raised(one_hot, "heZ", HELO)
    if isinstance(exc, ValueError) and "Z" not in str(exc):
        return (f"Your ValueError says {str(exc)!r}; a reader cannot tell which character was the "
                "problem (str.index's own message does not say). Raise your own ValueError, "
                "e.g. ValueError(f\"{ch!r} is not in the vocabulary\").")
    return None


@diagnose
def transposed(one_hot):
    if _same(one_hot("hello", HELO), reference("hello", HELO).T):
        return ("Your array is (V, T), one column per character. The lab's convention is one row "
                "per character, (T, V), so that row t is the input at step t.")
    return None


@diagnose
def position_not_character(one_hot):
    if _same(one_hot("hello", HELO), np.eye(5, 4)):
        return ("Row t has its 1 in column t: you used the character's position in the text, "
                "not its index in the vocabulary. The second 'l' of 'hello' must light up the "
                "same column as the first.")
    return None


@diagnose
def sorted_vocabulary(one_hot):
    if _same(one_hot("hello", "olhe"), reference("hello", sorted("olhe"))):
        return ("Your columns follow the sorted vocabulary. The vocabulary's own order is the "
                "convention the model was trained with: column i stands for vocab[i], so "
                "do not sort it.")
    return None
