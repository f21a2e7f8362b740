"""Learning-path progress (widgets/lib/progress.ts) and the python-snippet's
logic (widgets/python-snippet/model.ts), in Node.

tests/js/progress.test.ts holds the cases; it is bundled with esbuild and run
once, and each of its `test("...")` cases is one pytest case here.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "js" / "progress.test.ts"
CASES = re.findall(r'^test\("([^"]+)"', SOURCE.read_text(encoding="utf-8"), re.MULTILINE)


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, str | None]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (make deps installs the npm packages it runs)")
    bundle = tmp_path_factory.mktemp("js") / "progress.test.mjs"
    subprocess.run([str(ROOT / "node_modules/.bin/esbuild"), str(SOURCE), "--bundle", "--format=esm",
                    "--platform=node", f"--outfile={bundle}", "--log-level=warning"],
                   check=True, cwd=ROOT, timeout=120)
    proc = subprocess.run([node, str(bundle)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_every_case_was_found():
    assert len(CASES) >= 8 and len(set(CASES)) == len(CASES)


@pytest.mark.parametrize("case", CASES)
def test_progress_model(results, case):
    assert case in results, f"{case!r} did not run"
    assert results[case] is None, results[case]
