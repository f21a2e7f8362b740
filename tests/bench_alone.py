"""Run one benchmark module by itself (`python tests/bench_<name>.py [site folder]`): its `measure`
on a local, cross-origin isolated server over the built site, as `make bench` runs it, printing
each figure after the module's label."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(label: str, measure) -> None:
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, CHROMIUM_ARGS
    from coursekit.serve import serve_in_thread

    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    server, base = serve_in_thread(site, isolated=True)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for k, v in measure(browser, base).items():
                print(f"{label}: {k}: {v}")
            browser.close()
    finally:
        server.shutdown()
