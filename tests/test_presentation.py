"""Module 10's Presentation Mode (widgets/presentation/logic.ts): its unit tests in Node
(tests/js/presentation.test.ts): the deck from crafted stores, each missing piece's sentence, the
summary sentence, overfitting detection, the baseline, the samples chosen and the liveliest cell."""
from __future__ import annotations

import jsunit

JS_TESTS = jsunit.source("presentation")


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=8)


def test_presentation_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)
