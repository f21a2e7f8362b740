"""Module 10's project templates (coursekit/capstone_templates): every notebook is valid nbformat 4
and holds exactly its script's code; the model and training code in them is build_models' own;
generated scripts (three projects) and one notebook's cells, run in CPython on a small slice of
their text, reach the loss the catalogue states; the synthetic ABC tunes pass our ABC checker;
the catalogue and the page's table are up to date, and the page quotes no figure of its own."""
from __future__ import annotations

import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from coursekit import capstone_templates as ct
from coursekit.capstone_templates import abc, checks, glue
from coursekit.generated import write_or_check

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs/modules/10-capstone/projects.md"
CAT = json.loads(ct.JSON_PATH.read_text(encoding="utf-8"))
BY_ID = {p["id"]: p for p in CAT["projects"]}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every template and data file, as the site build writes them, with the texts they read beside them."""
    out = tmp_path_factory.mktemp("capstone")
    ct.build(out)
    for f in (out / "data").iterdir():
        shutil.copy(f, out / f.name)
    for f in (ROOT / "docs/data/studio").glob("*.txt"):
        shutil.copy(f, out / f.name)
    return out


def test_the_catalogue_and_the_pages_table_are_up_to_date():
    assert write_or_check(ct.render_all(), True, ROOT) == 0, "run: python -m coursekit.capstone_templates"
    assert len(CAT["projects"]) == 12
    assert {(p["difficulty"], p["domain"]) for p in CAT["projects"]} == {(d, k) for d in CAT["levels"] for k in CAT["domains"]}
    for p in CAT["projects"]:  # every measured project states its targets, and only the custom ones are unmeasured
        assert (p["measured"] is None) == (p["domain"] == "custom"), p["id"]
        if p["measured"]:
            assert p["targets"]["val_perplexity"] >= p["measured"]["val_perplexity"]
            assert p["targets"]["val_perplexity"] < p["measured"]["unigram_perplexity"]  # it learned something


def test_every_notebook_is_nbformat_4_and_its_code_cells_are_the_script(built):
    for p in ct.projects():
        nb = json.loads((built / f"{p['id']}.ipynb").read_text(encoding="utf-8"))
        assert nb["nbformat"] == 4 and nb["nbformat_minor"] >= 4
        assert nb["metadata"]["kernelspec"] == {"display_name": "Python 3", "language": "python", "name": "python3"}
        assert len({c["id"] for c in nb["cells"]}) == len(nb["cells"])
        for c in nb["cells"]:
            assert c["cell_type"] in ("markdown", "code") and isinstance(c["metadata"], dict)
            assert all(isinstance(line, str) for line in c["source"])
            if c["cell_type"] == "code":
                assert c["outputs"] == [] and c["execution_count"] is None
        code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
        script = (built / f"{p['id']}.py").read_text(encoding="utf-8")
        assert "\n\n\n".join(code) + "\n" == script  # one source of truth
        compile(script, f"{p['id']}.py", "exec")


def test_the_model_and_training_code_is_build_models_own(built):
    from build_models import model, train
    own = {"CharRNN": inspect.getsource(model.CharRNN), "get_batch": inspect.getsource(train.get_batch),
           "estimate_loss": inspect.getsource(train.estimate_loss), "get_lr": inspect.getsource(train.get_lr)}
    sections = ct.build_models_sections()
    assert sections["charrnn"] == own["CharRNN"].rstrip("\n")
    assert sections["batch"] == own["get_batch"].rstrip("\n")
    train_text = (ROOT / "build_models/train.py").read_text(encoding="utf-8")
    assert "\n".join("        " + l if l else l for l in sections["step"].split("\n")) in train_text
    for p in ct.projects():
        script = (built / f"{p['id']}.py").read_text(encoding="utf-8")
        for src in own.values():
            assert src in script, p["id"]
        assert "\n".join("    " + l if l else l for l in sections["step"].split("\n")) in script
        assert sections["CELLS"] in script


def test_synthetic_abc_tunes_pass_the_checker_and_broken_ones_do_not():
    text = abc.make_tunes(60, list(abc.STYLES), seed=5)
    tunes = abc.split_tunes(text + "\n")
    assert len(tunes) == 60 and all(abc.check_tune(t) == "" for t in tunes)
    good = tunes[0]
    body = good.split("\nL:1/8\n")[1]
    assert abc.check_tune(good.replace("\nK:", "\nQ:")).startswith("header")
    bar = re.search(r"\|([^|:]+)\|", body).group(1)
    assert "lasts" in abc.check_tune(good.replace(bar, bar + "A", 1))
    assert "not notes" in abc.check_tune(good.replace(bar, bar[:-1] + "!", 1))
    assert abc.note_length("C3/2") == 1.5 and abc.note_length("c/") == 0.5 and abc.note_length("^F,2") == 2
    assert abc.split_tunes("X:1\nT:a\n\nX:2\nT:cut") == ["X:1\nT:a"]  # a tune cut by the sample's end is dropped


def test_the_bracket_check_counts_closed_and_broken_blocks():
    assert checks.closed_blocks("int f(void) { return a[1]; }\nint g() { if (x) { y(); } }") == (2, 0)
    assert checks.closed_blocks('void f() { s = "}"; /* } */ c = \'{\'; }') == (1, 0)
    assert checks.closed_blocks("void f() { a(]; }\nvoid g() { }") == (1, 1)
    assert checks.closed_blocks("void f() { if (a) {") == (0, 0)  # still open at the end: neither
    assert checks.unigram_perplexity("ab" * 50, "ab") == pytest.approx(2.0)


SMOKE_RUNS = ["beginner-text", "intermediate-code", "advanced-music"]  # plain, a check, and conditioning


def run_script(folder: Path, pid: str) -> dict:
    args = [f"--{k}={v}" for k, v in CAT["smoke"].items()]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    p = subprocess.run([sys.executable, f"{pid}.py", *args, "--threads=1", f"--out={pid}-smoke.pt"], cwd=folder,
                       env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr[-3000:]
    assert re.search(r"step 0: train loss [\d.]+, val loss [\d.]+ \(perplexity [\d.]+\)", p.stdout)
    return json.loads(next(l for l in p.stdout.splitlines() if l.startswith("RESULT "))[7:])


@pytest.mark.parametrize("pid", SMOKE_RUNS)
def test_a_generated_script_reaches_the_stated_loss_on_a_small_slice(built, pid):
    r = run_script(built, pid)
    assert r["train_loss"] <= BY_ID[pid]["targets"]["smoke_train_loss"], r
    assert (built / f"{pid}-smoke.pt").is_file()
    if pid == "advanced-music":
        assert 0 <= r["tag_accuracy"] <= 1
    if pid == "intermediate-code":
        assert 0 <= r["closed_fraction"] <= 1


def test_the_notebooks_cells_run_in_order_in_one_namespace(built, monkeypatch):
    """No Jupyter: each code cell exec'd in turn, the config cut to the small run after the config cells."""
    pid = "beginner-music"
    nb = json.loads((built / f"{pid}.ipynb").read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    monkeypatch.chdir(built)
    torch = pytest.importorskip("torch")
    threads = torch.get_num_threads()
    module = types.ModuleType("capstone_notebook")  # a kernel's __main__: dataclasses look their module up
    sys.modules[module.__name__] = module
    ns = module.__dict__
    try:
        exec(compile(code[0], "cell-0", "exec"), ns)
        exec(compile(code[1], "cell-1", "exec"), ns)
        for k, v in {**CAT["smoke"], "threads": 1, "out": f"{pid}-nb.pt"}.items():
            setattr(ns["cfg"], k, v)
        torch.set_num_threads(1)
        for i, cell in enumerate(code[2:], 2):
            exec(compile(cell, f"cell-{i}", "exec"), ns)
    finally:
        torch.set_num_threads(threads)
        del sys.modules[module.__name__]
    assert ns["result"]["train_loss"] <= BY_ID[pid]["targets"]["smoke_train_loss"]
    assert 0 <= ns["result"]["valid_tunes"] <= 1
    assert (built / f"{pid}-nb.pt").is_file()


def test_the_page_quotes_figures_only_from_the_catalogue():
    text = PAGE.read_text(encoding="utf-8")
    assert '--8<-- "docs/includes/generated/capstone-projects.md"' in text
    assert "```widget\nname: project-template\n```" in text
    prose = "\n".join(l for l in text.split("\n")[1:] if not l.startswith("--8<--"))
    prose = re.sub(r"\]\([^)]*\)", "]", prose)  # link targets
    prose = re.sub(r"(?m)^\d+\. ", "", prose)  # numbered lists
    allowed = set(re.findall(r"\d+(?:\.\d+)?", json.dumps(CAT["levels"])))
    quoted = set(re.findall(r"(?<![\w.])\d+(?:\.\d+)?", prose))
    assert quoted <= allowed, f"figures typed by hand: {sorted(quoted - allowed)}"
    table = ct.INCLUDE_PATH.read_text(encoding="utf-8")
    for p in CAT["projects"]:
        if p["measured"]:
            assert f"perplexity {p['measured']['val_perplexity']:.2f} (target < {p['targets']['val_perplexity']:.1f})" in table


def test_the_build_writes_the_templates_and_caches_them_lazily():
    assert "$(PY) -m coursekit.capstone_templates site/modules/10-capstone/templates" in (ROOT / "Makefile").read_text()
    assert r"/^modules\/10-capstone\/templates\//" in (ROOT / "widgets/offline.mjs").read_text()
    assert glue.CHECKS.keys() >= {ct.check_of(p["difficulty"], p["domain"]) for p in CAT["projects"]}


import jsunit  # noqa: E402  (the selector's pure logic, tests/js/project-template.test.ts, in Node)

JS_TESTS = jsunit.source("project-template")


def test_every_js_case_was_found():
    jsunit.assert_cases_unique(jsunit.cases(JS_TESTS), at_least=5)


def test_project_template_logic(js_results, js_case):
    jsunit.assert_passed(js_results, js_case)
