"""The NTM simulator's pure logic and the runtime kind's input layout, in Node
(tests/js/ntm-simulator.test.ts); the input layout is also compared with build_models.memory.data."""
import numpy as np

import jsunit
from build_models.memory import data

JS_TESTS = jsunit.source("ntm-simulator")


def test_the_cases_are_distinct():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=9)


def test_ntm_simulator_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)


def test_the_js_input_example_is_what_the_python_generator_encodes():
    # the bits of the last JS case, encoded by Python: the layout both sides must share
    x = data.encode(np.array([[1, 1, 0, 0, 0, 0, 0, 1], [0, 1, 0, 0, 0, 0, 0, 0]]))
    assert x.shape == (5, 9)
    assert x[0].tolist() == [1, 1, 0, 0, 0, 0, 0, 1, 0] and x[2].tolist() == [0] * 8 + [1] and not x[3:].any()
