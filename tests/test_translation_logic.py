"""The translation widgets' pure logic (Module 6 § 6.2) in Node: tests/js/translation.test.ts holds
the cases (the Translation Sandbox's and the translation Model Size Explorer's logic.ts); tests/jsunit.py
runs them, one pytest case each.
"""
from __future__ import annotations

import jsunit

JS_TESTS = jsunit.source("translation")


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=15)


def test_translation_widget_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)
