"""The lab's state logic (widgets/lab/model.ts) and the runtime's progress text, in Node.

The cases are those of tests/js/lab-model.test.ts, one pytest case each (tests/jsunit.py).
"""
from __future__ import annotations

import jsunit

JS_TESTS = jsunit.source("lab-model")


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=10)


def test_lab_model(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)
