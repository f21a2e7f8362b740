"""The pure logic of the Module 3-5 model widgets, in Node (tests/js/lstm-widgets.test.ts,
run by tests/jsunit.py: each `test("...")` there is one pytest case here).
"""
from __future__ import annotations

import jsunit

JS_TESTS = jsunit.source("lstm-widgets")


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=10)


def test_lstm_widget_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)
