"""Flashcards as an Anki deck: one card per glossary term and one per quiz question.

The terms come from docs/includes/abbreviations.md through coursekit.glossary (a term and its
plural are one card, as on the glossary page); the questions from docs/quizzes/*.json through
coursekit.quizzes, so each is checked as the site checks it.
"""
from __future__ import annotations

import html
from pathlib import Path

import genanki

from coursekit import glossary
from coursekit.quizzes import QUIZZES_DIR, load_quiz

NAME = "rnn-flashcards.apkg"
# Fixed ids: Anki recognises the deck and the note type on every re-import (new ones would
# create a new deck each time).
MODEL_ID = 1607392319
DECK_ID = 2059400110
DECK_NAME = "The Unreasonable Effectiveness of RNNs"
MODEL = genanki.Model(
    MODEL_ID, "RNN course card",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
    templates=[{"name": "Card 1", "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Back}}<p class="source">{{Source}}</p>'}],
    css=".card { font-family: sans-serif; font-size: 20px; text-align: left; } .source { color: #6b7280; font-size: 14px; }",
)


def glossary_cards() -> list[tuple[str, str, str]]:
    """(front, back, source) for each glossary term."""
    pairs = glossary.parse(glossary.ABBREVIATIONS.read_text(encoding="utf-8"))
    return [(f"What is <b>{html.escape(e.term)}</b>?", html.escape(e.text), "Glossary")
            for e in glossary.entries(pairs)]


def quiz_cards() -> list[tuple[str, str, str]]:
    """(front, back, source) for each quiz question: the choices on the front, the correct one
    and the quiz's explanation on the back."""
    cards = []
    for path in sorted(QUIZZES_DIR.glob("*.json")):
        quiz = load_quiz(path.stem)
        for q in quiz["questions"]:
            choices = "".join(f"<li>{html.escape(c['text'])}</li>" for c in q["choices"])
            right = next(c for c in q["choices"] if c.get("correct"))
            back = f"<b>{html.escape(right['text'])}</b><p>{html.escape(q['explanation'])}</p>"
            cards.append((f"{html.escape(q['prompt'])}<ul>{choices}</ul>", back, html.escape(quiz["title"])))
    return cards


def write(out: Path) -> list[Path]:
    deck = genanki.Deck(DECK_ID, DECK_NAME)
    for front, back, source in glossary_cards() + quiz_cards():
        # The GUID follows the front: re-importing an edited card updates it instead of adding a twin
        deck.add_note(genanki.Note(model=MODEL, fields=[front, back, source], guid=genanki.guid_for(front)))
    genanki.Package(deck).write_to_file(str(out / NAME))
    return [out / NAME]
