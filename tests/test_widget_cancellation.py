"""Leaving a page stops its widgets' work: the registry aborts each mount's signal, and the model
widgets pass that signal (or a latest() signal derived from it) to the ONNX worker.

The ONNX worker's traffic is recorded by wrapping `Worker` before the site's scripts run, so the
checks are on what the page told the worker and what the worker answered (a job stopped early
ends with the worker's one answer for that, `cancelled`, never `generated`), not on how long
anything took.
"""
from __future__ import annotations

from sitepages import click_link_to, open_widget

LIVE = "/modules/05-experiments/live/"
NEXT = "/modules/05-experiments/spot-the-bug/"

# Every message to and from the ONNX runtime's workers ("onnx-runtime…"), in order, as {dir, type, id, cancelled}.
RECORD_WORKER = """
(() => {
  const Native = window.Worker;
  const log = (window.__onnxLog = []);
  window.Worker = class extends Native {
    constructor(url, opts) {
      super(url, opts);
      this.__onnx = opts && String(opts.name).startsWith("onnx-runtime");
      if (this.__onnx) this.addEventListener("message", (e) => {
        const m = e.data || {};
        log.push({ dir: "in", type: m.type, id: m.id, cancelled: m.result ? m.result.cancelled : undefined });
      });
    }
    postMessage(m, transfer) {
      if (this.__onnx && m) log.push({ dir: "out", type: m.type, id: m.id });
      return transfer === undefined ? super.postMessage(m) : super.postMessage(m, transfer);
    }
  };
})();
"""


def worker_log(page) -> list[dict]:
    return page.evaluate("window.__onnxLog")


def final_answer(page, job: int) -> dict:
    """Wait for the worker's last word on request `job` (generated, cancelled or error) and return it."""
    ends = "['generated', 'cancelled', 'error']"
    page.wait_for_function(
        f"(id) => window.__onnxLog.some(m => m.dir === 'in' && {ends}.includes(m.type) && m.id === id)", arg=job
    )
    return next(m for m in worker_log(page) if m["dir"] == "in" and m["type"] in ("generated", "cancelled", "error")
                and m["id"] == job)


def test_leaving_the_page_cancels_a_generation_under_way_and_starts_no_other(page, site_server):
    page.add_init_script(RECORD_WORKER)
    root = open_widget(page, site_server, "cell-intervention", path=LIVE)
    root.locator("[data-length]").fill("2000")  # two generations of 2000 characters: far from done when we leave
    root.get_by_role("button", name="Generate both").click()
    # The first (untouched) generation is streaming.
    page.wait_for_function(
        "() => { const l = window.__onnxLog; const g = l.find(m => m.dir === 'out' && m.type === 'generate');"
        " return g && l.some(m => m.dir === 'in' && m.type === 'chunk' && m.id === g.id); }"
    )
    generation = next(m["id"] for m in worker_log(page) if m["dir"] == "out" and m["type"] == "generate")

    click_link_to(page, site_server.url, NEXT)  # Material's instant navigation: the document stays
    page.locator('[data-widget="spot-the-bug"]').first.wait_for(state="attached")

    # The worker answers the generation as stopped early, because the page told it to stop.
    answer = final_answer(page, generation)
    log = worker_log(page)
    assert answer["type"] == "cancelled", f"the generation ended with {answer['type']!r} after the reader left"
    assert {"dir": "out", "type": "cancel", "id": generation} in log
    # The clamped generation, which would have followed the first, was never asked for.
    assert [m["id"] for m in log if m["dir"] == "out" and m["type"] == "generate"] == [generation]
    # No chunk of the stopped generation came after its answer.
    after = log[log.index(answer) + 1:]
    assert not [m for m in after if m["id"] == generation]


def test_a_second_generate_supersedes_the_first_and_only_the_first(page, site_server):
    """latest(): pressing Generate again while a generation streams stops that one in the worker,
    and the new one runs on."""
    page.add_init_script(RECORD_WORKER)
    root = open_widget(page, site_server, "cell-intervention", path=LIVE)
    root.locator("[data-length]").fill("2000")
    button = root.get_by_role("button", name="Generate both")
    button.click()
    page.wait_for_function(
        "() => { const l = window.__onnxLog; const g = l.find(m => m.dir === 'out' && m.type === 'generate');"
        " return g && l.some(m => m.dir === 'in' && m.type === 'chunk' && m.id === g.id); }"
    )
    first = next(m["id"] for m in worker_log(page) if m["dir"] == "out" and m["type"] == "generate")
    button.click()
    page.wait_for_function(
        "(id) => window.__onnxLog.some(m => m.dir === 'out' && m.type === 'generate' && m.id > id)", arg=first
    )
    second = next(m["id"] for m in worker_log(page) if m["dir"] == "out" and m["type"] == "generate" and m["id"] > first)
    assert final_answer(page, first)["type"] == "cancelled"
    log = worker_log(page)
    assert {"dir": "out", "type": "cancel", "id": first} in log
    assert {"dir": "out", "type": "cancel", "id": second} not in log
    # The second one runs on: it streams, and ends (if it has ended yet) as generated. Leaving while
    # a generation streams is the test above; here the second may already be done on a loaded
    # machine, so nothing is asserted about leaving.
    page.wait_for_function(
        "(id) => window.__onnxLog.some(m => m.dir === 'in' && m.type === 'chunk' && m.id === id)", arg=second
    )
    ends = [m["type"] for m in worker_log(page) if m["dir"] == "in" and m["id"] == second
            and m["type"] in ("generated", "cancelled", "error")]
    assert ends in ([], ["generated"]), f"the second generation ended with {ends}"
