"""Load and validate a lab folder, `docs/labs/<lab-id>/`.

A lab folder holds `lab.json` ({id, title, difficulty 1-3, time_limit_s, entry,
hints}), `starter.py`, `solution.py`, `checks.py` (written against
`coursekit/grader.py`) and `mistakes/*.py`: typical wrong answers whose first
line is `# feedback: <text the grader's feedback must contain>`.

`load_lab` reports every problem of a folder at once, so a lab author fixes
them in one pass instead of one per run.
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

from coursekit import grader

ROOT = Path(__file__).resolve().parent.parent
LABS_DIR = ROOT / "docs" / "labs"

LAB_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
FEEDBACK_LINE = re.compile(r"^#\s*feedback:\s*(?P<text>.*\S)\s*$")
REQUIRED_FILES = ("starter.py", "solution.py", "checks.py")
# key -> (accepted types, description used in the error message)
FIELDS = {
    "id": (str, "a string"),
    "title": (str, "a string"),
    "difficulty": (int, "an integer from 1 to 3"),
    "time_limit_s": ((int, float), "a number of seconds"),
    "entry": (str, "a function name"),
    "hints": (list, "a list of strings"),
}
MAX_TIME_LIMIT_S = 60  # a lab that needs longer is too slow for a browser tab


class LabError(ValueError):
    """A lab folder that is missing something or holds a malformed file."""


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer and the text its feedback must contain."""

    name: str
    source: str
    feedback: str


@dataclass(frozen=True)
class Lab:
    """A validated lab folder, its metadata and the text of its files."""

    folder: Path
    id: str
    title: str
    difficulty: int
    time_limit_s: float
    entry: str
    hints: tuple[str, ...]
    starter: str
    solution: str
    checks: str
    mistakes: tuple[Mistake, ...]

    def grade(self, source: str, *, include_hidden: bool = True) -> dict:
        """Grade `source` against this lab's checks (in this process, no time limit)."""
        return grader.grade(source, self.checks, include_hidden=include_hidden, entry=self.entry)


def lab_folders(root: Path = LABS_DIR) -> list[Path]:
    """Every folder of docs/labs/, with or without a lab.json (a missing one is an error)."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def resolve(lab: str | Path, root: Path = LABS_DIR) -> Path:
    """A lab id (looked up in docs/labs/) or a folder -> the lab's folder."""
    path = Path(lab)
    if path.is_dir():
        return path
    if LAB_ID.match(str(lab)) and (root / str(lab)).is_dir():
        return root / str(lab)
    known = ", ".join(p.name for p in lab_folders(root)) or "none"
    raise LabError(f"no lab {str(lab)!r}: not a folder, nor a lab id in {root} (known: {known})")


def load_lab(folder: str | Path) -> Lab:
    """Read and validate a lab folder; raise LabError listing every problem found."""
    folder = Path(folder)
    if not folder.is_dir():
        raise LabError(f"{folder}: no such lab folder")
    problems: list[str] = []
    meta = _read_meta(folder, problems)
    files = {name: _read_python(folder / name, problems) for name in REQUIRED_FILES}
    mistakes = _read_mistakes(folder / "mistakes", problems)
    entry = meta.get("entry")
    if isinstance(entry, str):
        for name in ("starter.py", "solution.py"):
            if files[name] is not None and not _defines_function(files[name], entry):
                problems.append(f"{name} does not define the entry function `{entry}` named in lab.json")
    if problems:
        raise LabError(f"lab folder {folder} is not valid:\n" + "\n".join(f"  - {p}" for p in problems))
    return Lab(folder=folder, id=meta["id"], title=meta["title"], difficulty=meta["difficulty"],
               time_limit_s=float(meta["time_limit_s"]), entry=meta["entry"],
               hints=tuple(meta["hints"]), starter=files["starter.py"],
               solution=files["solution.py"], checks=files["checks.py"], mistakes=tuple(mistakes))


def _read_meta(folder: Path, problems: list[str]) -> dict:
    path = folder / "lab.json"
    if not path.is_file():
        problems.append("lab.json is missing")
        return {}
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        problems.append(f"lab.json is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")
        return {}
    if not isinstance(meta, dict):
        problems.append("lab.json must hold a JSON object")
        return {}
    problems.extend(_meta_problems(meta, folder.name))
    return meta


def _meta_problems(meta: dict, folder_name: str) -> list[str]:
    problems = [f"lab.json has no {key!r}" for key in FIELDS if key not in meta]
    # Unknown keys are usually typos ("hint", "timeout"); catch them here.
    problems += [f"lab.json has an unknown key {key!r}" for key in meta if key not in FIELDS]
    for key, (types, description) in FIELDS.items():
        value = meta.get(key)
        if key in meta and (isinstance(value, bool) or not isinstance(value, types)):
            problems.append(f"lab.json {key!r} must be {description}, not {value!r}")
    if problems:
        return problems
    if meta["id"] != folder_name or not LAB_ID.match(meta["id"]):
        problems.append(f"lab.json id {meta['id']!r} must equal the folder name {folder_name!r} "
                        "(lowercase letters, digits, '-' and '_')")
    if not meta["title"].strip():
        problems.append("lab.json 'title' is empty")
    if meta["difficulty"] not in (1, 2, 3):
        problems.append(f"lab.json 'difficulty' must be 1, 2 or 3, not {meta['difficulty']}")
    if not 0 < meta["time_limit_s"] <= MAX_TIME_LIMIT_S:
        problems.append(f"lab.json 'time_limit_s' must be in (0, {MAX_TIME_LIMIT_S}], not {meta['time_limit_s']}")
    if not meta["entry"].isidentifier():
        problems.append(f"lab.json 'entry' {meta['entry']!r} is not a Python function name")
    if not meta["hints"] or not all(isinstance(h, str) and h.strip() for h in meta["hints"]):
        problems.append("lab.json 'hints' must be a non-empty list of non-empty strings")
    return problems


def _read_python(path: Path, problems: list[str]) -> str | None:
    if not path.is_file():
        problems.append(f"{path.name} is missing")
        return None
    source = path.read_text(encoding="utf-8")
    try:
        compile(source, str(path), "exec", dont_inherit=True)
    except SyntaxError as exc:
        problems.append(f"{path.name} line {exc.lineno}: {exc.msg}")
        return None
    return source


def _read_mistakes(folder: Path, problems: list[str]) -> list[Mistake]:
    paths = sorted(folder.glob("*.py")) if folder.is_dir() else []
    if not paths:
        problems.append("mistakes/ holds no typical wrong answers (mistakes/*.py)")
    mistakes = []
    for path in paths:
        # Not compiled: a wrong answer may be wrong in any way, a syntax error included.
        source = path.read_text(encoding="utf-8")
        first = source.splitlines()[0] if source.strip() else ""
        match = FEEDBACK_LINE.match(first)
        if not match:
            problems.append(f"mistakes/{path.name}: the first line must be "
                            f"'# feedback: <text the feedback must contain>', not {first!r}")
            continue
        mistakes.append(Mistake(name=path.stem, source=source, feedback=match["text"]))
    return mistakes


def _defines_function(source: str, name: str) -> bool:
    """Whether the module defines a top-level function `name` (without running it)."""
    tree = ast.parse(source)
    return any(isinstance(node, ast.FunctionDef) and node.name == name for node in tree.body)
