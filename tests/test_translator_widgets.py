"""The translator widgets' pure logic in Node (Module 7: attention-visualizer, attention-hard,
attention-debugging, beam-stepper, and widgets/translator-kit/alignment.ts).

tests/js/translator-widgets.test.ts holds the cases; tests/jsunit.py runs them, one pytest case each.
"""
from __future__ import annotations

import jsunit

JS_TESTS = jsunit.source("translator-widgets")


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=18)


def test_translator_widget_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)
