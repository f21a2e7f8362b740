"""How long a translation takes in Chromium once the translator is loaded (issue 14's budgets:
greedy translation of a 10-word sentence <= 100 ms, beam 4 <= 300 ms), for every shipped
translator, through the client widgets use (the ONNX worker). Also the download each needs.
Figures, no assertions.

    .venv/bin/python tests/bench_translate.py   # after `make site`
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
from coursekit import translator  # noqa: E402

SENTENCE = "Tom said that he would buy a new car tomorrow."  # 10 English words

TIME = """async ([client, url, text, strategy, runs]) => {
  const rt = await import(client);
  await rt.loadTranslator(url);
  await rt.translate(url, {text, strategy});                      // warm-up: sessions, wasm, caches
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await rt.translate(url, {text, strategy, beam: 4});
    ms.push(performance.now() - t0);
  }
  return ms;
}"""


def measure(browser, base: str, runs: int = 5) -> dict:
    figures = {}
    for folder in translator.shipped(ROOT / "pretrained"):
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        mb = (meta["files"]["encoder.onnx"]["bytes"] + meta["files"]["decoder.onnx"]["bytes"]) / 1e6
        context, page = open_page(browser, base, PageLog())
        try:
            page.goto(base + "/")
            url = f"{base}/pretrained/{folder.name}/meta.json"
            for strategy, budget in (("greedy", 100), ("beam", 300)):
                ms = page.evaluate(TIME, [base + CLIENT, url, SENTENCE, strategy, runs])
                figures[f"{folder.name} ({mb:.1f} MB): {strategy}{' 4' if strategy == 'beam' else ''} of a 10-word sentence, "
                        f"ms median / max (budget {budget})"] = f"{statistics.median(ms):.0f} / {max(ms):.0f}"
        finally:
            context.close()
    return figures


if __name__ == "__main__":
    import bench_alone
    bench_alone.main("translation", measure)
