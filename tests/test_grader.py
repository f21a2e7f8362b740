"""The grader (coursekit/grader.py), its CLI (python -m coursekit.grade), and the grader in Pyodide."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from coursekit import grader
from coursekit.grader import NONE_MESSAGE, ChecksError, Fail, expect_close, expect_shape, grade, show
from coursekit.labs import LABS_DIR, ROOT, lab_folders, load_lab
from conftest import missing

# A toy lab: `double(x)` returns 2 * x. One public check, one hidden, one diagnosis.
CHECKS = textwrap.dedent('''
    import numpy as np
    from grader import check, diagnose, expect_close

    @check("doubles a vector")
    def doubles_a_vector(double):
        x = np.array([1.0, 2.0, 3.0])
        got = double(x)
        expect_close(got, 2 * x)  # x itself: the grader must have passed a copy

    @check("doubles a matrix", public=False)
    def doubles_a_matrix(double):
        x = np.array([[1.0, 2.0], [3.0, 4.0]])
        expect_close(double(x), 2 * x)

    @diagnose
    def added_instead(double):
        if np.allclose(double(np.array([3.0])), [5.0]):
            return "You added 2 instead of multiplying by 2."
        return None
''')


def learner(body: str) -> str:
    return textwrap.dedent(body).lstrip("\n")


def run(source: str, include_hidden: bool = True) -> dict:
    return grade(learner(source), CHECKS, include_hidden=include_hidden, entry="double")


def check_named(result: dict, name: str) -> dict:
    return next(c for c in result["checks"] if c["name"] == name)


# ---------------------------------------------------------------- grade()

def test_correct_code_passes():
    result = run("def double(x):\n    return 2 * x\n")
    assert (result["status"], result["passed"], result["total"]) == ("passed", 2, 2)


def test_result_is_json_serialisable():
    result = run("def double(x):\n    return x + 2\n")
    assert json.loads(json.dumps(result)) == result


def test_hidden_checks_run_only_with_include_hidden():
    source = "def double(x):\n    return 2 * x\n"
    public = [c["name"] for c in run(source, include_hidden=False)["checks"]]
    everything = [c["name"] for c in run(source, include_hidden=True)["checks"]]
    assert (public, everything) == (["doubles a vector"], ["doubles a vector", "doubles a matrix"])


def test_traceback_line_numbers_are_the_learners_own():
    result = run('''
        import numpy as np

        def double(x):
            if x.ndim == 2:
                raise ValueError("matrices are not supported")
            return 2 * x
    ''')
    error = check_named(result, "doubles a matrix")["error"]
    assert error["line"] == 5 and 'File "<your code>", line 5, in double' in error["traceback"]


def test_traceback_keeps_the_exception_as_its_last_line():
    result = run("def double(x):\n    raise ValueError('no')\n")
    traceback = check_named(result, "doubles a vector")["error"]["traceback"]
    assert traceback.splitlines()[-1] == "ValueError: no"


def test_traceback_shows_no_grader_frames():
    result = run("import numpy as np\n\ndef double(x):\n    return np.sum(x, axis=5)\n")
    traceback = check_named(result, "doubles a vector")["error"]["traceback"]
    files = [line for line in traceback.splitlines() if line.strip().startswith("File ")]
    assert files == ['  File "<your code>", line 4, in double']


def test_exception_in_one_check_leaves_the_others_running():
    result = run("def double(x):\n    assert x.ndim == 1\n    return 2 * x\n")
    statuses = [c["status"] for c in result["checks"]]
    assert (result["status"], statuses) == ("failed", ["pass", "error"])


def test_error_check_shows_the_input_it_was_called_with():
    result = run("def double(x):\n    assert x.ndim == 1\n    return 2 * x\n")
    assert check_named(result, "doubles a matrix")["input"] == "x = [[1., 2.],\n     [3., 4.]]"


def test_syntax_error_reports_its_line():
    result = run("def double(x):\n    y = 2 * x\n    return y +\n")
    assert (result["status"], result["error"]["type"], result["error"]["line"]) == ("error", "SyntaxError", 3)


def test_exception_at_import_is_an_error_at_its_line():
    result = run("import numpy as np\n\nSCALE = np.array([1, 2]) @ np.array([1, 2, 3])\n")
    assert (result["status"], result["error"]["line"]) == ("error", 3)


def test_missing_entry_function_is_an_error():
    result = run("def twice(x):\n    return 2 * x\n")
    assert result["status"] == "error" and "`double`" in result["error"]["message"]


@pytest.mark.parametrize("where", ["in the function", "at import"])
def test_keyboard_interrupt_propagates(where):
    source = ("def double(x):\n    raise KeyboardInterrupt\n" if where == "in the function"
              else "raise KeyboardInterrupt\n")
    with pytest.raises(KeyboardInterrupt):
        run(source)


def test_interrupted_check_is_named_in_a_note():
    with pytest.raises(KeyboardInterrupt) as raised:
        run("def double(x):\n    raise KeyboardInterrupt\n")
    assert "doubles a vector" in "".join(raised.value.__notes__)


def test_error_info_finds_the_learners_line_of_an_interrupt():
    source = "def double(x):\n    while True:\n        raise KeyboardInterrupt\n"
    with pytest.raises(KeyboardInterrupt) as raised:
        run(source)
    assert grader.error_info(raised.value, source)["line"] == 3


def test_system_exit_is_an_error_not_an_exit():
    result = run("import sys\n\ndef double(x):\n    sys.exit(1)\n")
    assert check_named(result, "doubles a vector")["status"] == "error"


def test_none_result_gets_the_return_message():
    result = run("def double(x):\n    2 * x\n")
    assert check_named(result, "doubles a vector")["message"] == NONE_MESSAGE


def test_none_result_puts_the_return_message_into_feedback():
    result = run("def double(x):\n    2 * x\n")
    assert result["feedback"] == [NONE_MESSAGE]


def test_diagnosis_reaches_the_failing_check():
    result = run("def double(x):\n    return x + 2\n")
    assert check_named(result, "doubles a vector")["feedback"] == "You added 2 instead of multiplying by 2."


def test_diagnosis_reaches_the_summary():
    result = run("def double(x):\n    return x + 2\n")
    assert result["feedback"] == ["You added 2 instead of multiplying by 2."]


def test_diagnoses_stay_silent_when_every_check_passes():
    checks = CHECKS + "\n@diagnose\ndef always(double):\n    return 'always'\n"
    result = grade("def double(x):\n    return 2 * x\n", checks, include_hidden=True, entry="double")
    assert result["feedback"] == []


def test_diagnosis_that_raises_does_not_apply():
    checks = CHECKS.replace("if np.allclose", "if 1 / 0 or np.allclose")
    result = grade("def double(x):\n    return x + 2\n", checks, include_hidden=True, entry="double")
    assert result["feedback"] == []


IN_PLACE = "Your double changed its input `x` in place; work on a copy (x = x.copy()) or build a new array"


def test_changing_an_input_in_place_fails_and_names_the_argument():
    # `x *= 2` doubles correctly, but the caller's array is doubled too.
    result = run("def double(x):\n    x *= 2\n    return x\n")
    vector = check_named(result, "doubles a vector")
    assert result["status"] == "failed" and vector["status"] == "fail"
    assert vector["message"].startswith(IN_PLACE) and vector["feedback"].startswith(IN_PLACE)
    assert vector["input"] == "x = [1., 2., 3.]"  # the values the learner was given, not the changed ones


def test_changed_input_reaches_the_summary_feedback_past_the_diagnoses():
    checks = CHECKS + "\n@diagnose\ndef always(double):\n    return 'a diagnosis'\n"
    result = grade("def double(x):\n    x *= 2\n    return x\n", checks, include_hidden=True, entry="double")
    assert result["feedback"][0] == "a diagnosis" and any(m.startswith(IN_PLACE) for m in result["feedback"])


def test_learner_cannot_spoil_a_checks_input_in_place():
    # The check still computes its expected value from its own, unchanged x.
    result = run("def double(x):\n    x *= 2\n    return x\n")
    assert "first mismatch" not in check_named(result, "doubles a vector")["message"]


@pytest.mark.parametrize("body, name, fix", [
    ("xs.append(0)\n    return len(xs)", "xs", "xs = list(xs)"),
    ("xs.sort()\n    return len(xs)", "xs", "xs = list(xs)"),
    ("d['w'] = 0\n    return len(xs)", "d", "d = dict(d)"),
    ("d['a'] += 1\n    return len(xs)", "d", "d = dict(d)"),
    ("pair[0][0] = 9\n    return len(xs)", "pair", "copies of what is inside it"),
])
def test_changed_lists_dicts_and_arrays_inside_them_are_named(body, name, fix):
    checks = ("import numpy as np\nfrom grader import check\n\n@check('counts')\ndef counts(count):\n"
              "    count([3, 1, 2], {'a': np.ones(2)}, (np.zeros(2), 1))\n")
    result = grade(f"def count(xs, d, pair):\n    {body}\n", checks, include_hidden=True, entry="count")
    message = result["checks"][0]["message"]
    assert f"changed its input `{name}` in place" in message and fix in message


def test_a_check_that_catches_every_exception_still_fails_a_changed_input():
    checks = ("import numpy as np\nfrom grader import check\n\n@check('does not crash')\ndef runs(f):\n"
              "    try:\n        f(np.ones(2))\n    except Exception:\n        pass\n")
    result = grade("def f(x):\n    x[0] = 5\n", checks, include_hidden=True, entry="f")
    assert "changed its input `x` in place" in result["checks"][0]["message"]


@pytest.mark.parametrize("source", [
    "def f(x, rng, report):\n    rng.random()\n    report(1, 0.5)\n    return x.copy()\n",  # advancing rng is fine
    "import numpy as np\n\ndef f(x, rng, report):\n    return np.nan_to_num(x)\n",  # a NaN equals its copy
])
def test_unchanged_inputs_are_not_flagged(source):
    checks = ("import numpy as np\nfrom grader import check\n\n@check('runs')\ndef runs(f):\n"
              "    f(np.array([1.0, np.nan]), np.random.default_rng(0), lambda *a: None)\n")
    assert grade(source, checks, include_hidden=True, entry="f")["status"] == "passed"


def test_diagnoses_do_not_judge_changed_inputs():
    checks = CHECKS.replace("if np.allclose(double(np.array([3.0])), [5.0]):",
                            "if np.allclose(double(np.array([3.0])), [5.0]) or True:")
    result = grade("def double(x):\n    x += 2\n    return x\n", checks, include_hidden=True, entry="double")
    assert result["feedback"][0] == "You added 2 instead of multiplying by 2."


def test_entry_defaults_to_the_checks_entry_constant():
    result = grade("def double(x):\n    return 2 * x\n", "ENTRY = 'double'\n" + CHECKS, include_hidden=True)
    assert result["status"] == "passed"


def test_checks_without_any_check_raise_checks_error():
    with pytest.raises(ChecksError, match="no @check"):
        grade("def double(x):\n    return x\n", "import numpy\n", include_hidden=True, entry="double")


def test_checks_with_a_syntax_error_raise_checks_error():
    with pytest.raises(ChecksError, match="could not be loaded"):
        grade("def double(x):\n    return x\n", "def oops(:\n", include_hidden=True, entry="double")


def test_checks_import_the_grader_by_its_browser_name():
    import grader as by_browser_name  # registered by coursekit.grader on import
    assert by_browser_name is grader


# ---------------------------------------------------------------- comparison helpers

def fail_message(got, expected, **options) -> str:
    with pytest.raises(Fail) as raised:
        expect_close(got, expected, **options)
    return raised.value.message


def test_first_mismatching_index_is_reported():
    expected = np.array([[0.1, 0.2], [0.2315, 0.4]])
    got = np.array([[0.1, 0.2], [0.642, 0.9]])
    assert fail_message(got, expected).startswith("first mismatch at index (1, 0): expected 0.2315, got 0.6420")


def test_mismatch_in_a_vector_names_a_plain_index():
    assert "at index 2:" in fail_message(np.array([1.0, 2.0, 4.0]), np.array([1.0, 2.0, 3.0]))


def test_mismatch_counts_the_values_that_differ():
    assert "(2 of 3 values differ)" in fail_message(np.array([0.0, 2.0, 0.0]), np.array([1.0, 2.0, 3.0]))


def test_shape_is_compared_before_values():
    assert fail_message(np.zeros((2, 1)), np.zeros(2)) == "wrong shape: expected (2,), got (2, 1)"


def test_dtype_is_compared_when_asked():
    assert fail_message(np.arange(3), np.arange(3.0), check_dtype=True) == "wrong dtype: expected float64, got int64"


def test_dtype_is_ignored_unless_asked():
    expect_close(np.arange(3), np.arange(3.0))


def test_nan_never_matches_a_number():
    assert "got nan" in fail_message(np.array([np.nan]), np.array([1.0]))


def test_scalars_are_compared_with_tolerance():
    expect_close(1.0 + 1e-12, 1.0)
    assert fail_message(0.5, 1.0) == "expected 1.0000, got 0.5000"


def test_array_where_a_number_is_expected_is_named():
    assert fail_message(np.array([1.0]), 1.0) == "expected a single number, got an array of dtype float64 and shape (1,)"


def test_close_numbers_are_shown_with_enough_digits_to_differ():
    assert fail_message(0.231512, 0.231519) == "expected 0.23152, got 0.23151"


def test_non_numeric_result_is_named():
    with pytest.raises(Fail, match="expected an array of shape \\(2,\\), got a str"):
        expect_shape("[1, 2]", (2,))


def test_large_arrays_are_shown_truncated():
    text = show(np.arange(1000.0))
    assert "..." in text and "(shape (1000,))" in text and len(text) < 200


# ---------------------------------------------------------------- the CLI

def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "coursekit.grade", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout)


def lab_with_time_limit(tmp_path: Path, seconds: float) -> Path:
    folder = tmp_path / "softmax"
    shutil.copytree(LABS_DIR / "softmax", folder)
    meta = json.loads((folder / "lab.json").read_text())
    (folder / "lab.json").write_text(json.dumps({**meta, "time_limit_s": seconds}))
    return folder


def test_cli_exits_zero_for_the_solution():
    assert cli("softmax", "docs/labs/softmax/solution.py").returncode == 0


def test_cli_exits_nonzero_for_the_starter():
    assert cli("softmax", "docs/labs/softmax/starter.py").returncode == 1


def test_cli_prints_one_line_per_check():
    out = cli("rnn_step", "docs/labs/rnn_step/solution.py").stdout
    total = load_lab(LABS_DIR / "rnn_step").grade("", include_hidden=True)["total"]
    assert out.count("  ✓ ") == total and f"{total}/{total} checks passed" in out


def test_cli_prints_the_feedback_of_a_mistake():
    out = cli("rnn_step", "docs/labs/rnn_step/mistakes/forgot_bias.py").stdout
    assert "feedback: You left out the bias bh" in out


def test_cli_public_only_skips_hidden_checks():
    out = cli("softmax", "docs/labs/softmax/mistakes/no_max_subtraction.py", "--public-only")
    assert out.returncode == 0 and "[hidden]" not in out.stdout


def test_cli_accepts_a_lab_folder():
    assert cli(str(LABS_DIR / "softmax"), "docs/labs/softmax/solution.py").returncode == 0


def test_cli_unknown_lab_exits_two():
    assert cli("no_such_lab", "docs/labs/softmax/solution.py").returncode == 2


def test_cli_help_describes_the_arguments():
    out = cli("--help").stdout
    assert "LAB" in out and "FILE" in out and "--public-only" in out


def test_cli_stops_an_infinite_loop_within_the_time_limit(tmp_path):
    folder = lab_with_time_limit(tmp_path, 1)
    (tmp_path / "loop.py").write_text("def softmax(y):\n    while True:\n        pass\n")
    result = cli(str(folder), str(tmp_path / "loop.py"))
    assert result.returncode == 1 and "time limit of 1 s" in result.stdout
    # Stopped by the child's own timer at the limit (it names the line), not by the parent's kill
    # (STARTUP_GRACE_S later): which path was taken, not how long it took, so a slow machine passes.
    assert "It was at line 2 of your file" in result.stdout


def test_cli_kills_code_that_swallows_the_interrupt(tmp_path):
    folder = lab_with_time_limit(tmp_path, 1)
    (tmp_path / "stubborn.py").write_text(
        "def softmax(y):\n    while True:\n        try:\n            while True:\n                pass\n"
        "        except KeyboardInterrupt:\n            pass\n")
    result = cli(str(folder), str(tmp_path / "stubborn.py"))
    assert result.returncode == 1 and "time limit" in result.stdout
    # The parent killed it (the child's timer was swallowed, so no line is named).
    assert "It was at line" not in result.stdout and "never becomes false" in result.stdout


# ---------------------------------------------------------------- Pyodide

PYODIDE = ROOT / "node_modules" / "pyodide"
NUMPY_WHEELS = sorted((ROOT / "vendor" / "pyodide").glob("numpy-*.whl"))
NODE_SCRIPT = """
// argv: indexURL wheel grader.py cases.json out.json; writes {"version", "results"} as JSON to out.json
// (a file, not stdout: nothing Pyodide or Node may print can get mixed into it)
import { readFileSync, writeFileSync } from "node:fs";
const [indexURL, wheel, graderPath, casesPath, outPath] = process.argv.slice(2);
const { loadPyodide } = await import(indexURL + "pyodide.mjs");
const py = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
await py.loadPackage(wheel, { messageCallback: () => {} });
py.FS.writeFile("/home/pyodide/grader.py", readFileSync(graderPath, "utf8"));
py.globals.set("cases_json", readFileSync(casesPath, "utf8"));
writeFileSync(outPath, py.runPython(`
import json, sys
sys.path.insert(0, "/home/pyodide")
import grader
results = [grader.grade(c["source"], c["checks"], include_hidden=True, entry=c["entry"])
           for c in json.loads(cases_json)]
json.dumps({"version": sys.version, "results": results})
`));
"""


def summary(result: dict) -> dict:
    """What must agree between CPython and Pyodide (error texts may differ between versions)."""
    return {"status": result["status"], "passed": result["passed"], "feedback": result["feedback"],
            "checks": [(c["name"], c["status"]) for c in result["checks"]]}


# Labs whose checks train a network (seconds each in CPython, about five times that in Pyodide): the
# comparison grades their first mistake only, not every file. Their solutions are graded in
# Pyodide already, by the same grader in Chromium's Pyodide of the same version (test_lab_browser.py
# types each lab's solution into its page and every check must pass); their other files run in
# CPython (test_labs.py).
TRAINING_LABS = {"train_char_rnn", "bug_nan_loss", "bug_stuck_loss"}


def pyodide_sources(lab) -> list[str]:
    """The files of `lab` the Pyodide comparison grades."""
    if lab.id in TRAINING_LABS:
        return [lab.mistakes[0].source]
    return [lab.solution, lab.starter, *(m.source for m in lab.mistakes)]


def test_the_training_labs_exist_so_the_pyodide_comparison_skips_only_real_files():
    assert TRAINING_LABS <= {f.name for f in lab_folders()}


def test_grader_gives_the_same_results_in_pyodide(tmp_path):
    if not (shutil.which("node") and PYODIDE.is_dir() and NUMPY_WHEELS):
        missing("needs node, node_modules/pyodide and the vendored NumPy wheel")
    labs = [load_lab(folder) for folder in lab_folders()]
    cases = [{"source": source, "checks": lab.checks, "entry": lab.entry}
             for lab in labs for source in pyodide_sources(lab)]
    (tmp_path / "cases.json").write_text(json.dumps(cases))
    (tmp_path / "run.mjs").write_text(NODE_SCRIPT)
    out = tmp_path / "out.json"
    done = subprocess.run(["node", str(tmp_path / "run.mjs"), f"{PYODIDE}/", str(NUMPY_WHEELS[0]),
                           str(ROOT / "coursekit" / "grader.py"), str(tmp_path / "cases.json"), str(out)],
                          capture_output=True, text=True, timeout=900)  # 131 cases: ~20 s idle, far more on a loaded machine
    assert done.returncode == 0 and out.is_file(), (done.stdout[-2000:], done.stderr[-2000:])
    in_pyodide = json.loads(out.read_text())
    assert in_pyodide["version"].startswith("3.12")
    in_cpython = [grade(c["source"], c["checks"], include_hidden=True, entry=c["entry"]) for c in cases]
    assert [summary(r) for r in in_pyodide["results"]] == [summary(r) for r in in_cpython]
