"""The shared quiz and self-rating widgets: the quiz data format, then both in Chromium."""
from __future__ import annotations

import json

import markdown
import pytest

from coursekit.quizzes import QUIZZES_DIR, QuizError, load_quiz, validate_quiz
from sitepages import open_widget, page_with

QUIZ_IDS = sorted(p.stem for p in QUIZZES_DIR.glob("*.json"))


def minimal_quiz(**overrides) -> dict:
    q = {"id": "t", "title": "T", "questions": [
        {"id": "q1", "prompt": "P?", "choices": [{"id": "a", "text": "A", "correct": True}, {"id": "b", "text": "B"}]}]}
    q.update(overrides)
    return q


# ------------------------------------------------------------ data format

@pytest.mark.parametrize("quiz_id", QUIZ_IDS)
def test_every_quiz_file_is_valid_and_has_one_correct_answer_per_question(quiz_id):
    quiz = load_quiz(quiz_id)
    for q in quiz["questions"]:
        assert sum(c.get("correct") is True for c in q["choices"]) == 1, q["id"]


def test_a_question_with_two_correct_answers_is_rejected():
    quiz = minimal_quiz()
    quiz["questions"][0]["choices"][1]["correct"] = True
    with pytest.raises(QuizError, match="exactly one"):
        validate_quiz(quiz, "t")


def test_outcomes_must_cover_a_score_of_zero():
    with pytest.raises(QuizError, match="min_score 0"):
        validate_quiz(minimal_quiz(outcomes=[{"min_score": 1, "text": "ok"}]), "t")


def test_a_quiz_fence_naming_no_data_file_fails_the_build():
    from pymdownx.superfences import SuperFencesException

    md = markdown.Markdown(extensions=["pymdownx.superfences"], extension_configs={"pymdownx.superfences": {
        "custom_fences": [{"name": "widget", "class": "rnn-widget",
                           "format": __import__("coursekit.markdown_widgets", fromlist=["x"]).fence_format}]}})
    with pytest.raises(SuperFencesException, match="no-such-quiz"):
        md.convert("```widget\nname: quiz\nquiz: no-such-quiz\n```\n")


def test_quiz_data_is_embedded_with_script_end_escaped(built_site):
    html = (built_site / page_with(built_site, "quiz").strip("/") / "index.html").read_text(encoding="utf-8")
    start = html.index("data-quiz-data>") + len("data-quiz-data>")
    embedded = html[start:html.index("</script>", start)]
    assert json.loads(embedded)["questions"]


# ------------------------------------------------------------ quiz in Chromium

def answer(root, question: str, choice: str) -> None:
    q = root.locator(f'[data-question="{question}"]')
    q.locator(f'input[value="{choice}"]').check()
    q.get_by_role("button", name="Check").click()


def test_quiz_marks_answers_scores_and_restores_them_after_reload(page, site_server):
    root = open_widget(page, site_server, "quiz")
    quiz_id = json.loads(root.locator("script[data-quiz-data]").text_content())["id"]
    quiz = load_quiz(quiz_id)
    questions = quiz["questions"]
    wrong = next(c["id"] for c in questions[0]["choices"] if not c.get("correct"))
    answer(root, questions[0]["id"], wrong)
    assert root.locator(f'[data-question="{questions[0]["id"]}"]').get_attribute("data-result") == "wrong"
    for q in questions[1:]:
        answer(root, q["id"], next(c["id"] for c in q["choices"] if c.get("correct")))
    expected = len(questions) - 1
    assert f"{expected} of {len(questions)}" in root.locator("[data-quiz-score]").inner_text()
    fitting = max((o for o in quiz.get("outcomes", []) if o["min_score"] <= expected), key=lambda o: o["min_score"], default=None)
    if fitting:
        assert fitting["text"] in root.locator("[data-quiz-outcome]").inner_text()

    page.reload()
    root = open_widget(page, site_server, "quiz")
    assert root.get_attribute("data-finished") == "true"
    assert root.locator(f'[data-question="{questions[0]["id"]}"]').get_attribute("data-result") == "wrong"

    root.get_by_role("button", name="Retry").first.click()
    assert root.get_attribute("data-finished") == "false"
    assert root.locator("[data-result]").count() == 0


def test_quiz_check_without_a_choice_asks_for_one(page, site_server):
    root = open_widget(page, site_server, "quiz")
    first = root.locator("[data-question]").first
    first.get_by_role("button", name="Check").click()
    assert "Pick one" in first.inner_text()
    assert first.get_attribute("data-result") is None


# ------------------------------------------------------------ self-rating in Chromium

def test_self_rating_saves_ratings_and_lists_missed_questions_as_due(page, site_server):
    root = open_widget(page, site_server, "self-rating")
    groups = page.locator("[data-self-rating]")
    assert groups.count() == page.locator("details.question").count() > 0
    page.locator("details.question").first.locator("summary").click()
    groups.first.get_by_role("button", name="Missed").click()
    assert groups.first.get_attribute("data-rating") == "missed"
    assert "1 of" in root.locator("[data-rating-summary]").inner_text()

    page.reload()
    root = open_widget(page, site_server, "self-rating")
    assert page.locator("[data-self-rating]").first.get_attribute("data-rating") == "missed"
    assert page.locator("[data-self-rating]").first.locator("[data-rate=\"missed\"]").get_attribute("aria-pressed") == "true"
    # Due tomorrow, not now: move the clock a day and a bit forward and it is listed.
    assert root.locator("[data-rating-due] li").count() == 0
    # The fake clock goes in on a blank page: installed into a live Material page, it swaps the timers
    # under RxJS's running intervals, which then throw "executing a cancelled action" now and then.
    later, url = page.evaluate("Date.now()") + 25 * 3600 * 1000, page.url
    page.goto("about:blank")
    page.clock.install(time=later)
    page.goto(url)
    root = open_widget(page, site_server, "self-rating")
    assert root.locator("[data-rating-due] li").count() == 1


def test_a_finished_quiz_points_to_the_reading_for_each_missed_question(page, site_server):
    quiz = load_quiz("math-readiness")
    page.goto(site_server.url + "/appendices/a-readiness/")
    root = page.locator('[data-widget="quiz"]:has(script[data-quiz-data])').filter(
        has=page.locator(f'[data-question="{quiz["questions"][0]["id"]}"]')).first
    root.scroll_into_view_if_needed()
    page.wait_for_function("(el) => el.dataset.state === 'ready'", arg=root.element_handle())
    missed = quiz["questions"][:2]
    for q in quiz["questions"]:
        right = next(c["id"] for c in q["choices"] if c.get("correct"))
        wrong = next(c["id"] for c in q["choices"] if not c.get("correct"))
        answer(root, q["id"], wrong if q in missed else right)
    expected = list(dict.fromkeys(q["review"]["href"] for q in missed))
    hrefs = root.locator("[data-quiz-review] a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert hrefs == expected
    # Every reading link lands on a heading that exists.
    for href in hrefs:
        path, _, anchor = href.partition("#")
        html = (site_server.root / "appendices/a-readiness" / path / "index.html").read_text(encoding="utf-8")
        assert f'id="{anchor}"' in html, href
