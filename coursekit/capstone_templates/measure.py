"""python -m coursekit.capstone_templates.measure [ID ...] [--jobs N]: run project templates
(needs PyTorch and ../shared's corpora or the site's data files) and record what they reach in
docs/data/capstone/measured.json: the defaults on one CPU thread (loss, perplexity, the
project's check, seconds), and the tests' small run (SMOKE: a small slice, a few steps), whose
training loss becomes the loss the tests hold the templates to.

The catalogue (templates.json) turns these into the targets the page states; rerun this after a
change to a recipe or to build_models' training code, then `python -m coursekit.capstone_templates`.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

from . import MEASURED_PATH, ROOT, SMOKE, build, projects


def prepare(folder: Path) -> None:
    """The templates, and every file they read, in one folder."""
    build(folder)
    for f in (folder / "data").iterdir():
        shutil.copy(f, folder / f.name)
    for f in (ROOT / "docs/data/studio").glob("*.txt"):
        shutil.copy(f, folder / f.name)


def run(folder: Path, pid: str, overrides: dict, timeout: float = 3600) -> dict:
    """Run one template as a script, one thread; its RESULT line as a dict."""
    args = [f"--{k}={v}" for k, v in overrides.items()]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    p = subprocess.run([sys.executable, f"{pid}.py", *args, f"--out={pid}-{len(args)}.pt"], cwd=folder, env=env,
                       capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        raise RuntimeError(f"{pid} failed:\n{p.stdout[-2000:]}\n{p.stderr[-3000:]}")
    line = next(l for l in p.stdout.splitlines() if l.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def measure(folder: Path, pid: str) -> dict:
    full = run(folder, pid, {"threads": 1})
    smoke = run(folder, pid, {"threads": 1, **SMOKE})
    m = {k: round(v, 4) if isinstance(v, float) else v for k, v in full.items()}
    m["smoke_train_loss"] = round(smoke["train_loss"], 4)
    print(f"{pid}: {json.dumps(m)}", flush=True)
    return m


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m coursekit.capstone_templates.measure", description=__doc__.split("\n\n")[0])
    ap.add_argument("ids", nargs="*", help="projects to run (default: all but the custom ones)")
    ap.add_argument("--jobs", type=int, default=1, help="templates run side by side (each on one thread)")
    args = ap.parse_args()
    ids = args.ids or [p["id"] for p in projects() if p["domain"] != "custom"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        prepare(folder)
        with ThreadPoolExecutor(args.jobs) as pool:
            results = dict(zip(ids, pool.map(lambda pid: measure(folder, pid), ids)))
    old = json.loads(MEASURED_PATH.read_text(encoding="utf-8")) if MEASURED_PATH.is_file() else {"runs": {}}
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
    old["machine"] = f"one thread of {cpu}, torch {__import__('torch').__version__}, {date.today().isoformat()}"
    old["runs"].update(results)
    MEASURED_PATH.parent.mkdir(parents=True, exist_ok=True)
    MEASURED_PATH.write_text(json.dumps(old, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {MEASURED_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
