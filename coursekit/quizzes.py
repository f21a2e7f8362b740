"""Quiz data files: `docs/quizzes/<id>.json`, checked at build time.

A quiz fence (```widget / name: quiz / quiz: <id>) embeds its data file in the
page as JSON, so the widget needs no request and a malformed quiz fails the
build instead of failing in a reader's browser.
"""
from __future__ import annotations

import json
from pathlib import Path

QUIZZES_DIR = Path(__file__).resolve().parent.parent / "docs" / "quizzes"


class QuizError(ValueError):
    """A quiz data file that is missing or breaks the format."""


def _require(cond: bool, where: str, what: str) -> None:
    if not cond:
        raise QuizError(f"{where}: {what}")


def validate_quiz(data: object, where: str) -> dict:
    """Check one quiz's data against the format; returns it unchanged."""
    _require(isinstance(data, dict), where, "a quiz is a JSON object")
    assert isinstance(data, dict)
    for key in ("id", "title", "questions"):
        _require(key in data, where, f"missing {key!r}")
    questions = data["questions"]
    _require(isinstance(questions, list) and len(questions) > 0, where, "'questions' must be a non-empty list")
    seen: set[str] = set()
    for n, q in enumerate(questions, 1):
        qw = f"{where}, question {n}"
        _require(isinstance(q, dict) and isinstance(q.get("id"), str) and q["id"], qw, "needs a string 'id'")
        _require(q["id"] not in seen, qw, f"repeats the id {q['id']!r}")
        seen.add(q["id"])
        _require(isinstance(q.get("prompt"), str) and q["prompt"].strip(), qw, "needs a 'prompt'")
        choices = q.get("choices")
        _require(isinstance(choices, list) and len(choices) >= 2, qw, "needs at least two 'choices'")
        ids = [c.get("id") for c in choices if isinstance(c, dict)]
        _require(len(ids) == len(choices) and all(isinstance(i, str) and i for i in ids), qw, "every choice needs an 'id'")
        _require(len(set(ids)) == len(ids), qw, "choice ids repeat")
        _require(all(isinstance(c.get("text"), str) and c["text"].strip() for c in choices), qw, "every choice needs a 'text'")
        correct = [c for c in choices if c.get("correct") is True]
        _require(len(correct) == 1, qw, f"needs exactly one choice with \"correct\": true (has {len(correct)})")
        review = q.get("review")
        _require(review is None or (isinstance(review, dict) and isinstance(review.get("text"), str)
                                    and isinstance(review.get("href"), str)), qw,
                 "'review' must be {\"text\": ..., \"href\": ...}: where to read up when this question is missed")
    outcomes = data.get("outcomes", [])
    _require(isinstance(outcomes, list), where, "'outcomes' must be a list")
    if outcomes:
        scores = [o.get("min_score") for o in outcomes]
        _require(all(isinstance(s, int) and 0 <= s <= len(questions) for s in scores), where,
                 "every outcome needs an integer 'min_score' between 0 and the number of questions")
        _require(0 in scores, where, "one outcome must have min_score 0, so every score gets one")
        _require(len(set(scores)) == len(scores), where, "two outcomes share a min_score")
        for o in outcomes:
            _require(isinstance(o.get("text"), str) and o["text"].strip(), where, "every outcome needs a 'text'")
            for link in o.get("links", []):
                _require(isinstance(link.get("text"), str) and isinstance(link.get("href"), str), where,
                         "outcome links need 'text' and 'href'")
    return data


def load_quiz(quiz_id: str) -> dict:
    """Read and check `docs/quizzes/<quiz_id>.json`."""
    path = QUIZZES_DIR / f"{quiz_id}.json"
    where = f"docs/quizzes/{quiz_id}.json"
    if not quiz_id or not path.is_file():
        raise QuizError(f"quiz {quiz_id!r} has no data file {where}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise QuizError(f"{where} is not valid JSON: {err}") from err
    validate_quiz(data, where)
    if data["id"] != quiz_id:
        raise QuizError(f"{where}: its 'id' is {data['id']!r}, not {quiz_id!r}")
    return data
