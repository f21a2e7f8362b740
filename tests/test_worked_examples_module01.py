"""Every number shown in a worked example of Modules 0 and 1, recomputed.

The blocks and the checking rules are those of tests/worked_examples.py (its
helpers are imported, not copied): each number in a
`<!-- example: <id> -->` block must equal the value computed here, printed
with the page's precision, in page order.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from worked_examples import assert_example_numbers, blocks, registers_in, time_numbers

ROOT = Path(__file__).resolve().parent.parent
PAGES = [*sorted((ROOT / "docs/modules/00-why-it-matters").glob("*.md")),
         *sorted((ROOT / "docs/modules/01-why-sequences").glob("*.md"))]

EXAMPLES = {}
example = registers_in(EXAMPLES)


@example
def m0_module_time():
    minutes = [10, 15, 10, 5]
    return minutes + [sum(minutes)]


@example
def m1_module_time():
    return time_numbers([5, 10, 15, 20, 10, 10])


@example
def m1_mnist():
    side, classes, units = 28, 10, 128
    inputs = side * side
    weights = inputs * units
    return [side, side, side, side, inputs, classes, 0, classes - 1,
            units, inputs, units, weights, units, weights + units]


@example
def m1_padding():
    lengths = [12, 48, 95, 230, 500]
    total = sum(lengths)
    pad_to, cut_at = max(lengths), 100
    slots = len(lengths) * pad_to
    padding = slots - total
    kept = sum(min(n, cut_at) for n in lengths)
    return [*lengths, total, pad_to, len(lengths), pad_to, slots, padding, 100 * padding / slots,
            cut_at, kept, total, 100 * kept / total, total - kept]


@example
def m1_fixed_vs_recurrent():
    d, h, positions = 300, 128, 500
    inputs = positions * d
    dense = inputs * h
    wx, wh = d * h, h * h
    rnn = wx + wh + h
    return [d, h, positions, positions, d, inputs, h, inputs, h, dense, h, dense + h, positions + 1,
            d, h, wx, h, h, wh, h, rnn, 11, 11_000, (dense + h) / rnn]


def test_every_example_block_of_modules_0_and_1_is_computed_here_once():
    ids = [i for i, _, _ in blocks(PAGES)]
    assert sorted(ids) == sorted(EXAMPLES)


@pytest.mark.parametrize("example_id", sorted(EXAMPLES))
def test_worked_example_numbers(example_id):
    assert_example_numbers(example_id, EXAMPLES, PAGES)
