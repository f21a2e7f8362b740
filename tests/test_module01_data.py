"""Modules 0 and 1: the answer keys and data files behind their widgets, in CPython.

Every quiz's intended answer is checked here, the Sequence Sorter's key is
derived from the architecture definitions, the "Find your use case" scoring
is re-implemented from its data file and run on one persona per path, and
the timeline's facts are checked for shape and for the milestones the
lessons name.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from coursekit import paths as learning_paths

ROOT = Path(__file__).resolve().parent.parent
WIDGETS = ROOT / "widgets"
PATHS = ("A", "B", "C", "D")


def load(rel: str) -> dict:
    return json.loads((ROOT / rel).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- Module 1 quick quiz

QUICK = load("docs/quizzes/module-1-quick.json")
# The intended answer of each question, as the lesson plan asks it.
INTENDED = {
    "q1": "number of inputs is fixed",       # why fixed-size networks cannot take varying lengths
    "q2": "single output after reading",      # many-to-one vs many-to-many
    "q3": "Machine translation: many to many, encoder-decoder",
}


def test_quick_quiz_has_three_questions_with_one_correct_choice_each():
    assert QUICK["id"] == "module-1-quick"
    assert [q["id"] for q in QUICK["questions"]] == ["q1", "q2", "q3"]
    for q in QUICK["questions"]:
        correct = [c for c in q["choices"] if c.get("correct") is True]
        assert len(correct) == 1, q["id"]
        assert len({c["id"] for c in q["choices"]}) == len(q["choices"]) >= 3


@pytest.mark.parametrize("qid", sorted(INTENDED))
def test_quick_quiz_marks_the_intended_answer_correct_and_explains_every_choice(qid):
    q = next(q for q in QUICK["questions"] if q["id"] == qid)
    correct = next(c for c in q["choices"] if c.get("correct"))
    assert INTENDED[qid] in correct["text"], correct["text"]
    assert correct["why"].startswith("Right"), correct["why"]
    for c in q["choices"]:
        assert len(c["why"]) > 30, (qid, c["id"])
        if c is not correct:
            assert not c["why"].startswith("Right"), (qid, c["id"])
    assert q["explanation"]


def test_quick_quiz_outcomes_cover_every_score():
    mins = sorted(o["min_score"] for o in QUICK["outcomes"])
    assert mins[0] == 0 and mins[-1] == len(QUICK["questions"])
    assert len(set(mins)) == len(mins)


# ---------------------------------------------------------------- Sequence Sorter

SORTER = load("widgets/sequence-sorter/sorter.json")
# The five architectures by what goes in and what comes out (Module 1, section 1.2).
DEFINITIONS = {
    "one-to-one": ("one", "one"),
    "one-to-many": ("one", "sequence"),
    "many-to-one": ("sequence", "one"),
    "seq2seq": ("sequence", "sequence"),
    "synced": ("sequence", "aligned-sequence"),
}


def test_sorter_architectures_match_their_definitions():
    assert {t["id"]: (t["input"], t["output"]) for t in SORTER["types"]} == DEFINITIONS


@pytest.mark.parametrize("problem", SORTER["problems"], ids=lambda p: p["id"])
def test_sorter_answer_is_the_architecture_whose_shape_fits_the_problem(problem):
    fits = [a for a, shape in DEFINITIONS.items() if shape == (problem["input"], problem["output"])]
    assert fits == [problem["answer"]]


def test_sorter_places_one_problem_on_each_architecture():
    assert sorted(p["answer"] for p in SORTER["problems"]) == sorted(DEFINITIONS)


def test_sequence_zoo_draws_the_same_five_architectures():
    zoo = (WIDGETS / "sequence-zoo/architectures.ts").read_text(encoding="utf-8")
    for arch in DEFINITIONS:
        assert f'id: "{arch}"' in zoo


# ---------------------------------------------------------------- Find your use case

USE_CASE = load("widgets/use-case-quiz/quiz.json")


def recommend(answers: dict[str, str]) -> str:
    """The scoring of widgets/use-case-quiz/scoring.ts: most points wins; a tie goes to
    the path the tie-break question favours, then to the earliest path."""
    totals = dict.fromkeys(PATHS, 0)
    chosen = {}
    for q in USE_CASE["questions"]:
        choice = next(c for c in q["choices"] if c["id"] == answers[q["id"]])
        chosen[q["id"]] = choice
        for p, n in choice["points"].items():
            totals[p] += n
    best = max(totals.values())
    tied = [p for p in PATHS if totals[p] == best]
    favoured = [p for p in tied if chosen[USE_CASE["tiebreak"]]["points"].get(p, 0) > 0]
    return (favoured or tied)[0]


PERSONAS = {
    "A": {"role": "leader", "goal": "discuss", "time": "evenings", "code": "none", "data": "events"},
    "B": {"role": "ml", "goal": "build", "time": "weeks", "code": "daily", "data": "text"},
    "C": {"role": "other-tech", "goal": "quick", "time": "hours", "code": "write", "data": "events"},
    "D": {"role": "seeker", "goal": "interview", "time": "evenings", "code": "write", "data": "none"},
}


@pytest.mark.parametrize("path", PATHS)
def test_use_case_quiz_sends_each_persona_to_its_path(path):
    assert recommend(PERSONAS[path]) == path


def test_use_case_quiz_tie_goes_to_the_readers_goal():
    # A leader (A +3) who wants interview answers (D +3), a few evenings (A +1, D +1), uses NumPy (B +2):
    # A and D tie at 4, and without the goal rule the earlier path, A, would win.
    answers = {"role": "leader", "goal": "interview", "time": "evenings", "code": "daily", "data": "text"}
    assert recommend(answers) == "D"


def test_use_case_quiz_paths_follow_the_lesson_plan():
    paths = USE_CASE["paths"]
    # The lesson plan is docs/data/paths.json: each path's modules, in order, without its appendices.
    plan = learning_paths.load()
    kinds = {u["id"]: u["kind"] for u in plan["units"]}
    assert set(paths) == {p["id"].upper() for p in plan["paths"]}
    for p in plan["paths"]:
        modules = [int(s["unit"].split("-")[0]) for s in p["steps"] if kinds[s["unit"]] == "module"]
        assert paths[p["id"].upper()]["modules"] == modules, p["id"]
    assert paths["B"]["modules"] == list(range(11))
    slugs = {"A": "a-conceptual", "B": "b-practitioner", "C": "c-quick-wins", "D": "d-interview"}
    for p, slug in slugs.items():
        assert paths[p]["href"] == f"../../paths/{slug}/"
    assert len(USE_CASE["questions"]) == 5
    assert USE_CASE["tiebreak"] in {q["id"] for q in USE_CASE["questions"]}
    for q in USE_CASE["questions"]:
        assert len(q["choices"]) >= 3
        for c in q["choices"]:
            assert set(c["points"]) <= set(PATHS)
            assert all(str(m) in USE_CASE["modules"] for m in c.get("modules", []))


# ---------------------------------------------------------------- AI timeline

TIMELINE = load("widgets/ai-timeline/milestones.json")
MILESTONES = TIMELINE["milestones"]


def test_timeline_runs_from_the_1980s_to_today_in_order():
    years = [m["year"] for m in MILESTONES]
    assert years == sorted(years)
    assert 1980 <= years[0] < 1990 and years[-1] >= 2023
    assert len({m["id"] for m in MILESTONES}) == len(MILESTONES)


@pytest.mark.parametrize("m", MILESTONES, ids=lambda m: m["id"])
def test_every_milestone_names_its_paper_idea_and_module(m):
    for field in ("headline", "authors", "title", "venue", "idea"):
        assert m[field].strip(), field
    assert m["era"] in TIMELINE["eras"]
    assert str(m["module"]) in TIMELINE["modules"]
    start, end = {"foundations": (1980, 2009), "rnn-decade": (2010, 2016), "attention": (2017, 2100)}[m["era"]]
    assert start <= m["year"] <= end


def test_timeline_has_the_milestones_the_lessons_tell():
    by_id = {m["id"]: m for m in MILESTONES}
    assert (by_id["lstm"]["year"], by_id["lstm"]["title"]) == (1997, "Long Short-Term Memory")
    assert "Hochreiter" in by_id["lstm"]["authors"] and "Schmidhuber" in by_id["lstm"]["authors"]
    assert (by_id["seq2seq"]["year"], by_id["seq2seq"]["authors"]) == (2014, "Ilya Sutskever, Oriol Vinyals and Quoc Le")
    assert (by_id["transformer"]["year"], by_id["transformer"]["title"]) == (2017, "Attention Is All You Need")
    assert (by_id["karpathy"]["year"], by_id["karpathy"]["authors"]) == (2015, "Andrej Karpathy")
    assert by_id["alexnet"]["year"] == 2012 and by_id["word2vec"]["year"] == 2013


def published(path: str | None) -> bool:
    return bool(path) and (ROOT / "docs" / path / "index.md").is_file()


def module_folder(n: str) -> Path | None:
    """docs/modules/<NN-slug>/ for module number `n`, if the folder exists."""
    found = sorted((ROOT / "docs" / "modules").glob(f"{int(n):02d}-*/index.md"))
    return found[0].parent if found else None


@pytest.mark.parametrize("table", [TIMELINE["modules"], USE_CASE["modules"]], ids=["timeline", "use-case-quiz"])
def test_module_table_links_every_published_module_and_only_those(table):
    """A path must lead to a module's index page; a module whose index page is published must have its path."""
    for n, module in table.items():
        if module["path"]:
            assert published(module["path"]), f"module {n}: {module['path']} has no index.md"
        folder = module_folder(n)
        if folder is not None:
            assert module["path"] == f"modules/{folder.name}/", f"module {n} is published but its path is {module['path']!r}"


# ---------------------------------------------------------------- Spot the Sequence

SPOT = load("widgets/spot-sequence/examples.json")["examples"]
SPOT_INDUSTRIES = load("widgets/spot-sequence/examples.json")["industries"]


def test_spot_the_sequence_has_both_kinds_and_explains_each():
    kinds = [e["sequential"] for e in SPOT]
    assert kinds.count(True) >= 4 and kinds.count(False) >= 4
    assert len({e["id"] for e in SPOT}) == len(SPOT)
    for e in SPOT:
        assert isinstance(e["sequential"], bool) and len(e["why"]) > 30, e["id"]


def test_spot_the_sequence_industries_each_have_both_kinds():
    """A reader who picks an industry meets at least three of its examples, sequential and not."""
    ids = [i["id"] for i in SPOT_INDUSTRIES]
    assert len(set(ids)) == len(ids) and all(i["label"] for i in SPOT_INDUSTRIES)
    for e in SPOT:
        assert e["industries"] and set(e["industries"]) <= set(ids), e["id"]
    for i in ids:
        kinds = [e["sequential"] for e in SPOT if i in e["industries"]]
        assert len(kinds) >= 3 and True in kinds and False in kinds, i
