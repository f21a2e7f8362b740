"""Module 9: every number its worked examples show is recomputed here, its Python runs,
and the PyTorch code it shows really is build_models' code (the snippet includes resolve).

The parsing helpers (example blocks, numbers as the page formats them) are those of
tests/worked_examples.py, imported; see its docstring for the rules.
"""
from __future__ import annotations

import json
import math
import re
import textwrap
import types
from pathlib import Path

import markdown
import numpy as np
import pytest

import coursekit.grader  # noqa: F401  (registers `grader`, which the labs' checks import)
from worked_examples import assert_example_numbers, blocks, python_blocks, registers_in, time_numbers

ROOT = Path(__file__).resolve().parent.parent
MODULE9 = ROOT / "docs" / "modules" / "09-implementation"
LABS = ROOT / "docs" / "labs"
GRID = ROOT / "docs" / "data" / "grid-names.json"

EXAMPLES = {}
example = registers_in(EXAMPLES)


def lab_module(lab: str, name: str) -> types.ModuleType:
    """A lab file (checks.py, starter.py, …) run as a module."""
    module = types.ModuleType(f"{lab}_{name}")
    exec(compile((LABS / lab / name).read_text(encoding="utf-8"), str(LABS / lab / name), "exec"), module.__dict__)
    return module


def lines_of_code(text: str) -> int:
    """Non-blank lines that are not comments (how the track comparison counts)."""
    return sum(1 for line in text.splitlines() if line.strip() and not line.strip().startswith("#"))


def section(path: Path, name: str) -> str:
    """The lines between `--8<-- [start:name]` and `--8<-- [end:name]` of a source file, dedented."""
    text = path.read_text(encoding="utf-8")
    m = re.search(rf"^[^\n]*--8<-- \[start:{name}\][^\n]*\n(.*?)^[^\n]*--8<-- \[end:{name}\]", text, re.S | re.M)
    assert m, f"no section {name!r} in {path}"
    return textwrap.dedent(m.group(1))


def track_c_code() -> str:
    page = (MODULE9 / "tracks.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- track-c -->\n```python\n(.*?)^```", page, re.S | re.M)
    assert m, "the Track C code block is not marked <!-- track-c --> in tracks.md"
    return m.group(1)


# --------------------------------------------------------------------------
# The examples
# --------------------------------------------------------------------------
@example
def module9_time():
    return time_numbers([5, 20, 25, 15, 90, 10])


@example
def track_lines():
    a = lines_of_code((LABS / "train_char_rnn" / "solution.py").read_text(encoding="utf-8"))
    b = sum(lines_of_code(section(ROOT / "build_models" / f, s))
            for f, s in [("model.py", "charrnn"), ("train.py", "batch"), ("train.py", "step")])
    return [a, b, lines_of_code(track_c_code())]


@example
def bptt_sum():
    parts = [0.05, 0.3, 0.1, 0.2, 0.15]
    total = sum(parts)
    return [len(parts)] + parts + parts + [total, 0.1, 0.1 * total]


@example
def repeated_factor():
    out = []
    for f in (1.1, 0.9):
        out += [f, 10, f, 10, f ** 10, 50, f, 50, f ** 50]
    return out


@example
def truncated_bptt():
    n, w = 1000, 50
    windows = n // w
    return [w, n, w, 1, windows, 1, windows, n, w, n - 1, w - 1, windows, w - 1]


@example
def clipping():
    g = np.array([60.0, -80.0])
    norm = float(np.linalg.norm(g))
    tau = 5.0
    scale = tau / norm
    clipped = g * scale
    entry = np.clip(g, -tau, tau)
    angle = math.degrees(math.acos(g @ entry / (norm * np.linalg.norm(entry))))
    return ([norm, *g, 60, 2, 80, 2, norm, tau, tau, norm, scale, *clipped, np.linalg.norm(clipped),
             -tau, tau, *entry, angle])


@example
def ln_v():
    bug2 = len(set(lab_module("bug_stuck_loss", "checks.py").TEXT))
    lab4 = len(set(lab_module("train_char_rnn", "checks.py").TEXT))
    out = [10, 2.3]
    for v in (10, 27, bug2, lab4, 65):
        out += [v, math.log(v)]
    return out


@example
def loss_lab_check():
    compute_loss = lab_module("compute_loss", "solution.py").compute_loss
    return [8, 8, compute_loss(np.zeros((5, 8)), np.array([0, 3, 7, 1, 2]))]


@example
def train_lab_numbers():
    checks = lab_module("train_char_rnn", "checks.py")
    meta = json.loads((LABS / "train_char_rnn" / "lab.json").read_text())
    text, seq = checks.TEXT, 25
    windows = (len(text) - (seq + 1)) // seq + 1  # starts 0, 25, … while a window and its target fit
    v = len(set(text))
    return [len(text), v, v, math.log(v), checks.ITERATIONS, seq, checks.ITERATIONS / windows, windows,
            checks.TARGET_WINDOW, checks.TARGET_LOSS, meta["time_limit_s"]]


@example
def nan_symptom():
    starter = lab_module("bug_nan_loss", "starter.py")
    text = lab_module("bug_nan_loss", "checks.py").TEXT
    with np.errstate(all="ignore"):
        losses = starter.train(text, 300)["losses"]
    # The page: four finite losses, inf, finite, inf, finite, then nan from the ninth on.
    assert [math.isinf(x) for x in losses[:8]] == [False] * 4 + [True, False, True, False], losses[:8]
    assert all(math.isnan(x) for x in losses[8:]), losses[8:12]
    checks = lab_module("bug_nan_loss", "checks.py")
    return [starter.LEARNING_RATE] + losses[:4] + [losses[5], losses[7], checks.ITERATIONS, checks.TARGET_LOSS]


@example
def stuck_symptom():
    starter = lab_module("bug_stuck_loss", "starter.py")
    checks = lab_module("bug_stuck_loss", "checks.py")
    losses = starter.train(checks.TEXT, checks.ITERATIONS)["losses"]
    return [checks.ITERATIONS, float(np.mean(losses[-50:])), len(set(checks.TEXT)), checks.TARGET_LOSS,
            checks.ITERATIONS]


@example
def review_numbers():
    """The review's three numeric questions: a clipped gradient, Bug hunt 1's losses, ln V for Tiny Shakespeare."""
    norm, tau = 100, 5
    starter = lab_module("bug_nan_loss", "starter.py")
    with np.errstate(all="ignore"):
        losses = starter.train(lab_module("bug_nan_loss", "checks.py").TEXT, 8)["losses"]
    assert all(math.isfinite(x) for x in losses[:4]) and math.isinf(losses[4]), losses
    v = json.loads((ROOT / "pretrained" / "tinyshakespeare" / "meta.json").read_text())["architecture"]["vocab_size"]
    return [norm, tau, tau, norm, tau / norm, tau, *losses[:4], math.log(v), v, v, math.log(v)]


@example
def bptt_site_clip():
    from build_models.config import load_config
    clips = {load_config(name).grad_clip for name in ("names", "tinyshakespeare")}
    assert len(clips) == 1, clips
    return [clips.pop()]


@example
def lab4_text_size():
    """Tracks page: Lab 4's training text, in kilobytes (10^3 characters, all ASCII)."""
    text = lab_module("train_char_rnn", "checks.py").TEXT
    assert text.isascii()
    return [4, len(text) / 1000]  # "Lab 4", then the size


@example
def site_models():
    """The training settings of the shipped models, read from their presets and meta.json."""
    from build_models.config import load_config
    # the character models (the translators have presets of their own, build_models/translate)
    ids = sorted(p.parent.name for p in (ROOT / "pretrained").glob("*/meta.json")
                 if json.loads(p.read_text())["kind"].startswith("char-"))
    cfgs = {name: load_config(name) for name in ids}
    assert {c.cell for name, c in cfgs.items() if "-" not in name} == {"lstm"}, "the main models are LSTMs"
    assert len({c.grad_clip for c in cfgs.values()}) == 1
    rates = sorted({c.learning_rate for c in cfgs.values()})
    drop = {name: c.dropout for name, c in cfgs.items()}
    assert drop["latex"] == drop["linux"] == min(drop.values()) and drop["tinyshakespeare"] == max(drop.values())
    metas = {m: json.loads((ROOT / "pretrained" / m / "meta.json").read_text()) for m in ("latex", "linux", "tinyshakespeare")}
    passes = {m: meta["training"]["epochs"] for m, meta in metas.items()}
    shape = {(metas[m]["architecture"]["layers"], metas[m]["architecture"]["hidden"]) for m in ("latex", "linux")}
    assert len(shape) == 1, "the page names one shape for the LaTeX and C models"
    (layers, hidden), = shape
    few = sorted(round(passes[m]) for m in ("latex", "linux"))
    sizes = sorted({c.n_hidden for c in cfgs.values()})
    return [rates[0], rates[-1], cfgs["names"].grad_clip, min(drop.values()), max(drop.values()),
            drop["latex"], layers, hidden, few[0], few[-1], drop["tinyshakespeare"], cfgs["tinyshakespeare"].n_hidden,
            round(passes["tinyshakespeare"]), sizes[0], sizes[-1]]


@example
def grid_best():
    grid = json.loads(GRID.read_text())
    best = min(grid["runs"], key=lambda r: r["final_val_loss"])
    assert best["learning_rate"] == grid["best"]["learning_rate"] and best["n_hidden"] == grid["best"]["n_hidden"]
    rates = sorted(grid["learning_rates"])
    return [best["learning_rate"], best["n_hidden"], best["final_val_loss"], grid["iters"],
            row_winner(grid), rates[0], rates[-1]]


def row_winner(grid) -> float:
    """The learning rate with the lowest validation loss in every row (the page says there is one)."""
    winners = {min((r for r in grid["runs"] if r["n_hidden"] == n), key=lambda r: r["final_val_loss"])["learning_rate"]
               for n in grid["hidden_sizes"]}
    assert len(winners) == 1, f"rows disagree on the best learning rate: {winners}"
    return winners.pop()


# --------------------------------------------------------------------------
# The tests
# --------------------------------------------------------------------------
def module_pages() -> list[Path]:
    return sorted(MODULE9.glob("*.md"))


def test_every_module9_block_is_computed_here():
    ids = [i for i, _, _ in blocks(module_pages())]
    assert sorted(ids) == sorted(EXAMPLES), "example blocks of Module 9 and computations here differ"


@pytest.mark.parametrize("example_id", sorted(EXAMPLES))
def test_module9_worked_example_numbers(example_id):
    assert_example_numbers(example_id, EXAMPLES, module_pages())


def test_grid_claims_hold():
    """The sentences around the grid's numbers: the largest model gains most at the best learning rate,
    and each extreme learning rate loses to the middle one in every row."""
    grid = json.loads(GRID.read_text())
    loss = {(r["learning_rate"], r["n_hidden"]): r["final_val_loss"] for r in grid["runs"]}
    small, large = min(grid["hidden_sizes"]), max(grid["hidden_sizes"])
    gains = {lr: loss[lr, small] - loss[lr, large] for lr in grid["learning_rates"]}
    assert max(gains, key=gains.get) == row_winner(grid), gains
    for r in grid["runs"]:
        assert r["curve"][0]["iter"] == 0 and r["curve"][-1]["iter"] == grid["iters"]
        assert r["final_val_loss"] == r["curve"][-1]["val_loss"]


# Included build_models code is tested by the snippet test below; Track C needs
# transformers and a download, and runs outside the browser (the page says so).
MODULE9_CODE = [(page, line, code) for page, line, code in python_blocks(module_pages())
                if "--8<--" not in code and "transformers" not in code]


@pytest.mark.parametrize("page,line,code", MODULE9_CODE, ids=[f"{p}:{n}" for p, n, _ in MODULE9_CODE])
def test_module9_python_code_blocks_run(page, line, code):
    exec(compile(code, f"{page}:{line}", "exec"), {"__name__": "__docs__"})


def test_track_b_code_is_included_from_build_models():
    """The snippet includes resolve (as mkdocs.yml configures them) to build_models' current code."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r'base_path: \[docs/includes, "\."\]', config), "mkdocs.yml no longer lets pages include files"
    page = (MODULE9 / "tracks.md").read_text(encoding="utf-8")
    includes = re.findall(r'^--8<-- "([^":]+):(\w+)"$', page, re.M)
    assert {(f, s) for f, s in includes} == {("build_models/model.py", "charrnn"), ("build_models/train.py", "batch"),
                                             ("build_models/train.py", "step")}
    html = markdown.markdown(page, extensions=["pymdownx.snippets", "fenced_code"], extension_configs={
        "pymdownx.snippets": {"base_path": [str(ROOT / "docs" / "includes"), str(ROOT)], "check_paths": True,
                              "dedent_subsections": True}})
    assert "--8<--" not in html
    for path, name in includes:
        code = section(ROOT / path, name)
        escaped = (code.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                   .replace('"', "&quot;").rstrip("\n"))
        assert escaped in html, f"{path}:{name} is not shown verbatim on the Track B page"
    assert "clip_grad_norm_" in html and "class CharRNN(nn.Module):" in html
