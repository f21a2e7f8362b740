"""The model-widget pages' worked examples (tests/worked_examples_model_widgets.py), checked with
test_worked_examples' parser and number formatting."""
from __future__ import annotations

import pytest

import test_worked_examples as we
from worked_examples_model_widgets import EXAMPLES, temperature_softmax


@pytest.mark.parametrize("example_id", sorted(EXAMPLES))
def test_model_widget_page_numbers_are_computed(example_id):
    assert example_id in we.EXAMPLES
    we.test_worked_example_numbers(example_id)


def test_lower_temperature_sharpens_and_higher_flattens():
    p = temperature_softmax()
    cold, normal, hot = p[4:7], p[8:11], p[12:15]
    assert cold[0] > normal[0] > hot[0] and cold[2] < normal[2] < hot[2]
