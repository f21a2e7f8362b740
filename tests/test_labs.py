"""Every lab in docs/labs/ proves itself, and the lab loader rejects broken folders.

The parametrised tests pick up a new lab folder without any change here: its
solution must pass every check, its starter must fail without crashing, and
each of its typical mistakes must fail with the feedback its first line names.
"""
from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

import pytest

from coursekit.labs import LABS_DIR, LabError, lab_folders, load_lab, resolve

FOLDERS = lab_folders()
MISTAKES = [(folder, path) for folder in FOLDERS for path in sorted((folder / "mistakes").glob("*.py"))]


@functools.cache
def graded(folder: Path, source: str, include_hidden: bool = True) -> dict:
    """The lab's grade of `source`, computed once per file: several tests read one grading (the
    training labs' checks take seconds each)."""
    return load_lab(folder).grade(source, include_hidden=include_hidden)


def by_name(value):
    return value.name if isinstance(value, Path) else None


def failures(result: dict) -> str:
    """The checks that did not pass, for assertion messages."""
    lines = [f"{c['name']}: {c['message']}" for c in result["checks"] if c["status"] != "pass"]
    if result["error"]:
        lines.append(result["error"]["traceback"])
    return "\n".join(lines)


def test_there_are_labs_to_check():
    assert FOLDERS, f"no lab folders in {LABS_DIR}"


@pytest.mark.parametrize("folder", FOLDERS, ids=by_name)
def test_lab_folder_validates(folder):
    load_lab(folder)


@pytest.mark.parametrize("folder", FOLDERS, ids=by_name)
def test_solution_passes_every_check(folder):
    result = graded(folder, load_lab(folder).solution)
    assert result["status"] == "passed", failures(result)


@pytest.mark.parametrize("folder", FOLDERS, ids=by_name)
def test_starter_fails_without_crashing(folder):
    lab = load_lab(folder)
    result = lab.grade(lab.starter, include_hidden=True)
    assert result["status"] == "failed", failures(result)


@pytest.mark.parametrize("folder", FOLDERS, ids=by_name)
def test_lab_has_public_and_hidden_checks(folder):
    solution = load_lab(folder).solution
    public = graded(folder, solution, include_hidden=False)["total"]
    everything = graded(folder, solution)["total"]
    assert 0 < public < everything


@pytest.mark.parametrize("folder, path", MISTAKES, ids=by_name)
def test_mistake_fails(folder, path):
    lab = load_lab(folder)
    mistake = next(m for m in lab.mistakes if m.name == path.stem)
    assert graded(folder, mistake.source)["status"] != "passed"


@pytest.mark.parametrize("folder, path", MISTAKES, ids=by_name)
def test_mistake_gets_its_feedback(folder, path):
    lab = load_lab(folder)
    mistake = next(m for m in lab.mistakes if m.name == path.stem)
    result = graded(folder, mistake.source)
    assert mistake.feedback in "\n".join(result["feedback"]), failures(result)


# ---------------------------------------------------------------- the loader

@pytest.fixture
def lab_copy(tmp_path):
    """A writable copy of a real lab, to break in one way per test."""
    folder = tmp_path / "softmax"
    shutil.copytree(LABS_DIR / "softmax", folder)
    return folder


def edit_meta(folder: Path, **changes) -> None:
    meta = json.loads((folder / "lab.json").read_text())
    meta.update(changes)
    (folder / "lab.json").write_text(json.dumps(meta))


def test_missing_file_is_reported(lab_copy):
    (lab_copy / "checks.py").unlink()
    with pytest.raises(LabError, match="checks.py is missing"):
        load_lab(lab_copy)


def test_bad_json_is_reported_with_its_line(lab_copy):
    (lab_copy / "lab.json").write_text('{\n  "id": "softmax",\n  "title": oops\n}')
    with pytest.raises(LabError, match="not valid JSON.*line 3"):
        load_lab(lab_copy)


def test_mistake_without_feedback_line_is_reported(lab_copy):
    (lab_copy / "mistakes" / "silent.py").write_text("def softmax(y):\n    return y\n")
    with pytest.raises(LabError, match=r"mistakes/silent.py: the first line must be '# feedback:"):
        load_lab(lab_copy)


def test_mistake_with_empty_feedback_is_reported(lab_copy):
    (lab_copy / "mistakes" / "vague.py").write_text("# feedback:\ndef softmax(y):\n    return y\n")
    with pytest.raises(LabError, match="mistakes/vague.py"):
        load_lab(lab_copy)


def test_unknown_key_in_lab_json_is_reported(lab_copy):
    edit_meta(lab_copy, timeout=3)
    with pytest.raises(LabError, match="unknown key 'timeout'"):
        load_lab(lab_copy)


def test_difficulty_out_of_range_is_reported(lab_copy):
    edit_meta(lab_copy, difficulty=4)
    with pytest.raises(LabError, match="'difficulty' must be 1, 2 or 3"):
        load_lab(lab_copy)


def test_id_other_than_the_folder_name_is_reported(lab_copy):
    edit_meta(lab_copy, id="soft-max")
    with pytest.raises(LabError, match="must equal the folder name"):
        load_lab(lab_copy)


def test_entry_missing_from_solution_is_reported(lab_copy):
    edit_meta(lab_copy, entry="log_softmax")
    with pytest.raises(LabError, match="solution.py does not define the entry function `log_softmax`"):
        load_lab(lab_copy)


def test_every_problem_is_reported_at_once(lab_copy):
    (lab_copy / "starter.py").unlink()
    edit_meta(lab_copy, hints=[])
    with pytest.raises(LabError) as raised:
        load_lab(lab_copy)
    assert "starter.py is missing" in str(raised.value) and "'hints'" in str(raised.value)


def test_lab_id_resolves_to_its_folder():
    assert resolve("softmax") == LABS_DIR / "softmax"


def test_unknown_lab_id_lists_the_known_labs():
    with pytest.raises(LabError, match="known: .*softmax"):
        resolve("no_such_lab")
