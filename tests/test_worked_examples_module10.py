"""The numbers of Module 10's worked examples (tests/worked_examples.py, imported; see its docstring
for the rules). Module 10's other figures are generated from measurements (docs/includes/generated/)
and checked by their own generators' tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from worked_examples import assert_example_numbers, blocks, registers_in

ROOT = Path(__file__).resolve().parent.parent
MODULE10 = ROOT / "docs" / "modules" / "10-capstone"

EXAMPLES = {}
example = registers_in(EXAMPLES)

# The overview's time table: the pages' minutes and the project's own, as the table lists them.
PAGE_MINUTES = [5, 15, 20, 15]
PROJECT_MINUTES = 150
AFTER_MINUTES = [25, 10]


@example
def module10_time():
    minutes = [*PAGE_MINUTES, PROJECT_MINUTES, *AFTER_MINUTES]
    total = sum(minutes)
    assert total % 60 == 0, "the page says the total in whole hours"
    return [*minutes, total, total // 60, PROJECT_MINUTES]


def module_pages() -> list[Path]:
    return sorted(MODULE10.glob("*.md"))


def test_every_module10_block_is_computed_here():
    ids = [i for i, _, _ in blocks(module_pages())]
    assert sorted(ids) == sorted(EXAMPLES), "example blocks of Module 10 and computations here differ"


@pytest.mark.parametrize("example_id", sorted(EXAMPLES))
def test_module10_worked_example_numbers(example_id):
    assert_example_numbers(example_id, EXAMPLES, module_pages())
