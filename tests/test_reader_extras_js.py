"""The pure logic of four small reader features in Node: Spot the Sequence's industry choice,
the demo gallery's favourite names, and the read-aloud widget's speech pieces and voice.

tests/js/reader-extras.test.ts holds the cases; tests/jsunit.py runs them, one pytest case each.
"""
from __future__ import annotations

import jsunit

JS_TESTS = jsunit.source("reader-extras")


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=12)


def test_reader_extras_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)
