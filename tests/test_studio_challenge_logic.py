"""The training challenges' pure logic (widgets/studio-challenge/logic.ts) in Node: when a check
meets a level, the words a reader judges, and the Boss leaderboard's file format and the checks an
imported file must pass (tests/js/studio-challenge.test.ts)."""
import jsunit

JS_TESTS = jsunit.source("studio-challenge")


def test_every_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=10)


def test_studio_challenge_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)
