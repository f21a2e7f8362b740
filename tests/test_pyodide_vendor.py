"""The NumPy wheel we vendor for Pyodide is the one Pyodide's lock file names, byte for byte; the
interpreter snapshot the build makes belongs to the Pyodide the site serves.

Pyodide checks the wheel's integrity against pyodide-lock.json when it loads
it, so a wrong file would only show up as a lab that never becomes ready.
These tests say so at once, and name the file.
"""
import gzip
import hashlib
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"
VENDOR = ROOT / "vendor" / "pyodide"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@pytest.fixture(scope="module")
def numpy_entry() -> dict:
    return json.loads(LOCK.read_text(encoding="utf-8"))["packages"]["numpy"]


def test_vendored_numpy_wheel_matches_the_lock_file(numpy_entry):
    wheel = VENDOR / numpy_entry["file_name"]
    assert wheel.is_file(), f"{wheel.relative_to(ROOT)} is missing: pyodide-lock.json names this NumPy wheel"
    assert sha256(wheel) == numpy_entry["sha256"]


def test_numpy_needs_no_other_wheel(numpy_entry):
    # Only NumPy is vendored: a dependency would be fetched from a CDN we cannot reach.
    assert numpy_entry["depends"] == []


def test_built_site_serves_the_vendored_wheel(built_site, numpy_entry):
    served = built_site / "assets" / "build" / "pyodide" / numpy_entry["file_name"]
    assert served.is_file(), "the build did not copy the NumPy wheel beside Pyodide"
    assert sha256(served) == sha256(VENDOR / numpy_entry["file_name"])


def test_built_site_serves_a_snapshot_of_the_pyodide_it_serves(built_site):
    pyodide = built_site / "assets" / "build" / "pyodide"
    info = json.loads((pyodide / "snapshot.json").read_text(encoding="utf-8"))
    assert info["pyodide"] == json.loads((LOCK.parent / "package.json").read_text(encoding="utf-8"))["version"]
    assert info["wasm_sha256"] == sha256(pyodide / "pyodide.asm.wasm")
    # Named by the wasm it belongs to, and that name is the one the worker restores.
    assert info["file"] == f"snapshot-{info['wasm_sha256'][:16]}.bin.gz"
    assert info["file"] in (built_site / "assets" / "build" / "widgets" / "runtime-pyodide-worker.js").read_text(encoding="utf-8")
    # Pyodide's snapshot format: its magic number, then a header and the wasm memory.
    heap = gzip.decompress((pyodide / info["file"]).read_bytes())
    assert len(heap) == info["bytes"] and heap[:4] == b"\x00snp"
