"""Module 6's exercises without a browser: Architecture Matching's verdicts, score and Try again,
and Build the Pipeline's checking (best, works, unfinished, the first wrong link and its reason).

tests/js/module06.test.ts holds the cases; tests/jsunit.py runs them, one pytest case each.
"""
from __future__ import annotations

import jsunit

JS_TESTS = jsunit.source("module06")


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=15)


def test_module06_exercise_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)
