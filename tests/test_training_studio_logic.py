"""The training studio's pure logic (widgets/training-studio/logic.ts) in Node: which texts it takes
and why not, the settings' limits, and the dashboard's figures (tests/js/training-studio.test.ts)."""
import jsunit

JS_TESTS = jsunit.source("training-studio")


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=10)


def test_training_studio_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)
