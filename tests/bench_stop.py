"""How fast Stop answers and how long the page's main thread is blocked, on the Temperature
Playground with a 50,000-character seed (issue 11: once 86 s to stop, 104 s to generate).

For each shipped model family's main model, the benchmark pastes the seed, presses Generate, and
presses Stop (a) while the seed is still being read and (b) once the columns are writing. The
widget records `data-stop-ms`, the time from the click to every job having ended (budget 200 ms).
A PerformanceObserver records the main thread's longest task over the whole run (the page must
never block: a long task of ~50 ms is one frame missed). Figures, no assertions.

    .venv/bin/python tests/bench_stop.py   # after `make site`
"""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS, PageLog, open_page  # noqa: E402
from coursekit.serve import serve_in_thread  # noqa: E402

SITE = ROOT / "site"
PLAYGROUND = "/modules/04-char-language-modeling/playground/"
SEED = ("ROMEO:\nBut soft, what light through yonder window breaks?\n" * 900)[:50_000]
MODELS = ("tinyshakespeare", "shakespeare")  # a 2x480 and a 3x512 LSTM

WATCH_LONG_TASKS = """() => {
  window.__longest = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
  }).observe({ type: "longtask", buffered: false });
}"""

# Press Generate, wait for `phase` (the read's progress bar, or text in a column), press Stop,
# wait until every job has ended; returns the widget's Stop-to-idle time.
STOP_DURING = """async ([el, phase]) => {
  delete el.dataset.stopMs;
  el.querySelector("[data-action=generate]").click();
  const bar = el.querySelector("[data-role=read-progress]");
  const out = el.querySelector("[data-role=output]");
  const reached = () => (phase === "read" ? !bar.hidden : out.textContent.length > 0);
  while (!reached()) await new Promise((r) => setTimeout(r, 5));
  el.querySelector("[data-action=stop]").click();
  while (el.dataset.stopMs === undefined) await new Promise((r) => setTimeout(r, 5));
  return Number(el.dataset.stopMs);
}"""


def measure(browser, base: str, runs: int = 5) -> dict:
    figures = {}
    for model_id in MODELS:
        context, page = open_page(browser, base, PageLog())
        try:
            page.goto(base + PLAYGROUND)
            root = page.locator('[data-widget="temperature-playground"]')
            root.scroll_into_view_if_needed()
            page.wait_for_function("(el) => el.dataset.state === 'ready' && el.dataset.model", arg=root.element_handle())
            root.locator('select[data-role="model"]').select_option(model_id)
            page.wait_for_function("([el, id]) => el.dataset.state === 'ready' && el.dataset.model === id",
                                   arg=[root.element_handle(), model_id])
            page.evaluate(WATCH_LONG_TASKS)
            root.locator('[data-role="length"]').fill("5000")
            stops = {"read": [], "generation": []}
            for i in range(runs):
                # A new seed each run, so the read is not the one already kept.
                # As a paste does (one input event); Playwright's fill() would type it in for seconds.
                root.locator('[data-role="seed"]').evaluate(
                    "(f, t) => { f.value = t; f.dispatchEvent(new Event('input', {bubbles: true})); }", SEED[: -1 - i])
                for phase in ("read", "generation"):
                    stops[phase].append(page.evaluate(STOP_DURING, [root.element_handle(), phase]))
            longest = page.evaluate("window.__longest")
        finally:
            context.close()
        for phase, ms in stops.items():
            figures[f"{model_id}: Stop during the {phase}, ms median / max (budget 200)"] = (
                f"{statistics.median(ms):.0f} / {max(ms):.0f}")
        figures[f"{model_id}: longest main-thread task with a 50,000-character seed, ms"] = round(longest, 1)
    return figures


def main() -> None:
    from playwright.sync_api import sync_playwright

    server, base = serve_in_thread(SITE)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for k, v in measure(browser, base).items():
                print(f"stop: {k}: {v}")
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
