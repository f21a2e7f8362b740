"""`make audit`: Lighthouse 12.2.3 (the last release for Node 20) on three pages of the built site,
served cross-origin isolated as `make serve` serves it: the home page, a lab page and a model
page, with Lighthouse's desktop preset. Prints each category's score against its budget
(accessibility 100, best practices >= 95, performance >= 90) and, for every score under budget,
the audits that cost it points. Figures, no assertions; written to bench-results/audit.json.

    .venv/bin/python tests/audit.py   # after `make site`; installs Lighthouse into .cache/lighthouse once
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM  # noqa: E402
from coursekit.serve import serve_in_thread  # noqa: E402

VERSION = "12.2.3"
PREFIX = ROOT / ".cache" / "lighthouse"
BIN = PREFIX / "node_modules" / ".bin" / "lighthouse"
PAGES = {"home page": "/", "lab page": "/modules/04-char-language-modeling/labs/",
         "model page": "/modules/04-char-language-modeling/playground/"}
BUDGETS = {"accessibility": 100, "best-practices": 95, "performance": 90}


def install() -> None:
    """Lighthouse into .cache/lighthouse (not package.json: only this command needs it)."""
    if BIN.exists() and json.loads((PREFIX / "node_modules" / "lighthouse" / "package.json").read_text())["version"] == VERSION:
        return
    PREFIX.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(PREFIX), "--no-save", "--no-audit", "--no-fund",
                    "--loglevel=error", f"lighthouse@{VERSION}"], check=True)


def audit(url: str, out: Path) -> dict:
    flags = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update"
    done = subprocess.run([str(BIN), url, "--preset=desktop", f"--only-categories={','.join(BUDGETS)}",
                           "--output=json", f"--output-path={out}", f"--chrome-flags={flags}", "--quiet"],
                          env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=600)
    if done.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse failed on {url}: {done.stderr[-2000:]}")
    return json.loads(out.read_text())


def lost_points(report: dict, category: str) -> list[str]:
    """The audits of a category that scored under 1, heaviest first."""
    cat = report["categories"][category]
    audits = report["audits"]
    lost = [(ref["weight"], audits[ref["id"]]) for ref in cat["auditRefs"]
            if ref["weight"] > 0 and audits[ref["id"]].get("score") is not None and audits[ref["id"]]["score"] < 1]
    return [f"{a['title']} (score {a['score']:.2f}{', ' + a['displayValue'] if a.get('displayValue') else ''})"
            for _, a in sorted(lost, key=lambda x: -x[0])]


def main() -> int:
    install()
    server, base = serve_in_thread(ROOT / "site", isolated=True)
    results = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name, path in PAGES.items():
                report = audit(base + path, Path(tmp) / "report.json")
                results[name] = {"url": path}
                for category, budget in BUDGETS.items():
                    score = round(100 * report["categories"][category]["score"])
                    met = score >= budget
                    results[name][category] = score
                    print(f"audit {name} ({path}): {category} {score} (budget {'' if budget == 100 else '>= '}{budget})"
                          f"{'' if met else ' MISSED'}")
                    if not met:
                        for line in lost_points(report, category)[:8]:
                            print(f"    - {line}")
    finally:
        server.shutdown()
    out = ROOT / "bench-results" / "audit.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=1))
    print(f"written {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
