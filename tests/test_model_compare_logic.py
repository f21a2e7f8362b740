"""The pure logic of the comparison widgets (cell comparison, Model Size Explorer), in Node
(tests/js/model-compare.test.ts, run by tests/jsunit.py: each `test("...")` there is one pytest case here).
"""
from __future__ import annotations

import jsunit

JS_TESTS = jsunit.source("model-compare")


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=10)


def test_comparison_widget_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)
