"""Shared fixtures: the built site, a static server on port 0, and Chromium.

Browser tests follow pytest-pyodide's habits: one browser per test process, a
new page (and empty storage) per test, the page's console printed when a test
fails, JavaScript errors and requests that leave the site's origin turned into
test failures. The pages of a test process share one context (SharedContext: the
site's storage cleared before each test, the HTTP cache kept, so Pyodide and
onnxruntime-web are compiled once per process, not once per test); a test of a
first visit is marked `first_visit` and gets a context of its own.
"""
from __future__ import annotations

import os

# One BLAS and OpenMP thread per process, set before anything imports NumPy or PyTorch: `make test`
# runs four workers on a two-core machine, and libraries that start a spinning thread per core in
# every worker fight over the cores (a NumPy training replay took 24 minutes instead of 3).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

import pytest

import jsunit
from coursekit.serve import serve_in_thread
from sitepages import AXE, AXE_URL_PATH

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
# The corpora and other data that live beside the checkout, not in it (CI clones next to it).
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
# `make test` sets it: there a test whose input is missing fails instead of skipping, so that a
# build that lost Pyodide, or a ../shared without its corpora, cannot pass as green.
REQUIRE_ALL = os.environ.get("COURSE_REQUIRE_ALL") == "1"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
# The browser the tests drive: Chromium's headless shell where it is installed (Debian's
# chromium-headless-shell, the same Chromium build without the full browser's layer; `make chromium`
# installs it), else the full browser; TEST_CHROMIUM names another. The shell takes a fifth to a
# third less CPU per browser test module on two cores. Its renderer crashed once in seven full runs
# (on an ORT page of the every-page walk): the walk tries a page again in a new renderer, and make
# test reruns a test once when its browser crashed (pytest-rerunfailures: the Makefile's --only-rerun).
HEADLESS_SHELL = shutil.which("chromium-headless-shell")
TEST_CHROMIUM = os.environ.get("TEST_CHROMIUM", HEADLESS_SHELL or CHROMIUM)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Nothing may leave the site's origin: every request but loopback goes to a proxy that is not
    # there and fails, which open_page records as foreign. (Routing every request through
    # Playwright, as before, cost a round trip to this process per file and turned off the cache.)
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=127.0.0.1;localhost",
]


def missing(what: str, *, required: bool = True) -> NoReturn:
    """Skip the test because `what` is not on this machine; fail instead under `make test`
    (COURSE_REQUIRE_ALL=1) when `required`."""
    if REQUIRE_ALL and required:
        pytest.fail(f"{what}, and make test needs it (COURSE_REQUIRE_ALL=1)", pytrace=False)
    pytest.skip(what)


def missing_shared(what: str) -> NoReturn:
    """`missing` for data of ../shared: required only where ../shared is beside the checkout
    (the CI layout); a clone without it skips these tests even under make test."""
    missing(f"{what} (looked in {SHARED})", required=SHARED.is_dir())


@pytest.fixture
def corpora() -> Path:
    """../shared/corpora, with its MANIFEST.md; skips (or fails: `missing_shared`) without it."""
    if not (CORPORA / "MANIFEST.md").is_file():
        missing_shared("the corpora are not on this machine")
    return CORPORA


@dataclass
class Server:
    url: str
    root: Path


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The site as `make site` built it (make test builds it before pytest)."""
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is not built: run `make site` (make test does this first)")
    return SITE


# What the test servers answer beside the site: axe-core at AXE_URL_PATH, for pages that keep the
# site's policy (it refuses inline scripts). Served, not routed: a Playwright route on a page turns
# off its HTTP cache and sends every request through Playwright (the every-page walk loads 25 pages
# in one page, each needing Material's, the widgets' and the runtimes' files again).
TEST_FILES = {AXE_URL_PATH: AXE}


@pytest.fixture(scope="session")
def site_server(built_site: Path):
    """The built site served with COOP/COEP (cross-origin isolated)."""
    server, url = serve_in_thread(built_site, isolated=True, extra_files=TEST_FILES)
    yield Server(url, built_site)
    server.shutdown()


@pytest.fixture(scope="session")
def plain_server(built_site: Path):
    """The built site served without isolation headers (no SharedArrayBuffer)."""
    server, url = serve_in_thread(built_site, isolated=False, extra_files=TEST_FILES)
    yield Server(url, built_site)
    server.shutdown()


@pytest.fixture(scope="session")
def pw():
    """One Playwright (its Node driver) per test process: a second one in the same thread is
    refused, and starting one costs about half a CPU-second."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=WAIT_MS)  # Playwright's own default is 5 s
    with sync_playwright() as p:
        yield p


class SharedBrowser:
    """The headless Chromium the test modules of one process share (each test makes its own
    context, so no state passes between tests); a new one if the last was lost (a crash)."""

    def __init__(self, pw):
        self.pw, self.browser = pw, None

    def get(self):
        if self.browser is None or not self.browser.is_connected():
            self.browser = self.pw.chromium.launch(executable_path=TEST_CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        return self.browser

    def close(self) -> None:
        if self.browser is not None and self.browser.is_connected():
            self.browser.close()


@pytest.fixture(scope="session")
def shared_browser(pw):
    holder = SharedBrowser(pw)
    yield holder
    holder.close()


@pytest.fixture(scope="module")
def browser(shared_browser):
    """Headless Chromium: one per test process, launched again only if it was lost. A launch and
    the Playwright driver behind it cost about a CPU-second; make test has some fifty browser
    modules."""
    return shared_browser.get()


@dataclass
class PageLog:
    """What a page said and did: console lines, uncaught errors, foreign requests."""
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    allowed_errors: list[str] = field(default_factory=list)

    def allow_error(self, fragment: str) -> None:
        """Declare an expected console error or page error (a test of a failure path)."""
        self.allowed_errors.append(fragment)

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.errors if not any(a in e for a in self.allowed_errors)]


def _same_origin(url: str, base: str) -> bool:
    u, b = urlsplit(url), urlsplit(base)
    if u.scheme in ("data", "blob", "about"):
        return True
    return (u.scheme, u.netloc) == (b.scheme, b.netloc)


def open_page(browser, base_url: str, log: PageLog, **context_options):
    """A fresh context (Playwright's `new_context` options, e.g. a viewport or a touch screen) and
    page wired to `log`; requests off the origin fail (CHROMIUM_ARGS' proxy) and are logged as
    foreign. The site's service worker is blocked
    unless `service_workers="allow"` is passed (tests/test_offline_browser.py): elsewhere it would
    download the offline copy behind every test and make an unisolated server's page isolated.
    The page's Content-Security-Policy is bypassed unless `bypass_csp=False` is passed: Playwright
    compiles a string given to `wait_for_function` with eval(), which the policy forbids (the
    every-page walk of tests/test_site_browser.py runs under the policy and checks it)."""
    context = site_context(browser, base_url, log.foreign.append, **context_options)
    return context, wire_page(context.new_page(), log)


def site_context(browser, base_url: str, on_foreign, **context_options):
    """A new context as the tests use them (`open_page` says which defaults and why) whose failed
    requests off `base_url`'s origin are handed to `on_foreign` (their URL)."""
    context_options.setdefault("service_workers", "block")
    context_options.setdefault("bypass_csp", True)
    context = browser.new_context(**context_options)
    context.on("requestfailed", lambda r: _same_origin(r.url, base_url) or on_foreign(r.url))
    return context


def wire_page(page, log: PageLog):
    """`page` with its console lines and uncaught errors going to `log`."""
    page.on("console", lambda m: log.console.append(f"[{m.type}] {m.text}"))
    page.on("console", lambda m: m.type == "error" and log.errors.append(f"console.error: {m.text}"))
    page.on("pageerror", lambda e: log.errors.append(f"pageerror: {e}"))
    return page


class BrokenDownload:
    """Answers requests matching `pattern` with a 404 until `heal()`; from then on they go through.

    The route stays installed for the whole test: removing it (`page.unroute`) while a matching
    request is being dispatched let the context's route handle an already fulfilled request
    ("Route is already handled", seen once in CI). Here every request is handled exactly once."""

    def __init__(self, page, pattern: str):
        self.broken = True
        self.failed: list[str] = []
        page.route(pattern, self._handle)

    def _handle(self, route) -> None:
        if self.broken:
            self.failed.append(route.request.url)
            route.fulfill(status=404, body="gone")
        else:
            route.fallback()

    def heal(self) -> None:
        self.broken = False


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


# How long a Playwright wait or `expect` may take before the test fails. Waits are for what the code
# says (a data attribute, a progress report), so this only bounds a failure: it is generous because
# `make test` runs several workers, each with its Chromium, on what may be a shared 2-core machine.
WAIT_MS = 60_000


@contextmanager
def checked_page(browser, base_url: str, log: PageLog, request, timeout_ms: int = WAIT_MS, **context_options):
    """A fresh page for one test (in a context made with `context_options`): prints its console if
    the test failed, then fails the test on any JavaScript error or request that left the site's origin."""
    context, pg = open_page(browser, base_url, log, **context_options)
    pg.set_default_timeout(timeout_ms)
    try:
        yield pg
    finally:
        context.close()
    assert_page_clean(log, request)


def assert_page_clean(log: PageLog, request) -> None:
    """After a test: its page's console printed if it failed; then a failure for any JavaScript
    error or request that left the site's origin."""
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        print("\n--- page console ---\n" + "\n".join(log.console[-200:]))
    assert not log.foreign, f"requests left the site's origin: {log.foreign}"
    unexpected = log.unexpected_errors()
    assert not unexpected, "JavaScript errors in the page:\n" + "\n".join(unexpected)


class SharedContext:
    """One browser context for the `page` tests of a test process, with a new page for each test
    and the origin's storage (cookies, local storage, IndexedDB, Cache Storage, service workers)
    cleared before it. What carries from test to test, and from module to module, is only the
    context's HTTP cache, with the code V8 compiled from it: a second Pyodide boot there costs about
    1.4 CPU-s less than one in a fresh context, and onnxruntime-web's wasm is compiled once."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.context = None
        self.log: PageLog | None = None

    def open(self, browser, log: PageLog):
        if self.context is None or self.context.browser is not browser or not browser.is_connected():
            self.close()
            self.context = site_context(browser, self.base_url, self._foreign)
        self.log = log
        page = wire_page(self.context.new_page(), log)
        self._clear_storage(page)
        return page

    def _foreign(self, url: str) -> None:
        if self.log is not None:
            self.log.foreign.append(url)

    def _clear_storage(self, page) -> None:
        cdp = self.context.new_cdp_session(page)
        try:
            cdp.send("Storage.clearDataForOrigin", {"origin": self.base_url, "storageTypes": "all"})
        finally:
            cdp.detach()

    def end_test(self) -> None:
        """Close the test's pages and take back what it set on the context. A context whose clock
        a test installed (`page.clock` is the context's, and stays installed) is closed instead:
        the next test's timers would run on the fake clock, or never."""
        if self.context is None:
            return
        try:
            if any(pg.evaluate("typeof globalThis.__pwClock !== 'undefined'") for pg in self.context.pages):
                self.close()
                return
            for pg in list(self.context.pages):
                pg.close()
            self.context.unroute_all(behavior="ignoreErrors")
            self.context.clear_permissions()
            self.context.set_offline(False)
        except Exception:  # noqa: BLE001  (a crashed context: the next test makes a new one)
            self.close()
        self.log = None

    def close(self) -> None:
        if self.context is not None:
            try:
                self.context.close()
            except Exception:  # noqa: BLE001
                pass
        self.context = None


@contextmanager
def shared_page(shared: SharedContext, browser, log: PageLog, request, timeout_ms: int = WAIT_MS):
    """As `checked_page`, a page for one test, but in `shared`'s context (taken back after it)."""
    pg = shared.open(browser, log)
    pg.set_default_timeout(timeout_ms)
    try:
        yield pg
    finally:
        shared.end_test()
    assert_page_clean(log, request)


@pytest.fixture(scope="session")
def shared_context(site_server):
    holder = SharedContext(site_server.url)
    yield holder
    holder.close()


@pytest.fixture
def page(browser, site_server, page_log, request):
    """A new page on the isolated server, in the test process's shared context (SharedContext: the
    origin's storage cleared, the HTTP cache kept); fails the test on JS errors or foreign requests.
    A test marked `first_visit` (what a first visit downloads, what a cold start does) gets a
    context of its own instead, with nothing cached."""
    if request.node.get_closest_marker("first_visit"):
        with checked_page(browser, site_server.url, page_log, request) as pg:
            yield pg
        return
    with shared_page(request.getfixturevalue("shared_context"), browser, page_log, request) as pg:
        yield pg


def pytest_configure(config):
    config.addinivalue_line("markers", "first_visit: the test's `page` is in a context of its own (nothing in its HTTP cache)")


# Modules that take a minute or more of test time (make test's --durations), slowest first.
SLOW_FIRST = ("test_site_browser", "test_lab_browser", "test_training_studio_browser", "test_grader", "test_module5_generated",
              "test_module2_widgets", "test_translator_widgets_browser", "test_lstm_widgets", "test_reader_comfort",
              "test_build_models_export", "test_decision_tools_browser", "test_onnx_parity", "test_model_widgets",
              "test_reader_extras_browser", "test_translation_browser", "test_labs", "test_module9_browser", "test_paths_browser")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Put the slow test modules first. `make test` runs `pytest -n N --dist loadfile
    --no-loadscope-reorder`: each test module runs on one worker (its browser and its built models
    are made once), and the modules are handed out in collection order, so the slow ones start
    first and no worker starts one while the others are finishing.

    Not `--dist loadgroup`: with pytest 9.2 and pytest-xdist 3.8 its groups never form (xdist
    marks a group by rewriting `item._nodeid`, which pytest 9 no longer reads), and every module's
    fixtures were built once per worker it reached (the translator pipeline's three times)."""

    def rank(item) -> int:
        name = item.module.__name__
        return next((i for i, slow in enumerate(SLOW_FIRST) if name.startswith(slow)), len(SLOW_FIRST))

    items.sort(key=rank)  # stable: within a rank, collection order


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item so fixtures can see whether the test failed."""
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)


@pytest.fixture(scope="module")
def js_results(request, tmp_path_factory) -> dict[str, str | None]:
    """The test module's `JS_TESTS` file (tests/js/*.test.ts) run once in Node: {case: None | failure}."""
    return jsunit.run(request.module.JS_TESTS, tmp_path_factory.mktemp("js"))


@pytest.fixture(scope="module")
def js_values(request, tmp_path_factory):
    """The test module's `JS_VALUES` file (tests/js/*.values.ts) run once in Node: what it printed."""
    return jsunit.values(request.module.JS_VALUES, tmp_path_factory.mktemp("js"))


def pytest_generate_tests(metafunc):
    """A test taking `js_case` runs once per `test("...")` case of its module's `JS_TESTS` file."""
    if "js_case" in metafunc.fixturenames:
        metafunc.parametrize("js_case", jsunit.cases(metafunc.module.JS_TESTS))
