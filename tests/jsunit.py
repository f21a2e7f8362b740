"""TypeScript run in Node: the unit tests of tests/js/*.test.ts, and ad-hoc scripts.

A tests/js/<name>.test.ts file registers `test("...", fn)` cases and ends with
harness.ts's `runTests()`, which prints one JSON line {case: null | "failure message"}.
A test module names the file `JS_TESTS`; conftest.py then runs it once for the
module (the `js_results` fixture) and turns a `js_case` argument into one test
per case:

    JS_TESTS = jsunit.source("module9")

    def test_module9_widget_logic(js_results, js_case):
        jsunit.assert_passed(js_results, js_case)
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


def cases(path: Path) -> list[str]:
    """The names of the `test("...")` cases of a tests/js file, in file order."""
    return re.findall(r'^test\("([^"]+)"', path.read_text(encoding="utf-8"), re.MULTILINE)


def node_stdout(entry: Path, out_dir: Path, timeout: float = 120) -> str:
    """Bundle the TypeScript file `entry` with esbuild (into `out_dir`), run it in Node, return what it printed."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (make deps installs the npm packages it runs)")
    bundle = out_dir / (entry.name.removesuffix(".ts") + ".mjs")
    subprocess.run([str(ESBUILD), str(entry), "--bundle", "--format=esm", "--platform=node",
                    f"--outfile={bundle}", "--log-level=warning"], check=True, cwd=ROOT, timeout=120)
    proc = subprocess.run([node, str(bundle)], capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def run(path: Path, out_dir: Path) -> dict[str, str | None]:
    """Run a tests/js file: {case: None when it passed, else its failure message}."""
    lines = node_stdout(path, out_dir).strip().splitlines()
    assert lines, f"{path.name} printed nothing: does it end with runTests()?"
    return json.loads(lines[-1])


def assert_cases_unique(names: list[str], at_least: int) -> None:
    """The case list was read (at least `at_least` cases) and no two cases share a name."""
    assert len(names) >= at_least, f"only {len(names)} cases found"
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert not duplicates, f"cases named twice: {duplicates}"


def assert_passed(results: dict[str, str | None], case: str) -> None:
    assert case in results, f"{case!r} did not run"
    assert results[case] is None, results[case]
