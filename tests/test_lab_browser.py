"""The lab widget and the shared Pyodide runtime in Chromium, driven like a reader would.

Most tests open a fresh page (fresh storage), so each boots Pyodide once. The tests that type each
lab's solution share one page per lab page, as a reader's labs on one page share its Python, and so
do the tests that only type code into the softmax lab and read what a run shows (`lab_pages`).
Runaway code is tested both on the cross-origin isolated server (Stop raises
KeyboardInterrupt through a SharedArrayBuffer) and on the plain one (the
worker is terminated and a fresh one boots).
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Error as PlaywrightError, expect

from conftest import WAIT_MS, PageLog, SharedContext, checked_page
from labpage import BOOT_TIMEOUT_MS, ROOT, SNAPSHOT_URL, LabPage, find_lab_page, lab_file, lab_ids, lab_meta, open_lab
from sitepages import WIDGET_REACH_PX, axe_violations_by_scheme, click_link_to, hold_python, mount_all_widgets, set_color_scheme

LAB = "softmax"
# Each loop first reports a progress point: the panel showing it is the sign that Python is in the
# loop, so a test can stop it then instead of sleeping and hoping.
STARTED = "import grader\n\ngrader.report(0, 1.0)\n"
LOOP = "import numpy as np\n\n\ndef softmax(y):\n    return y\n\n\n" + STARTED + "while True:\n    pass\n"
# Swallows the KeyboardInterrupt, as a learner's bare `except:` would: only a restart stops it.
STUBBORN_LOOP = STARTED + "while True:\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        pass\n"
TIME_LIMIT_MESSAGE = "Your code ran longer than {} s and was stopped. Look for a loop that never ends."
STARTER_CHANGED = "This lab's starter code was updated since you last worked on it."


@pytest.fixture
def plain_page(browser, plain_server, page_log, request):
    """Like `page`, but on the server without COOP/COEP (no SharedArrayBuffer)."""
    with checked_page(browser, plain_server.url, page_log, request) as pg:
        yield pg


def wait_until_looping(lab) -> None:
    """Wait for the progress point that STARTED reports: Python is in the loop now."""
    expect(lab.root.locator("[data-progress]")).to_have_attribute("data-points", "1", timeout=BOOT_TIMEOUT_MS)


def assert_responsive(lab) -> None:
    """While Python loops in the worker, the page itself keeps working: a hint opens while the run
    is still going. A main thread blocked by the loop would answer only once the time limit had
    ended the run; no stopwatch is needed to tell the two apart."""
    hints = lab.root.locator("[data-hint]")
    n = hints.count()
    lab.press("Hint")
    expect(hints).to_have_count(n + 1)
    assert lab.status == "running"


def follow_link(page, base_url: str, path: str) -> None:
    """click_link_to, again if Material swapped the link out between finding and clicking it."""
    for _ in range(3):
        try:
            click_link_to(page, base_url, path)
            return
        except PlaywrightError as err:
            if "not attached" not in str(err):
                raise
    click_link_to(page, base_url, path)


def assert_next_run_works(lab) -> None:
    assert lab.run_code(lab_file(LAB, "solution.py")) == "passed"


# ---------------------------------------------------------------- grading

class LabPages:
    """One open page per lab page of the site, shared by the tests of its labs: each page's labs
    share its Python (as a reader's do), so the page boots Pyodide once, not once per lab or per
    test. One page is open at a time (the tests come grouped by page); each test fails on the
    JavaScript errors and foreign requests of its own time on the page. A test that leaves its lab
    running (it failed midway) leaves a page the next test does not reuse."""

    def __init__(self, browser, server):
        self.browser, self.server = browser, server
        # One context for all the lab pages: each page's boot finds Pyodide's files, and the code
        # V8 compiled from them, in its HTTP cache.
        self.pages = SharedContext(server.url)
        self.path = self.page = self.log = None

    def open(self, lab_id: str) -> LabPage:
        path = find_lab_page(self.server.root, lab_id)
        assert path is not None, f"no page of the built site embeds the lab {lab_id!r}"
        if path != self.path or self.busy():
            self.pages.end_test()
            self.log = PageLog()
            self.page = self.pages.open(self.browser, self.log)
            self.page.set_default_timeout(WAIT_MS)
            # As for the lab tests on a page of their own (test_infinite_loop_is_interrupted_at_the_
            # time_limit): on a loaded machine KeyboardInterrupt may land after the runtime's usual
            # second of grace, and the Stop test below checks that it lands, not the fallback.
            self.page.add_init_script("globalThis.RNN_INTERRUPT_GRACE_MS = 20000")
            self.path = path
            self.page.goto(self.server.url + path)
        self.log.errors.clear()
        self.log.foreign.clear()
        lab = LabPage(self.page, lab_id)
        lab.root.scroll_into_view_if_needed()
        lab.wait_for_editor()
        return lab

    def busy(self) -> bool:
        """Whether a lab of the open page is still running (or the page is gone)."""
        if self.page is None:
            return True
        try:
            return self.page.locator('[data-widget="lab"][data-lab-status="running"]').count() > 0
        except PlaywrightError:
            return True

    def assert_clean(self) -> None:
        """This test's time on the page sent nothing off the origin and raised no JavaScript error."""
        assert not self.log.foreign, f"requests left the site's origin: {self.log.foreign}"
        assert not self.log.unexpected_errors(), self.log.unexpected_errors()

    def close(self) -> None:
        self.pages.close()
        self.path = self.page = None


@pytest.fixture(scope="module")
def lab_pages(browser, site_server):
    pages = LabPages(browser, site_server)
    yield pages
    pages.close()


def labs_by_page() -> list[str]:
    """Every lab, those embedded in the same page next to each other."""
    site = ROOT / "site"
    return sorted(lab_ids(), key=lambda lab_id: (find_lab_page(site, lab_id) or "", lab_id))


@pytest.mark.parametrize("lab_id", labs_by_page())
def test_typed_solution_passes_every_check(lab_pages, lab_id):
    lab = lab_pages.open(lab_id)
    assert lab.run_code(lab_file(lab_id, "solution.py"), "Check") == "passed"
    checks = lab.checks()
    assert checks and set(checks.values()) == {"pass"}
    # Check ran the hidden checks too: more than Run shows.
    assert lab.root.locator("[data-check] .rnn-lab__hidden").count() > 0
    lab_pages.assert_clean()


def test_wrong_answer_fails_with_its_feedback(lab_pages):
    mistake = lab_file(LAB, "mistakes/forgot_exp.py")
    expected_feedback = mistake.splitlines()[0].split("feedback:", 1)[1].strip()
    lab = lab_pages.open(LAB)
    assert lab.run_code(mistake) == "failed"
    assert "fail" in lab.checks().values()
    expect(lab.root.locator(".rnn-lab__feedback")).to_contain_text(expected_feedback)
    failing = lab.root.locator("[data-check][data-status='fail']").first
    for label in ("Input", "Expected", "Got"):
        expect(failing.locator("dt", has_text=label)).to_have_count(1)
    lab_pages.assert_clean()


def test_run_shows_public_checks_and_check_adds_hidden_ones(lab_pages):
    lab = lab_pages.open(LAB)
    lab.run_code(lab_file(LAB, "solution.py"), "Run")
    public = set(lab.checks())
    assert lab.root.locator(".rnn-lab__hidden").count() == 0
    lab.wait_until_done(lab.start("Check"))
    assert public < set(lab.checks())
    lab_pages.assert_clean()


def test_ctrl_enter_in_the_editor_runs_the_code(page, site_server):
    hold_python(page)  # pressing the keys is what is tested: the run waits for Python
    lab = open_lab(page, site_server, LAB)
    lab.type_code(lab_file(LAB, "solution.py"))
    page.keyboard.press("ControlOrMeta+Enter")
    expect(lab.root).to_have_attribute("data-lab-status", "running")
    expect(lab.root.locator(".rnn-lab__summary")).to_have_text("Waiting for Python to load…")
    assert lab.code() == lab_file(LAB, "solution.py")  # the keys ran the code, they inserted no line


# ---------------------------------------------------------------- runaway code

def assert_loop_stopped_at_time_limit(lab, isolated: bool):
    """`while True: pass` ends at the lab's time limit with its message while the page keeps
    answering: by KeyboardInterrupt on an isolated page, by restarting the worker otherwise."""
    limit = lab_meta(LAB)["time_limit_s"]
    assert lab.page.evaluate("crossOriginIsolated") is isolated
    lab.wait_for_python()
    lab.type_code(LOOP)
    token = lab.start("Run")
    wait_until_looping(lab)
    assert_responsive(lab)
    assert lab.wait_until_done(token) == "error"
    assert TIME_LIMIT_MESSAGE.format(limit) in lab.summary
    assert lab.root.get_attribute("data-stop-path") == ("interrupt" if isolated else "restart")
    return lab


def test_infinite_loop_is_interrupted_at_the_time_limit(lab_pages):
    # The interrupt lands within a second on an idle machine; a loaded one (make test's workers)
    # may need longer before the client gives up on it and restarts Python instead: the shared
    # page gives it 20 s (LabPages).
    lab = assert_loop_stopped_at_time_limit(lab_pages.open(LAB), isolated=True)
    # KeyboardInterrupt stopped it: no restart, so Python is ready at once.
    expect(lab.root.locator(".rnn-lab__loading")).to_be_hidden()
    assert lab.root.get_attribute("data-python") == "ready"
    assert_next_run_works(lab)
    lab_pages.assert_clean()


def test_infinite_loop_without_isolation_is_stopped_by_a_restart(plain_page, plain_server):
    assert_next_run_works(assert_loop_stopped_at_time_limit(open_lab(plain_page, plain_server, LAB), isolated=False))


def test_stop_button_interrupts_running_code(lab_pages):
    lab = lab_pages.open(LAB)
    lab.wait_for_python()
    lab.type_code(LOOP)
    token = lab.start("Run")
    wait_until_looping(lab)
    lab.press("Stop")
    assert lab.wait_until_done(token) == "idle"
    # KeyboardInterrupt stopped it, not the restart fallback: Python never went back to loading. (Once
    # in about sixty Stops Pyodide used to wipe the interrupt: the next test.)
    assert lab.root.get_attribute("data-stop-path") == "interrupt"
    expect(lab.root.locator(".rnn-lab__loading")).to_be_hidden()
    assert lab.root.get_attribute("data-python") == "ready"
    assert lab.summary == "Stopped."
    expect(lab.button("Stop")).to_be_disabled()
    assert_next_run_works(lab)
    lab_pages.assert_clean()


def test_stop_raises_the_interrupt_again_while_the_code_runs_on(page, site_server):
    # Pyodide clears its interrupt buffer in a second step after reading it, so a Stop stored
    # between the two is lost; the client raises it again while the run goes on. Code that counts
    # the interrupts it swallows (one progress point each) sees more than one before the restart.
    page.add_init_script("globalThis.RNN_INTERRUPT_GRACE_MS = 5000")
    lab = open_lab(page, site_server, LAB)
    lab.wait_for_python()
    lab.type_code(STARTED + "n = 1\nwhile True:\n    try:\n        while True:\n            pass\n"
                  "    except KeyboardInterrupt:\n        n += 1\n        grader.report(n, 1.0)\n")
    token = lab.start("Run")
    wait_until_looping(lab)
    lab.press("Stop")
    page.wait_for_function("(el) => Number(el.dataset.points) >= 3", arg=lab.root.locator("[data-progress]").element_handle())
    assert lab.wait_until_done(token) == "idle"
    assert lab.root.get_attribute("data-stop-path") == "restart"


def test_stop_restarts_python_when_the_code_swallows_the_interrupt(page, site_server):
    lab = open_lab(page, site_server, LAB)
    lab.wait_for_python()
    lab.type_code(STUBBORN_LOOP)
    token = lab.start("Run")
    wait_until_looping(lab)
    lab.press("Stop")
    assert lab.wait_until_done(token) == "idle"
    # The interrupt was swallowed, so after its second of grace the worker was replaced.
    assert lab.root.get_attribute("data-stop-path") == "restart"
    assert_next_run_works(lab)


def test_leaving_the_page_stops_running_code(page, site_server):
    lab = open_lab(page, site_server, LAB)
    lab.wait_for_python()
    lab.type_code(LOOP)
    lab.start("Run")
    wait_until_looping(lab)
    left = lab.root.element_handle()  # still readable once instant navigation has detached it
    follow_link(page, site_server.url, "/")
    page.wait_for_function("el => el.dataset.stopPath !== undefined", arg=left)
    # What this test is about is that the job ended because the reader left. Which way it ended is
    # the Stop tests' business: here the page is also tearing down and, on a loaded machine, the
    # interrupt can miss its one-second grace and end in a restart; either is a stop, never "cancelled".
    assert left.get_attribute("data-stop-path") in ("interrupt", "restart")


# ---------------------------------------------------------------- the learner's code is kept

def test_code_survives_a_reload(page, site_server):
    hold_python(page)  # the editor and storage work without Python
    lab = open_lab(page, site_server, LAB)
    mine = "import numpy as np\n\n# my own attempt\ndef softmax(y):\n    return np.exp(y)"
    lab.type_code(mine)
    page.reload()  # at once: the save must not wait for its debounce
    lab = open_lab(page, site_server, LAB)
    assert lab.code() == mine


def test_changed_starter_is_announced_and_reset_loads_it(page, site_server):
    hold_python(page)  # the editor and storage work without Python
    lab = open_lab(page, site_server, LAB)
    mine = "def softmax(y):\n    return y  # mine"
    lab.type_code(mine)
    new_starter = lab_file(LAB, "starter.py") + "\n# updated by the course authors\n"
    page.context.route(f"**/labs/{LAB}/starter.py", lambda route: route.fulfill(
        status=200, body=new_starter, headers={"Content-Type": "text/plain; charset=utf-8",
                                               "Cross-Origin-Resource-Policy": "same-origin"}))
    page.reload()
    lab = open_lab(page, site_server, LAB)
    expect(lab.root.locator("[data-notice='starter-changed']")).to_contain_text(STARTER_CHANGED)
    assert lab.code() == mine  # kept, not shadowed by the new starter
    lab.press("Reset")
    assert lab.code().rstrip() == new_starter.rstrip()
    expect(lab.root.locator("[data-notice='starter-changed']")).to_have_count(0)


def test_reset_then_undo_restores_the_code(page, site_server):
    hold_python(page)  # the editor and storage work without Python
    lab = open_lab(page, site_server, LAB)
    mine = "def softmax(y):\n    return y * 2  # my work"
    lab.type_code(mine)
    lab.press("Reset")
    assert lab.code().rstrip() == lab_file(LAB, "starter.py").rstrip()
    lab.press("Undo reset")
    assert lab.code() == mine
    expect(lab.button("Undo reset")).to_be_hidden()
    page.reload()
    assert open_lab(page, site_server, LAB).code() == mine


def test_full_storage_is_said_visibly(page, site_server):
    hold_python(page)
    page.add_init_script("""
        Storage.prototype.setItem = function () {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
    """)
    lab = open_lab(page, site_server, LAB)
    lab.type_code("def softmax(y):\n    return y")
    notice = lab.root.locator("[data-notice='storage']")
    expect(notice).to_contain_text("storage for this site is full")
    expect(notice).to_have_attribute("role", "alert")
    assert lab.code() == "def softmax(y):\n    return y"


def test_huge_paste_is_refused_and_nothing_is_lost(page, site_server):
    hold_python(page)  # the editor and storage work without Python
    lab = open_lab(page, site_server, LAB)
    mine = "def softmax(y):\n    return y"
    lab.type_code(mine)
    page.keyboard.press("ControlOrMeta+End")
    page.keyboard.insert_text("\n# " + "x" * 250_000)
    expect(lab.root.locator("[data-notice='too-large']")).to_contain_text("was not inserted")
    assert lab.code() == mine


# ---------------------------------------------------------------- what the learner sees

def test_traceback_names_the_learners_line(lab_pages):
    lab = lab_pages.open(LAB)
    code = "import numpy as np\n\n\ndef softmax(y):\n    e = np.exp(y)\n    return e / np.sum(e, axis=1)\n"
    assert lab.run_code(code) == "failed"
    errored = lab.root.locator("[data-check][data-status='error']").first
    expect(errored).to_contain_text("line 6")
    traceback = errored.locator(".rnn-lab__traceback").inner_text()
    assert 'File "<your code>", line 6, in softmax' in traceback
    for internal in ("pyodide", "_rnn_runtime", "grader", "numpy/"):
        assert internal not in traceback
    # The editor marks that line too.
    expect(lab.root.locator(".cm-line.rnn-lab__error-line")).to_have_text("    return e / np.sum(e, axis=1)")

    assert lab.run_code("import numpy as np\n\nx = 1\nraise ValueError('boom')\n") == "error"
    expect(lab.root.locator(".rnn-lab__error")).to_contain_text("line 4")
    lab_pages.assert_clean()


def test_progress_reports_are_plotted_and_text_like_the_old_progress_mark_is_just_output(lab_pages):
    lab = lab_pages.open(LAB)
    # Progress used to travel as a marked line of output; such a line is now printed like any other.
    old_mark = '\\x1eprogress {"iteration": 1, "loss": 9.0, "sample": null}'
    lab.run_code(f"import grader\n\nprint('{old_mark}')\ngrader.report(5, 1.5, 'a sample')\n")
    progress = lab.root.locator("[data-progress]")
    expect(progress).to_have_attribute("data-points", "1")
    expect(progress.locator(".rnn-lab__progress-status")).to_have_text("Iteration 5: loss 1.500 nats per character.")
    expect(progress.locator(".rnn-lab__progress-sample")).to_have_text("a sample")
    assert 'progress {"iteration": 1, "loss": 9.0, "sample": null}' in lab.output()
    lab_pages.assert_clean()


def test_output_over_the_cap_is_cut_with_a_note(lab_pages):
    lab = lab_pages.open(LAB)
    lab.run_code("print('x' * 50_000)\n")
    expect(lab.root.locator(".rnn-lab__output-note")).to_have_text("Output cut after 20,000 characters.")
    assert len(lab.output()) == 20_000
    lab_pages.assert_clean()


def test_hints_are_revealed_one_at_a_time(page, site_server):
    hold_python(page)  # the editor and storage work without Python
    hints = lab_meta(LAB)["hints"]
    lab = open_lab(page, site_server, LAB)
    for n in range(1, len(hints) + 1):
        lab.press("Hint")
        expect(lab.root.locator(f"[data-hint='{n}']")).to_contain_text(f"Hint {n} of {len(hints)}")
    expect(lab.button("Hint")).to_be_disabled()


def test_keyboard_only_reader_can_indent_leave_the_editor_and_run(page, site_server):
    hold_python(page)
    lab = open_lab(page, site_server, LAB)
    lab.type_code("import numpy as np\ndef softmax(y):\nreturn y")
    page.keyboard.press("Tab")  # Tab indents inside the editor…
    assert lab.code().splitlines()[-1] == "    return y"
    expect(lab.editor).to_be_focused()
    page.keyboard.press("Escape")  # …and Escape then Tab moves on, to Run
    page.keyboard.press("Tab")
    expect(lab.button("Run")).to_be_focused()
    page.keyboard.press("Enter")
    expect(lab.root).to_have_attribute("data-lab-status", "running")
    expect(lab.button("Stop")).to_be_focused()  # Run is disabled now; focus moved to what can act
    page.keyboard.press("Enter")
    expect(lab.root).to_have_attribute("data-lab-status", "idle")
    expect(lab.root.locator(".rnn-lab__summary")).to_have_text("Stopped.")
    # Python was held back, so the run was still waiting for it: cancelled before it started.
    assert lab.root.get_attribute("data-stop-path") == "cancelled"
    expect(lab.button("Run")).to_be_focused()


def test_editor_is_labelled_and_free_of_autocorrection(page, site_server):
    hold_python(page)
    lab = open_lab(page, site_server, LAB)
    attrs = lab.editor.evaluate(
        "el => Object.fromEntries(['aria-label', 'autocapitalize', 'autocorrect', 'spellcheck']"
        ".map(a => [a, el.getAttribute(a)]))"
    )
    assert attrs["aria-label"].startswith("Python code for the lab")
    assert (attrs["autocapitalize"], attrs["autocorrect"], attrs["spellcheck"]) == ("off", "off", "false")
    keys_help = lab.editor.evaluate("el => document.getElementById(el.getAttribute('aria-describedby')).textContent")
    assert "Esc" in keys_help and "Tab" in keys_help


def test_lab_with_results_has_no_axe_violations(lab_pages):
    lab = lab_pages.open(LAB)
    lab.press("Hint")
    lab.run_code(lab_file(LAB, "mistakes/forgot_exp.py"), "Check")
    try:
        # Every rule in the light palette, the colour rules again in the dark one.
        assert axe_violations_by_scheme(lab.page, within=lab.selector) == {}
    finally:
        set_color_scheme(lab.page, "light")  # the next test on this shared page reads it light
    lab_pages.assert_clean()


# ---------------------------------------------------------------- loading

def test_python_failing_to_load_is_explained_and_the_code_is_kept(page, site_server, page_log):
    page_log.allow_error("404")
    page.context.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="not here"))
    lab = open_lab(page, site_server, LAB)
    mine = "def softmax(y):\n    return y  # keep me"
    lab.type_code(mine)
    expect(lab.root).to_have_attribute("data-state", "error", timeout=BOOT_TIMEOUT_MS)
    expect(lab.root.locator(".rnn-widget__error")).to_contain_text("pyodide.asm.wasm could not be downloaded")
    assert lab.code() == mine
    page.reload()
    assert open_lab(page, site_server, LAB).code() == mine


@pytest.mark.first_visit
def test_python_restores_the_builds_snapshot_once_a_cache_holds_it(page, site_server):
    # A first visit starts Python itself (the snapshot is 5 MB the reader has not downloaded yet),
    # then fetches the snapshot in the background; the next visit restores it from the HTTP cache.
    with page.context.expect_event("requestfinished", lambda r: SNAPSHOT_URL in r.url, timeout=BOOT_TIMEOUT_MS):
        lab = open_lab(page, site_server, LAB)
        lab.wait_for_python()
    assert lab.root.get_attribute("data-python-start") == "cold"
    page.reload()
    lab = LabPage(page, LAB)
    lab.wait_for_python()
    assert lab.root.get_attribute("data-python-start") == "snapshot"
    assert lab.run_code(lab_file(LAB, "solution.py"), "Check") == "passed"


@pytest.mark.first_visit
def test_pyodide_is_requested_only_on_pages_with_a_lab(page, site_server):
    requested = []
    page.context.on("request", lambda r: requested.append(r.url))
    page.goto(site_server.url + "/")
    assert page.locator("[data-widget='lab']").count() == 0
    mount_all_widgets(page)
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "/pyodide" in u], "Pyodide was requested on a page without a lab"
    # The request is the point, not the boot (the other lab tests wait for that).
    wasm = "/assets/build/pyodide/pyodide.asm.wasm"
    with page.context.expect_event("request", lambda r: r.url.endswith(wasm), timeout=BOOT_TIMEOUT_MS):
        open_lab(page, site_server, LAB)


@pytest.mark.first_visit
def test_a_lab_within_reach_at_load_has_python_started_while_the_page_loads(page, site_server):
    # The early start (widgets/runtime/pyodide/early.ts) creates the worker before the lab's own code
    # arrives, and the lab adopts it: one worker, one Pyodide, and Python works as usual.
    requests = []
    page.context.on("request", lambda r: requests.append(r.url.rsplit("/", 1)[-1]))
    lab = open_lab(page, site_server, LAB)
    lab.wait_for_python()
    lab_code = next(i for i, name in enumerate(requests) if re.fullmatch(r"lab-\w+\.js", name))
    assert requests.index("runtime-pyodide-worker.js") < lab_code
    assert requests.count("runtime-pyodide-worker.js") == 1 and requests.count("pyodide.asm.wasm") == 1
    assert lab.run_code(lab_file(LAB, "solution.py"), "Check") == "passed"


OUT_OF_REACH = "/modules/03-vanishing-gradients-lstm/labs/"
# A lab of that page: Python starts when the reader reaches it, with its downloads yet to come.
OUT_OF_REACH_LAB = "gradient_through_time"


@pytest.mark.first_visit
def test_a_lab_out_of_reach_at_load_starts_python_only_when_the_reader_reaches_it(page, site_server):
    requested = []
    page.context.on("request", lambda r: requested.append(r.url))
    page.goto(site_server.url + OUT_OF_REACH)
    page.wait_for_load_state("networkidle")
    # The widgets mount within the viewport and WIDGET_REACH_PX below it: this page's first lab
    # starts below that, so neither the lab nor the early start loads anything yet.
    top = page.evaluate("document.querySelector('[data-widget=lab]').getBoundingClientRect().top - innerHeight")
    assert top > WIDGET_REACH_PX
    assert not [u for u in requested if "/pyodide/" in u or "pyodide-worker" in u], requested
    with page.context.expect_event("request", lambda r: r.url.endswith("/runtime-pyodide-worker.js"), timeout=BOOT_TIMEOUT_MS):
        page.locator("[data-widget='lab']").first.scroll_into_view_if_needed()


@pytest.mark.first_visit
def test_loading_indicator_names_the_file_and_its_progress(page, site_server):
    # Every label a status set, even several set between two calls of the observer. On a page whose
    # lab is out of reach at load, Python starts when the reader reaches the lab, so its downloads
    # are still to come (where it starts while the page loads, they may be over by then).
    page.add_init_script("""
        window.__labels = [];
        new MutationObserver((records) => {
            for (const r of records) {
                if (!(r.target instanceof Element) || !r.target.matches('.rnn-lab__loading-label')) continue;
                for (const n of r.addedNodes) if (window.__labels.at(-1) !== n.textContent) window.__labels.push(n.textContent);
            }
        }).observe(document, {subtree: true, childList: true});
    """)
    assert find_lab_page(site_server.root, OUT_OF_REACH_LAB) == OUT_OF_REACH
    lab = open_lab(page, site_server, OUT_OF_REACH_LAB)
    lab.wait_for_python()
    labels = page.evaluate("window.__labels")
    assert any(re.fullmatch(r"Loading Python: pyodide\.asm\.wasm, \d+\.\d of 10\.1 MB", t) for t in labels), labels
    assert lab.state == "ready"


@pytest.mark.first_visit
def test_python_is_kept_across_instant_navigation(page, site_server):
    lab_path = find_lab_page(site_server.root, LAB)
    wasm = []
    page.context.on("request", lambda r: r.url.endswith("/pyodide.asm.wasm") and wasm.append(r.url))
    open_lab(page, site_server, LAB).wait_for_python()
    page.evaluate("window.__samePage = true")
    follow_link(page, site_server.url, "/")
    follow_link(page, site_server.url, lab_path)
    assert page.evaluate("window.__samePage") is True, "the links did a full page load, not instant navigation"
    lab = LabPage(page, LAB)
    # The URL changes when Material starts the swap: the lab found first may be replaced a moment
    # later. The locator finds the new one on the next try.
    for _ in range(5):
        try:
            lab.root.scroll_into_view_if_needed()
            break
        except PlaywrightError as err:
            if "not attached" not in str(err):
                raise
    lab.wait_for_editor()
    assert lab.run_code(lab_file(LAB, "solution.py")) == "passed"
    assert len(wasm) == 1  # one Pyodide: the worker outlived the lab that started it


def test_plain_run_traceback_has_only_the_learners_frames(page, site_server):
    # The worker protocol straight from the page, as a NumPy widget's plain run uses it.
    page.goto(site_server.url + "/")
    outcome = page.evaluate(
        """async () => {
        const worker = new Worker('/assets/build/widgets/runtime-pyodide-worker.js', {type: 'module'});
        const events = [];
        const next = (type) => new Promise((resolve) => worker.addEventListener('message', function on(e) {
            events.push(e.data);
            if (e.data.type === type || e.data.type === 'boot-failed') {
                worker.removeEventListener('message', on);
                resolve(e.data);
            }
        }));
        const root = location.origin + '/assets/build/';
        const ready = next('ready');
        worker.postMessage({type: 'boot', indexURL: root + 'pyodide/', graderURL: root + 'grader/grader.py',
                            interruptBuffer: null});
        await ready;
        const done = next('done');
        worker.postMessage({type: 'run', id: 7, outputLimit: 1000,
                            code: 'import numpy as np\\nprint("hi")\\ndef f(a):\\n    return np.ones(2) @ a\\n\\nf(np.ones(3))\\n'});
        const result = await done;
        worker.terminate();
        return {result, output: events.filter(e => e.type === 'output').map(e => e.text).join('')};
    }"""
    )
    assert outcome["output"] == "hi\n"
    assert outcome["result"]["id"] == 7
    error = outcome["result"]["outcome"]["error"]
    assert error["type"] == "ValueError" and error["line"] == 4
    frames = [line for line in error["traceback"].splitlines() if line.startswith("  File")]
    assert frames == ['  File "<your code>", line 6, in <module>', '  File "<your code>", line 4, in f']


def test_only_the_first_failing_check_is_spelled_out(lab_pages):
    lab = lab_pages.open(LAB)
    assert lab.run_code(lab_file(LAB, "starter.py"), "Check") == "failed"
    failing = lab.root.locator("[data-check][data-status='fail'] details.rnn-lab__more")
    assert failing.count() > 2
    opened = [failing.nth(i).evaluate("d => d.open") for i in range(failing.count())]
    assert opened[0] is True and not any(opened[1:])
    lab_pages.assert_clean()