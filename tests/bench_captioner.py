"""How long a caption of a scene takes in Chromium once the captioner is loaded (issue 15's budget:
<= 150 ms), for every shipped captioner, through the client the widget uses (the ONNX worker):
the scene rasterised by the widget's own code, the encoder, then the decoder word by word. Also
the download each needs. Figures, no assertions.

    .venv/bin/python tests/bench_captioner.py   # after `make site`
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
from coursekit import captioner  # noqa: E402

BUDGET_MS = 150

# The image is made in the page from a three-shape test scene with the same integer rules as
# widgets/image-captioning/scene.ts (a test checks those against Python), then captioned.
TIME = """async ([client, url, rgb, mode, runs]) => {
  const rt = await import(client);
  await rt.loadCaptioner(url);
  const image = new Float32Array(3 * 64 * 64);
  const toInput = () => { for (let p = 0; p < 64 * 64; p++) for (let k = 0; k < 3; k++) image[k * 4096 + p] = Math.fround(rgb[3 * p + k] / 255); };
  toInput();
  await rt.captionImage(url, {image, mode});                    // warm-up: sessions, wasm, caches
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    toInput();
    await rt.captionImage(url, {image, mode});
    ms.push(performance.now() - t0);
  }
  return ms;
}"""


def scene_rgb() -> list[int]:
    scene = next(s for s in (data.make_scene("test", i) for i in range(100)) if len(s.shapes) == 3)
    return data.render(scene).reshape(-1).tolist()


def measure(browser, base: str, runs: int = 5) -> dict:
    figures = {}
    rgb = scene_rgb()
    for folder in captioner.shipped(ROOT / "pretrained"):
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        mb = sum(f["bytes"] for f in meta["files"].values()) / 1e6
        mode = "soft" if meta["architecture"]["attention"] == "soft" else "hard"
        context, page = open_page(browser, base, PageLog())
        try:
            page.goto(base + "/")
            ms = page.evaluate(TIME, [base + CLIENT, f"{base}/pretrained/{folder.name}/meta.json", rgb, mode, runs])
            figures[f"{folder.name} ({mb:.1f} MB): caption of a three-shape scene, ms median / max (budget {BUDGET_MS})"] = \
                f"{statistics.median(ms):.0f} / {max(ms):.0f}"
        finally:
            context.close()
    return figures


if __name__ == "__main__":
    import bench_alone
    bench_alone.main("captioning", measure)
