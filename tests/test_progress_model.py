"""Learning-path progress (widgets/lib/progress.ts) and the python-snippet's
logic (widgets/python-snippet/model.ts), in Node: the cases of tests/js/progress.test.ts
(run as tests/jsunit.py says).
"""
from __future__ import annotations

import jsunit

JS_TESTS = jsunit.source("progress")


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=8)


def test_progress_model(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)
