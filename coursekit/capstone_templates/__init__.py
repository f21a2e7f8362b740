"""Module 10's project templates: difficulty x domain -> a ready project.

Each project is a Jupyter notebook and the same code as a plain script, written here from
build_models' own source (the CharRNN model, the batches, the loss estimate, the schedule and
the training step are copied from build_models/model.py and build_models/train.py, section by
section), with only the glue around them: read the text, split it, the loop, sampling, the
project's check, save a checkpoint. `python -m coursekit.capstone_templates OUT` writes them and
the data files they read; `python -m coursekit.capstone_templates [--check]` writes (or checks)
the catalogue the page and its widget read, docs/data/capstone/templates.json.

This module reads source files as text and needs no PyTorch (the site's build has none);
measure.py runs the templates and records what they reach (docs/data/capstone/measured.json).
"""
from __future__ import annotations

import ast
import json
import math
import textwrap
from pathlib import Path

from . import abc

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
JSON_PATH = ROOT / "docs/data/capstone/templates.json"
MEASURED_PATH = ROOT / "docs/data/capstone/measured.json"
INCLUDE_PATH = ROOT / "docs/includes/generated/capstone-projects.md"
SITE_DIR = "modules/10-capstone/templates/"  # where the build puts the files, from the site root
STUDIO = "data/studio/"

# How much to train, per difficulty: sized so that the defaults run on a laptop's CPU in minutes.
RECIPES = {
    "beginner": dict(n_layer=1, n_hidden=128, seq_len=64, batch_size=32, learning_rate=3e-3, dropout=0.0,
                     max_iters=600, max_chars=500_000, studio_size="medium"),
    "intermediate": dict(n_layer=2, n_hidden=128, seq_len=64, batch_size=32, learning_rate=3e-3, dropout=0.1,
                         max_iters=1200, max_chars=5_000_000, studio_size="large"),
    "advanced": dict(n_layer=2, n_hidden=192, seq_len=64, batch_size=32, learning_rate=3e-3, dropout=0.1,
                     max_iters=1000, max_chars=5_000_000, studio_size="large"),
}
LEVELS = {
    "beginner": {"title": "Beginner", "plan": "a lyrics generator: about 500 KB of song lyrics, success when perplexity < 2.0"},
    "intermediate": {"title": "Intermediate", "plan": "a code generator: one language, about 5 MB, success when 80%+ of its output parses"},
    "advanced": {"title": "Advanced", "plan": "a multi-style author: several authors, about 10 MB, conditioned on the author, judged by blinded human evaluation"},
}
DOMAINS = {"text": "Text", "code": "Code", "music": "Music (ABC notation)", "custom": "Your own text"}
# One tag character per source (a line that starts with it came from that source): circled digits,
# written as escapes so that the course's own Python (a corpus here) does not hold them.
TAGS = "\u2460\u2461\u2462"

# The files the site serves for the templates (written by `build`), besides data/studio/'s.
ABC_FILES = {"abc-tunes.txt": (["reel", "jig", "waltz"], 1500, 1), "abc-reels.txt": (["reel"], 500, 2),
             "abc-jigs.txt": (["jig"], 500, 3), "abc-waltzes.txt": (["waltz"], 500, 4)}
PYTHON_FILE = "python-ours.txt"
SMOKE = dict(max_chars=20_000, max_iters=80, batch_size=16, seq_len=32, eval_iters=4, eval_interval=80, sample_chars=300)


def source(file: str, url: str, what: str) -> dict:
    return {"file": file, "url": url, "what": what}


SHAKESPEARE = source("tinyshakespeare.txt", STUDIO + "tinyshakespeare.txt",
                     "Shakespeare's plays, mostly in verse (tinyshakespeare, 1.1 MB, public domain)")
TOLSTOY = source("warandpeace.txt", STUDIO + "warandpeace.txt",
                 "the opening of War and Peace in the Maude translation (300 KB, public domain)")
LINUX = source("linux.txt", STUDIO + "linux.txt", "C code from the Linux kernel (a 300 KB excerpt, GPL-2.0)")
PYTHON = source(PYTHON_FILE, SITE_DIR + "data/" + PYTHON_FILE,
                "this course's own Python code (build_models/ and coursekit/, MIT)")


def abc_source(file: str) -> dict:
    styles, n, _ = ABC_FILES[file]
    return source(file, SITE_DIR + "data/" + file, f"{n:,} synthetic ABC tunes ({', '.join(s + 's' for s in styles)}), made by the course's grammar")


DATA = {  # (difficulty, domain) -> its sources; two or more sources make a conditioned project
    ("beginner", "text"): [SHAKESPEARE], ("intermediate", "text"): [SHAKESPEARE],
    ("advanced", "text"): [SHAKESPEARE, TOLSTOY],
    ("beginner", "code"): [LINUX], ("intermediate", "code"): [LINUX], ("advanced", "code"): [LINUX, PYTHON],
    ("beginner", "music"): [abc_source("abc-tunes.txt")], ("intermediate", "music"): [abc_source("abc-tunes.txt")],
    ("advanced", "music"): [abc_source("abc-reels.txt"), abc_source("abc-jigs.txt"), abc_source("abc-waltzes.txt")],
    ("beginner", "custom"): [source("my_text.txt", "", "your own text file")],
    ("intermediate", "custom"): [source("my_text.txt", "", "your own text file")],
    ("advanced", "custom"): [source("author_a.txt", "", "your first author's text"), source("author_b.txt", "", "your second author's text")],
}
GOALS = {
    ("beginner", "text"): "A verse generator: a small LSTM that writes lines in the manner of Shakespeare's plays. Song lyrics are copyrighted, so verse stands in for them.",
    ("intermediate", "text"): "The same verse generator, deeper and trained longer on all of tinyshakespeare.",
    ("advanced", "text"): "A two-author writer: one model for Shakespeare and Tolstoy, told which author to write by a tag at the start of every line.",
    ("beginner", "code"): "A C-code generator at beginner size: it learns indentation, keywords and brackets.",
    ("intermediate", "code"): "A C-code generator whose top-level blocks close with matching brackets.",
    ("advanced", "code"): "A two-language code writer: C and Python in one model, told which language to write by a tag at the start of every line.",
    ("beginner", "music"): "A folk-tune writer in ABC notation, on synthetic tunes.",
    ("intermediate", "music"): "A folk-tune writer whose tunes are well-formed ABC with every bar the right length.",
    ("advanced", "music"): "A three-style tune writer (reels, jigs, waltzes), told which rhythm to write by a tag at the start of every line.",
    ("beginner", "custom"): "Your own text, at beginner size.",
    ("intermediate", "custom"): "Your own text, with a deeper model trained longer.",
    ("advanced", "custom"): "Two authors (or styles) of your own, one tag each.",
}


def check_of(difficulty: str, domain: str) -> str:
    """Which check a project's template runs besides the perplexity."""
    if len(DATA[difficulty, domain]) > 1:
        return "tags"
    return {"code": "brackets", "music": "abc"}.get(domain, "none")


def projects() -> list[dict]:
    """The 12 projects, without measured figures."""
    out = []
    for difficulty in RECIPES:
        for domain in DOMAINS:
            r = RECIPES[difficulty]
            srcs = DATA[difficulty, domain]
            config = {k: v for k, v in r.items() if k != "studio_size"}
            config.update(data=",".join(s["file"] for s in srcs), tags=TAGS[:len(srcs)] if len(srcs) > 1 else "",
                          check=check_of(difficulty, domain),
                          prime="X:" if domain == "music" and len(srcs) == 1 else "\n")
            pid = f"{difficulty}-{domain}"
            out.append({"id": pid, "difficulty": difficulty, "domain": domain,
                         "title": f"{LEVELS[difficulty]['title']}: {DOMAINS[domain]}",
                         "goal": GOALS[difficulty, domain], "plan": LEVELS[difficulty]["plan"],
                         "sources": srcs, "config": config,
                         "notebook": f"{SITE_DIR}{pid}.ipynb", "script": f"{SITE_DIR}{pid}.py",
                         "studio": studio_of(pid, difficulty, domain, srcs, r)})
    return out


def studio_of(pid: str, difficulty: str, domain: str, srcs: list[dict], r: dict) -> dict | None:
    """The studio's text (one file the site serves, cut to the project's length) and settings; None
    for the reader's own text (the studio's upload step)."""
    settings = {"cell": "lstm", "size": r["studio_size"], "seqLen": min(r["seq_len"], 128), "batch": 32, "lr": 0.003}
    if domain == "custom":
        return {"url": None, "chars": 0, "settings": settings}
    url = srcs[0]["url"] if len(srcs) == 1 else f"{SITE_DIR}data/{pid}-studio.txt"
    return {"url": url, "chars": min(r["max_chars"], 2_000_000), "settings": settings}


# ---- The code: build_models' sections, and the glue around them.

def snippet(path: Path, name: str) -> str:
    """The lines between `# --8<-- [start:name]` and `# --8<-- [end:name]`, dedented (what the
    course's pages include with pymdownx.snippets)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, l in enumerate(lines) if l.strip() == f"# --8<-- [start:{name}]")
    end = next(i for i, l in enumerate(lines) if l.strip() == f"# --8<-- [end:{name}]")
    return textwrap.dedent("\n".join(lines[start + 1:end]))


def definition(path: Path, name: str) -> str:
    """The source of the top-level function, class or assignment `name` in `path`, decorators included."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    for node in ast.parse(text).body:
        names = [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)] + [getattr(node, "name", None)]
        if name in names:
            first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            return "\n".join(lines[first - 1:node.end_lineno])
    raise KeyError(f"{name} not found in {path}")


MODEL_PY = ROOT / "build_models/model.py"
TRAIN_PY = ROOT / "build_models/train.py"


def build_models_sections() -> dict[str, str]:
    """The pieces of build_models a template copies, by name (the tests compare them)."""
    return {"CELLS": definition(MODEL_PY, "CELLS"), "charrnn": snippet(MODEL_PY, "charrnn"),
            "batch": snippet(TRAIN_PY, "batch"), "estimate_loss": definition(TRAIN_PY, "estimate_loss"),
            "get_lr": definition(TRAIN_PY, "get_lr"), "step": snippet(TRAIN_PY, "step")}


def check_code(check: str) -> str:
    """The check's functions, copied from checks.py and abc.py."""
    parts = [definition(HERE / "checks.py", "unigram_perplexity")]
    if check == "brackets":
        parts += [definition(HERE / "checks.py", n) for n in ("PAIRS", "closed_blocks")]
    if check == "abc":
        parts += [definition(HERE / "abc.py", n) for n in ("KEYS", "NOTE", "note_length", "check_tune", "split_tunes")]
    return "\n\n\n".join(parts)


from .glue import cells  # noqa: E402  (the glue, which uses the helpers above)


def notebook(project: dict) -> str:
    """nbformat 4 JSON, written by hand: markdown and code cells, Python 3 kernel."""
    out = []
    for kind, text in cells(project):
        lines = text.split("\n")
        src = [l + "\n" for l in lines[:-1]] + [lines[-1]]
        cell = {"cell_type": kind, "metadata": {}, "source": src}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        out.append(cell)
    nb = {"cells": out, "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python", "pygments_lexer": "ipython3"}}, "nbformat": 4, "nbformat_minor": 5}
    for i, c in enumerate(nb["cells"]):
        c["id"] = f"{project['id']}-{i}"
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def script(project: dict) -> str:
    """The notebook's code cells, in order, as one plain script."""
    return "\n\n\n".join(text for kind, text in cells(project) if kind == "code") + "\n"


# ---- The catalogue with what was measured, for the page and the widget.

def ceil_to(x: float, step: float) -> float:
    return round(math.ceil(x / step - 1e-9) * step, 6)


def floor_to(x: float, step: float) -> float:
    return round(math.floor(x / step + 1e-9) * step, 6)


def targets(project: dict, m: dict | None) -> dict | None:
    """The success targets our recipe meets: each measured figure, rounded the safe way."""
    if not m:
        return None
    # room for another machine's run: 2% on a perplexity, fractions in 5% steps and never above 95%
    t = {"val_perplexity": ceil_to(m["val_perplexity"] * 1.02, 0.1), "smoke_train_loss": ceil_to(m["smoke_train_loss"] + 0.1, 0.05)}
    for key in ("closed_fraction", "valid_tunes", "tag_accuracy"):
        if key in m:
            t[key] = min(floor_to(m[key], 0.05), 0.95)
    return t


def catalogue() -> dict:
    measured = json.loads(MEASURED_PATH.read_text(encoding="utf-8")) if MEASURED_PATH.is_file() else {"runs": {}}
    ps = projects()
    for p in ps:
        m = measured["runs"].get(p["id"])
        p["measured"] = m
        p["targets"] = targets(p, m)
    return {"levels": LEVELS, "domains": DOMAINS, "machine": measured.get("machine"), "smoke": SMOKE,
            "site_dir": SITE_DIR, "projects": ps}


def render_all() -> dict[Path, str]:
    from .page import include
    cat = catalogue()
    return {JSON_PATH: json.dumps(cat, indent=1, ensure_ascii=False) + "\n", INCLUDE_PATH: include(cat)}


def python_corpus() -> str:
    """The course's own Python (build_models/ and coursekit/), one file after another."""
    files = sorted(p for d in ("build_models", "coursekit") for p in (ROOT / d).rglob("*.py") if "__pycache__" not in p.parts)
    return "".join(f"# file: {p.relative_to(ROOT)}\n{p.read_text(encoding='utf-8')}\n" for p in files)


def tagged(texts: list[str], tags: str) -> str:
    """Each line of each text behind its source's tag: the conditioning the templates train on."""
    return "".join(tag + line for text, tag in zip(texts, tags) for line in text.splitlines(keepends=True))


def data_files() -> dict[str, str]:
    """The files the build serves under templates/data/: the synthetic tunes and our Python."""
    files = {name: abc.make_tunes(n, styles, seed) for name, (styles, n, seed) in ABC_FILES.items()}
    files[PYTHON_FILE] = python_corpus()
    return files


def build(out: Path) -> list[Path]:
    """Write every project's notebook and script, the data files, and each conditioned project's
    studio text (its sources tagged, as the template tags them) into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "data").mkdir(exist_ok=True)
    written = []
    data = data_files()
    for name, text in data.items():
        (out / "data" / name).write_text(text, encoding="utf-8")
        written.append(out / "data" / name)
    for p in catalogue()["projects"]:  # with the targets our runs met, for the notebook's text
        for path, text in ((out / f"{p['id']}.ipynb", notebook(p)), (out / f"{p['id']}.py", script(p))):
            path.write_text(text, encoding="utf-8")
            written.append(path)
        st = p["studio"]
        if st["url"] and st["url"].endswith("-studio.txt"):
            texts = []
            for s in p["sources"]:
                raw = data[s["file"]] if s["file"] in data else (ROOT / "docs" / s["url"]).read_text(encoding="utf-8")
                texts.append(raw[:p["config"]["max_chars"]])
            path = out / "data" / f"{p['id']}-studio.txt"
            path.write_text(tagged(texts, p["config"]["tags"])[:st["chars"]], encoding="utf-8")
            written.append(path)
    return written
