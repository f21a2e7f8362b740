"""The pure logic of the Module 3-5 model widgets, in Node (tests/js/lstm-widgets.test.ts).

The file is bundled with esbuild and run once per session; each of its `test("...")` cases is one
pytest case here, as tests/test_lab_model.py does for the lab's logic.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "js" / "lstm-widgets.test.ts"
CASES = re.findall(r'^test\("([^"]+)"', SOURCE.read_text(encoding="utf-8"), re.MULTILINE)


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, str | None]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (make deps installs the npm packages it runs)")
    bundle = tmp_path_factory.mktemp("js") / "lstm-widgets.test.mjs"
    subprocess.run([str(ROOT / "node_modules/.bin/esbuild"), str(SOURCE), "--bundle", "--format=esm",
                    "--platform=node", f"--outfile={bundle}", "--log-level=warning"],
                   check=True, cwd=ROOT, timeout=120)
    proc = subprocess.run([node, str(bundle)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("case", CASES)
def test_lstm_widget_logic(results, case):
    assert case in results, f"{case!r} did not run"
    assert results[case] is None, results[case]
