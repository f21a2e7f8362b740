"""The one runner of TypeScript in Node for the tests: the files of tests/js (harness.ts).

A tests/js/<name>.test.ts file registers `test("...", fn)` cases and ends with
harness.ts's `runTests()`, which prints one JSON line {case: null | "failure message"}.
A test module names the file `JS_TESTS`; conftest.py then runs it once for the
module (the `js_results` fixture) and turns a `js_case` argument into one test
per case:

    JS_TESTS = jsunit.source("module9")

    def test_module9_widget_logic(js_results, js_case):
        jsunit.assert_passed(js_results, js_case)

A tests/js/<name>.values.ts file computes what the widgets' code gives for chosen
inputs and ends with `printValues(...)`; a test module that names it `JS_VALUES`
gets that JSON once for the module (the `js_values` fixture) to compare with its
own NumPy references:

    JS_VALUES = jsunit.values_source("module3")

    def test_gate_playground_matches_the_numpy_cell(js_values): ...
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
JS_DIR = ROOT / "tests" / "js"
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"


def source(name: str) -> Path:
    """tests/js/<name>.test.ts."""
    return JS_DIR / f"{name}.test.ts"


def values_source(name: str) -> Path:
    """tests/js/<name>.values.ts."""
    return JS_DIR / f"{name}.values.ts"


def cases(path: Path) -> list[str]:
    """The names of the `test("...")` cases of a tests/js file, in file order."""
    return re.findall(r'^test\("([^"]+)"', path.read_text(encoding="utf-8"), re.MULTILINE)


# Bundling and running a file takes a second or two; the limits only catch a hung Node, with room
# for a machine that make test's workers (and others) keep busy.
TIMEOUT_S = 300


def _last_json_line(path: Path, out_dir: Path, ends_with: str):
    """Bundle the tests/js file `path` with esbuild (into `out_dir`), run it in Node, and return the
    last line it printed, parsed as JSON."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (make deps installs the npm packages it runs)")
    bundle = out_dir / (path.name.removesuffix(".ts") + ".mjs")
    subprocess.run([str(ESBUILD), str(path), "--bundle", "--format=esm", "--platform=node",
                    f"--outfile={bundle}", "--log-level=warning"], check=True, cwd=ROOT, timeout=TIMEOUT_S)
    proc = subprocess.run([node, str(bundle)], capture_output=True, text=True, timeout=TIMEOUT_S)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines, f"{path.name} printed nothing: does it end with {ends_with}?"
    return json.loads(lines[-1])


def run(path: Path, out_dir: Path) -> dict[str, str | None]:
    """Run a tests/js/*.test.ts file: {case: None when it passed, else its failure message}."""
    return _last_json_line(path, out_dir, "runTests()")


def values(path: Path, out_dir: Path):
    """Run a tests/js/*.values.ts file: the values it printed (printValues)."""
    return _last_json_line(path, out_dir, "printValues(...)")


def assert_cases_unique(names: list[str], at_least: int) -> None:
    """The case list was read (at least `at_least` cases) and no two cases share a name."""
    assert len(names) >= at_least, f"only {len(names)} cases found"
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert not duplicates, f"cases named twice: {duplicates}"


def assert_passed(results: dict[str, str | None], case: str) -> None:
    assert case in results, f"{case!r} did not run"
    assert results[case] is None, results[case]
