"""§ 7.4's budgets in Chromium: each Neural Turing Machine copies a sequence through the ONNX worker
(`rememberSequence`, one session.run per step, as the simulator calls it) once loaded; the figure
is the milliseconds for a copy of 10 vectors (21 steps) and of 20 (41 steps). Figures, no assertions.

    .venv/bin/python tests/bench_memory.py   # after `make site`
"""
from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from bench_onnx import CLIENT  # noqa: E402
from conftest import PageLog, open_page  # noqa: E402

COPY = """async ([client, url, bits, runs]) => {
  const rt = await import(client);
  await rt.loadMemoryModel(url);
  await rt.rememberSequence(url, { bits });             // warm-up
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await rt.rememberSequence(url, { bits });
    ms.push(performance.now() - t0);
  }
  return ms;
}"""


def shipped() -> list[str]:
    return sorted(p.parent.name for p in (ROOT / "pretrained").glob("*/meta.json")
                  if json.loads(p.read_text()).get("kind") == "ntm-copy-step")


def measure(browser, base: str, runs: int = 5) -> dict:
    figures = {}
    context, page = open_page(browser, base, PageLog())
    try:
        page.goto(base + "/")
        for model in shipped():
            for L in (10, 20):
                bits = [[(i * 7 + j * 3) % 2 for j in range(8)] for i in range(L)]
                ms = page.evaluate(COPY, [base + CLIENT, f"{base}/pretrained/{model}/meta.json", bits, runs])
                figures[f"{model}: a copy of {L} vectors ({2 * L + 1} steps), ms median / max"] = \
                    f"{statistics.median(ms):.1f} / {max(ms):.1f}"
    finally:
        context.close()
    return figures


if __name__ == "__main__":
    import bench_alone
    bench_alone.main("memory", measure)
