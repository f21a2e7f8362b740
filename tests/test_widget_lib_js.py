"""The widgets' shared helpers in Node (widgets/lib/): latest() and the abort helpers that end a
widget's work with its mount, number formats, ids, the query helper, saveAndSay and the chart
pieces of plot.ts.

tests/js/widget-lib.test.ts holds the cases; tests/jsunit.py runs them, one pytest case each.
"""
from __future__ import annotations

import jsunit

JS_TESTS = jsunit.source("widget-lib")


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=15)


def test_widget_lib_helpers(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)
