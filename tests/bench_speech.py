"""Module 6 § 6.3's budget in Chromium (issue 15): the spectrogram and the recognition of a 1 s
clip take <= 100 ms once the model is loaded. The widget times each recognition itself (data-ms:
logMel in the page, then one recogniseFrames through the ONNX worker; not the clip's download or
playback), so this presses Play on a bundled clip `runs` times after a warm-up and reports the
median and the worst. Figures, no assertions.

    .venv/bin/python tests/bench_speech.py   # after `make site`
"""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from conftest import PageLog, open_page  # noqa: E402

SPEECH = "/modules/06-beyond-text/speech/"

ONE = """async (el) => {
  const before = el.dataset.recognised || '0';
  el.querySelector('[data-action="clip"]').click();
  await new Promise((resolve) => {
    const tick = () => (el.dataset.recognised || '0') !== before || el.dataset.state === 'error' ? resolve() : setTimeout(tick, 5);
    tick();
  });
  return { ms: Number(el.dataset.ms), frames: Number(el.dataset.frames), state: el.dataset.state };
}"""


def measure(browser, base: str, runs: int = 10) -> dict:
    figures = {}
    context, page = open_page(browser, base, PageLog())
    try:
        page.goto(base + SPEECH)
        root = page.locator('[data-widget="speech-digits"]')
        root.scroll_into_view_if_needed()
        page.wait_for_function("(el) => el.dataset.state === 'ready' && !!el.querySelector('[data-action=\"clip\"]')",
                               arg=root.element_handle(), timeout=120_000)
        root.evaluate(ONE)   # warm-up: the first run compiles the model's kernels
        ms, frames = [], 0
        for _ in range(runs):
            r = root.evaluate(ONE)
            if r["state"] == "error":
                return {"spectrogram + recognition of a 1 s clip": "failed"}
            ms.append(r["ms"])
            frames = r["frames"]
        figures[f"spectrogram + recognition of a 1 s clip ({frames} frames), ms median / max (budget 100)"] = \
            f"{statistics.median(ms):.1f} / {max(ms):.1f}"
    finally:
        context.close()
    return figures


if __name__ == "__main__":
    import bench_alone
    bench_alone.main("speech", measure)
