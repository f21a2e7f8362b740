"""Module 9's pure widget logic in Node: the lab's progress points, the line plot, the grid model.

tests/js/module9.test.ts holds the cases; tests/jsunit.py runs them, one pytest case each.
"""
from __future__ import annotations

import jsunit

JS_TESTS = jsunit.source("module9")


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=10)


def test_module9_widget_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)
