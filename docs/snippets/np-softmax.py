import numpy as np


def softmax_naive(y):
    e = np.exp(y)
    return e / e.sum()


def softmax(y):
    # Subtracting the largest score changes nothing mathematically
    # (it cancels in the division) but keeps np.exp from overflowing.
    e = np.exp(y - np.max(y))
    return e / e.sum()


y = np.array([2.0, 1.0, 0.1])
p = softmax(y)
print("probabilities:", np.round(p, 3), " sum:", p.sum())
assert np.allclose(p, softmax_naive(y))

big = np.array([1000.0, 999.0, 998.1])
with np.errstate(over="ignore", invalid="ignore"):
    print("naive on big scores: ", softmax_naive(big))   # nan: exp(1000) overflows
print("stable on big scores:", np.round(softmax(big), 3))  # same as for y
