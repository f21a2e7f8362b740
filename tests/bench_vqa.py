"""How long one answer takes in Chromium once the question answerer is loaded, through the client
the widget uses (the ONNX worker): the scene's image made in the page, the question's words, one
run of model.onnx. Also its download. Figures, no assertions.

    .venv/bin/python tests/bench_vqa.py   # after `make site`
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
from build_models.scenes import data  # noqa: E402
from coursekit import vqa  # noqa: E402

TIME = """async ([client, url, rgb, words, runs]) => {
  const rt = await import(client);
  await rt.loadVqa(url);
  const image = new Float32Array(3 * 64 * 64);
  const toInput = () => { for (let p = 0; p < 64 * 64; p++) for (let k = 0; k < 3; k++) image[k * 4096 + p] = Math.fround(rgb[3 * p + k] / 255); };
  toInput();
  await rt.answerQuestion(url, {image, words});                 // warm-up: session, wasm, caches
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    toInput();
    await rt.answerQuestion(url, {image, words});
    ms.push(performance.now() - t0);
  }
  return ms;
}"""


def measure(browser, base: str, runs: int = 9) -> dict:
    figures = {}
    rgb = data.render(data.make_scene("test", 0)).reshape(-1).tolist()
    for folder in vqa.shipped(ROOT / "pretrained"):
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        mb = meta["files"]["model.onnx"]["bytes"] / 1e6
        context, page = open_page(browser, base, PageLog())
        try:
            page.goto(base + "/")
            ms = page.evaluate(TIME, [base + CLIENT, f"{base}/pretrained/{folder.name}/meta.json", rgb,
                                      "how many objects are there".split(), runs])
            figures[f"{folder.name} ({mb:.2f} MB): one answer, ms median / max"] = f"{statistics.median(ms):.1f} / {max(ms):.1f}"
        finally:
            context.close()
    return figures


if __name__ == "__main__":
    import bench_alone
    bench_alone.main("vqa", measure)
