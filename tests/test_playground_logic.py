"""The Temperature Playground's seed cap in Node (tests/js/playground.test.ts, run by tests/jsunit.py:
each `test("...")` there is one pytest case here)."""
from __future__ import annotations

import jsunit

JS_TESTS = jsunit.source("playground")


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=5)


def test_playground_seed_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)
