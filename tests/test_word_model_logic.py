"""Module 8's model widgets' pure logic in Node: tests/js/word-models.test.ts holds the cases (the
small world's grammar, the charts, the stress test's, speed comparison's and Transformer teaser's
logic.ts); tests/jsunit.py runs them, one pytest case each."""
from __future__ import annotations

import jsunit

JS_TESTS = jsunit.source("word-models")


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=20)


def test_word_model_widget_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)
