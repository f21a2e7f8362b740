"""
The copy task (Graves et al. 2014): a sequence of `length` random binary vectors of width W, then
one step with only the delimiter channel on; then `length` blank steps during which the model must
write the sequence back. Generated, never read from a file; a seeded generator makes it repeatable.

Input  [T_total, W+1]: the bits in channels 0..W-1, the delimiter in channel W; T_total = 2*length+1.
Target [length, W]: the bits, compared with the outputs of the last `length` steps.
"""
import numpy as np


def copy_example(rng, length, width=8):
    """One sequence: (input [2L+1, W+1] float32, target [L, W] float32)."""
    bits = rng.integers(0, 2, size=(length, width)).astype(np.float32)
    x = np.zeros((2 * length + 1, width + 1), dtype=np.float32)
    x[:length, :width] = bits
    x[length, width] = 1.0
    return x, bits


def encode(bits):
    """The input for given bits [L, W] (the widget's own sequence): [2L+1, W+1]."""
    bits = np.asarray(bits, dtype=np.float32)
    L, W = bits.shape
    x = np.zeros((2 * L + 1, W + 1), dtype=np.float32)
    x[:L, :W] = bits
    x[L, W] = 1.0
    return x


def batch(rng, length, size, width=8):
    """`size` sequences of one length: (x [B, 2L+1, W+1], y [B, L, W])."""
    xs, ys = zip(*(copy_example(rng, length, width) for _ in range(size)))
    return np.stack(xs), np.stack(ys)
