"""The question-answering widget's logic without a browser (widgets/scene-vqa/logic.ts): the top
answers, random scenes, unknown words.

tests/js/vqa.test.ts holds the cases; tests/jsunit.py runs them, one pytest case each.
"""
from __future__ import annotations

import jsunit

JS_TESTS = jsunit.source("vqa")


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=5)


def test_vqa_widget_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)
