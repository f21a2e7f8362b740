"""The captioning widget's logic without a browser (widgets/image-captioning/logic.ts): upload
checks, the editor's rules, the guess game and the right/wrong sentences.

tests/js/captioner.test.ts holds the cases; tests/jsunit.py runs them, one pytest case each.
"""
from __future__ import annotations

import jsunit

JS_TESTS = jsunit.source("captioner")


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=10)


def test_captioner_widget_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)
