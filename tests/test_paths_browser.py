"""Learning-path progress and runnable snippets, in Chromium.

Progress: visiting a module (by instant navigation too) and passing a lab
with Check fill the ticks on the path page, and they survive a reload; Mark
as done and Reset (with Undo) work from the keyboard. Snippets: Run shows
the output, Stop ends a runaway loop and the next Run works, edits survive
a reload and Reset restores the page's code. The every-page walk
(tests/test_site_browser.py) checks each of these pages with axe, light and dark.
"""
from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from coursekit import paths
from labpage import BOOT_TIMEOUT_MS, lab_file, open_lab
from sitepages import axe_violations, click_link_to, hold_python, open_widget

PATH_A = "/paths/a-conceptual/"
PATH_C = "/paths/c-quick-wins/"
PATH_D = "/paths/d-interview/"
PATH_B = "/paths/b-practitioner/"
NUMPY = "/appendices/a-readiness/numpy/"
MODULE2 = "02-rnn-architecture"
# Path B's steps, and those whose unit is not written yet (no index page): the path page shows them
# as coming soon and does not count them.
CATALOGUE = paths.load()
STEPS_B = [st["unit"] for st in next(p for p in CATALOGUE["paths"] if p["id"] == "b")["steps"]]
UNWRITTEN_B = [u for u in STEPS_B
               if not (paths.ROOT / "docs" / paths.unit_url(paths.unit_by_id(CATALOGUE, u)) / "index.md").is_file()]
# Once every unit of path B is written, one stands in for an unwritten unit: the path page is served
# as the build renders a unit without a page (coursekit/paths.py: no pages, not available, "coming soon").
STAND_IN = "06-beyond-text"


def as_unwritten(html: str, unit: str) -> str:
    """The path page's HTML with `unit`'s step as the build renders it when the unit has no page yet."""
    step = re.compile(rf'(<li class="rnn-path__step" data-unit="{unit}"[^>]*?) data-pages="[^"]*"([^>]*?) data-available="true">'
                      r'<span class="rnn-path__name"><a href="[^"]*">([^<]*)</a>')
    out, n = step.subn(r'\1 data-pages=""\2 data-available="false"><span class="rnn-path__name">\3 '
                       r'<span class="rnn-path__soon">(coming soon)</span>', html)
    assert n == 1, f"no step of {unit} to stand in for an unwritten unit"
    return out


def open_path(page, site_server, path: str):
    return open_widget(page, site_server, "path-progress", path=path)


def step(root, unit: str):
    return root.locator(f'li[data-unit="{unit}"]')


# ---------------------------------------------------------------- progress

def test_visit_and_passed_lab_fill_the_tick_and_survive_reload(page, site_server):
    root = open_path(page, site_server, PATH_C)
    assert step(root, MODULE2).get_attribute("data-status") == "not-started"
    expect(root.locator("[data-path-summary]")).to_contain_text("0 of 5 steps done")  # every step of path C is written

    lab = open_lab(page, site_server, "rnn_step")  # a Module 2 page: the visit counts
    assert lab.run_code(lab_file("rnn_step", "solution.py"), "Check") == "passed"

    root = open_path(page, site_server, PATH_C)
    row = step(root, MODULE2)
    expect(row).to_have_attribute("data-status", "done")
    expect(row.locator('[data-lab="rnn_step"]')).to_have_attribute("data-passed", "true")
    expect(root.locator("[data-path-summary]")).to_contain_text("1 of 5 steps done")
    page.reload()
    root = open_path(page, site_server, PATH_C)
    expect(step(root, MODULE2)).to_have_attribute("data-status", "done")


def test_one_page_starts_a_module_and_every_page_finishes_it_while_unwritten_ones_stay_unticked(page, site_server):
    unwritten = UNWRITTEN_B or [STAND_IN]
    if not UNWRITTEN_B:
        def serve_unwritten(route):
            response = route.fetch()
            route.fulfill(response=response, body=as_unwritten(response.text(), STAND_IN))
        page.route(site_server.url + PATH_B, serve_unwritten)
    root = open_path(page, site_server, PATH_B)
    n = len(unwritten)
    expect(root.locator("[data-path-summary]")).to_contain_text(
        f"{n} more {'step is' if n == 1 else 'steps are'} coming soon and not counted")
    soon = step(root, unwritten[0])
    assert soon.get_attribute("data-status") == "unavailable"
    expect(soon.locator(".rnn-path__tick")).to_be_hidden()
    expect(soon.locator(".rnn-path__soon")).to_be_visible()
    root = open_path(page, site_server, PATH_A)
    module0 = step(root, "00-why-it-matters")
    pages = module0.get_attribute("data-pages").split()
    assert len(pages) > 1
    hold_python(page)
    page.goto(site_server.url + "/modules/00-why-it-matters/")  # one page of the module
    root = open_path(page, site_server, PATH_A)
    expect(step(root, "00-why-it-matters")).to_have_attribute("data-status", "in-progress")
    for key in pages:
        unit, _, sub = key.partition("/")
        page.goto(f"{site_server.url}/modules/{unit}/{sub + '/' if sub else ''}")
    root = open_path(page, site_server, PATH_A)
    expect(step(root, "00-why-it-matters")).to_have_attribute("data-status", "done")
    expect(root.locator("[data-path-summary]")).to_contain_text("1 of 6 steps done")


def test_instant_navigation_to_a_module_counts_as_a_visit(page, site_server):
    hold_python(page)
    root = open_path(page, site_server, PATH_D)
    page.evaluate("window.__sameDocument = true")
    click_link_to(page, site_server.url, f"/modules/{MODULE2}/")
    page.wait_for_function("(u) => (JSON.parse(localStorage.getItem('rnn-course:progress') || '{}').visits || {})[u]",
                           arg=MODULE2)
    click_link_to(page, site_server.url, PATH_D)
    assert page.evaluate("window.__sameDocument === true"), "the path page was not reached by instant navigation"
    root = page.locator('[data-widget="path-progress"]')
    page.wait_for_function("el => el.dataset.state === 'ready'", arg=root.element_handle())
    # Path D counts the RNN step lab, not passed here: visited but not done.
    expect(step(root, MODULE2)).to_have_attribute("data-status", "in-progress")
    expect(step(root, MODULE2).locator('[data-lab="rnn_step"]')).to_have_attribute("data-passed", "false")


def test_mark_as_done_and_reset_with_undo_from_the_keyboard(page, site_server):
    root = open_path(page, site_server, PATH_B)
    first = step(root, MODULE2)
    mark = first.get_by_role("button", name="Mark as done: Module 2: The RNN architecture")
    mark.focus()
    page.keyboard.press("Enter")
    expect(first).to_have_attribute("data-status", "done")
    expect(first.get_by_role("button", name="Unmark: Module 2: The RNN architecture")).to_have_attribute("aria-pressed", "true")
    expect(root.locator("[data-path-summary]")).to_contain_text(f"1 of {len(STEPS_B) - len(UNWRITTEN_B)} steps done")

    root.get_by_role("button", name="Reset progress for this path").focus()
    page.keyboard.press("Enter")
    expect(first).to_have_attribute("data-status", "not-started")
    root.get_by_role("button", name="Undo reset").focus()
    page.keyboard.press("Enter")
    expect(first).to_have_attribute("data-status", "done")
    page.reload()
    root = open_path(page, site_server, PATH_B)
    expect(step(root, MODULE2)).to_have_attribute("data-status", "done")


# ---------------------------------------------------------------- python-snippet

def open_snippet(page, site_server, snippet: str):
    return open_widget(page, site_server, "python-snippet", path=NUMPY, attrs=f'[data-snippet="{snippet}"]')


def run_and_wait(page, root, button: str = "Run") -> str:
    root.get_by_role("button", name=button, exact=True).click()
    page.wait_for_function("el => el.dataset.run === 'done' || el.dataset.run === 'error'",
                           arg=root.element_handle(), timeout=BOOT_TIMEOUT_MS)
    return root.get_attribute("data-run")


def type_into(page, root, code: str) -> None:
    root.locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text(code)


def test_snippet_runs_reports_errors_stops_a_runaway_loop_and_runs_again(page, site_server):
    # KeyboardInterrupt gets 20 s before the runtime falls back to a restart (1 s for a reader): on a
    # loaded machine the interrupt can take longer than a second, and the interrupt is what is tested.
    page.add_init_script("globalThis.RNN_INTERRUPT_GRACE_MS = 20000")
    root = open_snippet(page, site_server, "np-softmax")
    assert run_and_wait(page, root) == "done"
    expect(root.locator("[data-snippet-output]")).to_contain_text("probabilities: [0.659 0.242 0.099]")

    type_into(page, root, "x = 1\ny = x + undefined_name\n")
    assert run_and_wait(page, root) == "error"
    expect(root.locator("[data-snippet-status]")).to_contain_text("NameError on line 2")

    type_into(page, root, "while True:\n    pass\n")
    root.get_by_role("button", name="Run", exact=True).click()
    expect(root.get_by_role("button", name="Stop", exact=True)).to_be_enabled()
    root.get_by_role("button", name="Stop", exact=True).click()
    page.wait_for_function("el => el.dataset.run !== 'running'", arg=root.element_handle(), timeout=BOOT_TIMEOUT_MS)
    expect(root.locator("[data-snippet-status]")).to_have_text("Stopped.")
    assert root.get_attribute("data-stop-path") == "interrupt"  # KeyboardInterrupt, no restart of Python

    type_into(page, root, "import numpy as np\nprint(np.arange(3) @ np.arange(3))\n")
    assert run_and_wait(page, root) == "done"
    expect(root.locator("[data-snippet-output]")).to_have_text("5\n")
    assert axe_violations(page, within='[data-widget="python-snippet"][data-snippet="np-softmax"]') == []


def test_snippet_edits_survive_reload_and_reset_restores_the_original(page, site_server):
    hold_python(page)  # editing and storage only: no Python needed
    root = open_snippet(page, site_server, "np-shapes")
    original = root.locator(".cm-content").inner_text()
    type_into(page, root, "print('my edit')\n")
    page.wait_for_function("() => localStorage.getItem('rnn-course:snippet:np-shapes') !== null")
    page.reload()
    root = open_snippet(page, site_server, "np-shapes")
    expect(root.locator(".cm-content")).to_have_text("print('my edit')")
    root.get_by_role("button", name="Reset", exact=True).click()
    assert root.locator(".cm-content").inner_text() == original
    page.wait_for_function("() => localStorage.getItem('rnn-course:snippet:np-shapes') === null")


def test_a_low_math_score_links_to_the_refreshers(page, site_server):
    root = open_widget(page, site_server, "quiz", path="/appendices/a-readiness/", attrs='[data-quiz="math-readiness"]')
    quiz = json.loads(root.locator("script[data-quiz-data]").text_content())
    for q in quiz["questions"]:
        box = root.locator(f'[data-question="{q["id"]}"]')
        box.locator(f'input[value="{next(c["id"] for c in q["choices"] if not c.get("correct"))}"]').check()
        box.get_by_role("button", name="Check").click()
    outcome = root.locator("[data-quiz-outcome]")
    expect(outcome).to_contain_text("Start with the linear algebra refresher")
    outcome.get_by_role("link", name="Linear algebra refresher").click()
    page.wait_for_url(lambda url: url.split("#", 1)[0].endswith("/appendices/a-readiness/linear-algebra/"))
    expect(page.locator("article h1")).to_contain_text("Linear algebra refresher")
