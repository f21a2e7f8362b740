"""The training studio's budgets (issue 17): its trainer in Pyodide runs at >= 0.5x the same code in
CPython NumPy (one BLAS thread, as Pyodide has), and a run with the studio's defaults on our
tinyshakespeare excerpt reaches a validation loss below 2.0 nats/char within 5 minutes in Chromium.
Both are measured through the studio itself (its Python calls, its slices), on the same text and
settings in both runtimes. NumPy in Pyodide has no BLAS, so the trainer runs its products there
through np.einsum; CPython is measured with BLAS (what it runs) and with those einsum kernels
(the same code path), and both ratios are printed. Figures, no assertions.

    .venv/bin/python tests/bench_studio.py [--minutes 5]   # after `make site`
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from conftest import PageLog, open_page  # noqa: E402

PAGE = "/modules/05-experiments/own-data/"
TEXT = ROOT / "docs" / "data" / "studio" / "tinyshakespeare.txt"
# The studio's defaults (widgets/training-studio/logic.ts DEFAULTS, size "medium").
CONFIG = {"cell": "lstm", "layers": 1, "hidden": 128, "seq_len": 64, "batch": 32, "lr": 0.003, "seed": 0}

CPYTHON = """
import importlib.util, json, sys, time
from pathlib import Path
studio = Path(sys.argv[1])
for name, file in (("studio_trainer", "trainer.py"), ("studio_onnx", "onnx_export.py"), ("studio_session", "session.py")):
    spec = importlib.util.spec_from_file_location(name, studio / file)
    module = importlib.util.module_from_spec(spec); sys.modules[name] = module; spec.loader.exec_module(module)
s = sys.modules["studio_session"]
if sys.argv[5] == "einsum":  # the kernels the trainer picks in Pyodide (no BLAS there)
    import numpy as np
    t = sys.modules["studio_trainer"]
    t.mm = lambda a, b: np.einsum("ij,jk->ik", a, b)
    t.mm_bt = lambda a, b: np.einsum("ij,kj->ik", a, b)
    t.mm_at = lambda a, b: np.einsum("ti,tj->ij", a, b)
s.prepare(Path(sys.argv[2]).read_text(encoding="utf-8"), "bench")
s.start("bench", json.loads(sys.argv[3]))
s.train("bench", 0.0, max_steps=2)  # warm-up
chars, t0 = 0, time.perf_counter()
while time.perf_counter() - t0 < float(sys.argv[4]):
    chars += s.train("bench", 1.0)["chars"]
print(json.dumps({"chars_per_s": chars / (time.perf_counter() - t0)}))
"""


def cpython_speed(seconds: float, kernels: str = "blas") -> float:
    """Training chars/s in CPython: with BLAS (`@`, what CPython runs) or `einsum` (Pyodide's kernels)."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    out = subprocess.run([sys.executable, "-c", CPYTHON, str(ROOT / "widgets" / "training-studio"), str(TEXT), json.dumps(CONFIG), str(seconds), kernels],
                         env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])["chars_per_s"]


def studio_run(browser, base: str, minutes: float) -> dict:
    """Train with the studio's defaults for `minutes` on the tinyshakespeare excerpt; its own figures."""
    context, page = open_page(browser, base, PageLog())
    try:
        page.goto(base + PAGE)
        root = page.locator('[data-widget="training-studio"]')
        root.scroll_into_view_if_needed()
        page.wait_for_function("(el) => el.dataset.state === 'ready'", arg=root.element_handle(), timeout=120_000)
        root.locator('[data-role="corpus"]').select_option("tinyshakespeare")
        root.locator('[data-action="prepare"]').click()
        page.wait_for_function("(el) => el.dataset.mode === 'prepared'", arg=root.element_handle(), timeout=120_000)
        root.locator('[data-setting="size"]').select_option("medium")
        for key, value in (("seqLen", 64), ("batch", 32), ("lr", 0.003), ("minutes", minutes), ("sampleEvery", 100)):
            root.locator(f'[data-setting="{key}"]').fill(str(value))
        if not root.locator('[data-setting="autoStop"]').is_checked():
            root.locator('[data-setting="autoStop"]').click()
        root.locator('[data-action="start"]').click()
        page.wait_for_function("(el) => el.dataset.mode === 'done' || el.dataset.state === 'error'", arg=root.element_handle(),
                               timeout=int((minutes * 60 + 300) * 1000))
        return root.evaluate("""(el) => {
          const rows = [...el.querySelectorAll('[data-role="table"] tbody tr')].map((r) => [Number(r.dataset.step), Number(r.cells[2].dataset.value)]);
          const figure = (k) => el.querySelector(`[data-figure="${k}"]`)?.dataset.value;
          return { state: el.dataset.state, ended: el.dataset.ended, step: Number(el.dataset.step), speed: Number(figure('speed')),
                   checks: rows, sample: el.querySelector('[data-role="samples"] li pre')?.textContent ?? '' };
        }""")
    finally:
        context.close()


def measure(browser, base: str, minutes: float = 5.0) -> dict:
    figures: dict[str, object] = {}
    cpy = cpython_speed(20)
    same = cpython_speed(20, "einsum")
    run = studio_run(browser, base, minutes)
    if run["state"] == "error":
        figures["training studio"] = "failed"
        return figures
    figures["studio trainer, LSTM 1x128, batch 32 x 64: CPython NumPy (1 BLAS thread), chars/s"] = round(cpy)
    figures["studio trainer, same settings, Pyodide in Chromium (the studio's own speed figure), chars/s"] = round(run["speed"])
    figures["studio trainer, same settings, CPython with Pyodide's einsum kernels, chars/s"] = round(same)
    figures["studio trainer: Pyodide / CPython with BLAS (budget >= 0.5)"] = round(run["speed"] / cpy, 2)
    figures["studio trainer: Pyodide / CPython with the same einsum kernels"] = round(run["speed"] / same, 2)
    below = next((step for step, v in run["checks"] if v < 2.0), None)
    last_step, last_val = run["checks"][-1] if run["checks"] else (0, float("nan"))
    figures[f"studio, tinyshakespeare excerpt, defaults, {minutes:g} min: validation loss at the end, nats/char (budget < 2.0)"] = round(last_val, 3)
    figures["studio: first check below 2.0 nats/char, iteration"] = below if below is not None else "never"
    figures["studio: iterations in the run / how it ended"] = f"{run['step']} / {run['ended']}"
    figures["studio: the last sample"] = run["sample"][:300]
    return figures


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=5.0)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, CHROMIUM_ARGS
    from coursekit.serve import serve_in_thread

    server, base = serve_in_thread(ROOT / "site")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for k, v in measure(browser, base, args.minutes).items():
            print(f"{k}: {v}")
        browser.close()
    server.shutdown()
