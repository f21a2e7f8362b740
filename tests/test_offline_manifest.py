"""site/sw.js's manifest (widgets/offline.mjs): every built file once, with the hash of its bytes;
pages and scripts cached on install, the runtimes, models and search index on first use."""
from __future__ import annotations

import hashlib
import json

import pytest


@pytest.fixture(scope="module")
def manifest(built_site) -> dict:
    text = (built_site / "sw.js").read_text(encoding="utf-8")
    head, _, _ = text.partition(";\n")
    assert head.startswith("self.OFFLINE = "), "sw.js does not start with its manifest: run make site"
    return json.loads(head.removeprefix("self.OFFLINE = "))


def test_every_built_file_is_listed_once_with_the_hash_of_its_bytes(manifest, built_site):
    shell, files = manifest["shell"], manifest["files"]
    assert not set(shell) & set(files)
    built = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    served = built - {"sw.js"} - {p for p in built if p.startswith("assets/build/offline/")}
    assert set(shell) | set(files) == served
    for path, digest in {**shell, **files}.items():
        assert hashlib.sha256((built_site / path).read_bytes()).hexdigest()[:16] == digest, path
    assert len(manifest["version"]) == 12


def test_pages_and_scripts_are_cached_on_install_runtimes_and_models_on_first_use(manifest):
    shell, files = manifest["shell"], manifest["files"]
    assert "index.html" in shell and "404.html" in shell and "sitemap.xml" in shell
    assert all(p in shell for p in {**shell, **files} if p.endswith(".html"))
    assert "assets/build/widgets/main.js" in shell and "pretrained/index.json" in shell
    assert any(p.startswith("assets/build/widgets/chunks/") for p in shell)
    assert any(p.startswith("assets/stylesheets/main.") for p in shell)
    on_install = [p for p in shell if p != "pretrained/index.json" and not p.endswith(".html")]  # model cards are pages
    for prefix in ("assets/build/pyodide/", "assets/build/ort/", "pretrained/", "search/"):
        assert not any(p.startswith(prefix) for p in on_install), prefix
        assert any(p.startswith(prefix) for p in files), prefix
    assert all(p in files for p in {**shell, **files} if p.endswith(".onnx"))
