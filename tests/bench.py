"""`make bench`: the speed and size figures of DESIGN.md's budgets, printed.

Run as `python tests/bench.py` after `make site`. Figures, never assertions:
the budgets are read by people (BENCHMARKS.md records them with the machine).
"""
from __future__ import annotations

import json
import os
import platform
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from coursekit.serve import serve_in_thread  # noqa: E402
from sitepages import MODULE2  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))

RESOURCE_BYTES = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const res = performance.getEntriesByType('resource');
  return { total: nav.decodedBodySize + res.reduce((s, r) => s + r.decodedBodySize, 0),
           files: [[nav.name, nav.decodedBodySize], ...res.map(r => [r.name, r.decodedBodySize])] };
}"""


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}"


def page_weight(browser, base: str, path: str) -> dict:
    """Bytes (uncompressed) a fresh reader downloads for `path` before scrolling to any widget."""
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    out = page.evaluate(RESOURCE_BYTES)
    ctx.close()
    return out


def main() -> None:
    server, base = serve_in_thread(SITE)
    results: dict[str, object] = {"machine": machine()}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        print(f"machine: {results['machine']}; Chromium {browser.version}")
        for path in ("/", f"/{MODULE2}", f"/{MODULE2}equations/"):
            w = page_weight(browser, base, path)
            results[f"bytes {path}"] = w["total"]
            print(f"page weight {path}: {w['total'] / 1024:.0f} KiB uncompressed, {len(w['files'])} files"
                  f" (budget 800 KB)")
        for name, fn in EXTRA_BENCHES:
            figures = fn(browser, base)
            results.update(figures)
            for k, v in figures.items():
                print(f"{name}: {k}: {v}")
        browser.close()
    server.shutdown()
    out = ROOT / "bench-results" / "latest.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=1))
    print(f"written {out.relative_to(ROOT)}")


# (name, function(browser, base_url) -> {figure: value}) filled in below by the runtime benches.
EXTRA_BENCHES: list[tuple[str, object]] = []

if __name__ == "__main__":
    main()
