"""Computations of the worked examples on the model-widget pages (Module 4 playground).

Merged into test_worked_examples.EXAMPLES, which reads each block's numbers from the Markdown and
checks them against these (see that file's docstring for the format).
"""
from __future__ import annotations

import numpy as np

SCORES = np.array([2.0, 1.0, 0.5])


def temperature_softmax() -> list[float]:
    """The playground page's table: three scores turned into probabilities at τ = 0.5, 1 and 2."""
    out = list(SCORES)
    for tau in (0.5, 1.0, 2.0):
        z = np.exp((SCORES - SCORES.max()) / tau)
        out += [tau, *(z / z.sum())]
    return out


EXAMPLES = {"temperature-softmax": temperature_softmax}
