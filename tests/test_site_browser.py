"""The site as a reader meets it: instant navigation, no third-party requests, accessibility."""
import contextlib
import fcntl
import json
import os
import re
from dataclasses import asdict, dataclass, field

import pytest
from conftest import WAIT_MS, PageLog, open_page
from playwright.sync_api import Error as PlaywrightError

from sitepages import MATERIAL_CHROME, MODULE2, axe_violations_by_scheme, chrome_pages, click_link_to, mount_all_widgets, page_paths, page_share
from sitepages import InFlight, hold_python, hold_python_script, load_axe, page_share_params
from sitepages import axe_violations  # noqa: F401  (tests on other branches import it from here)

PRACTICE = f"/{MODULE2}practice/"


def test_page_is_cross_origin_isolated(page, site_server):
    page.goto(site_server.url + "/")
    assert page.evaluate("crossOriginIsolated") is True


def test_home_page_presents_the_four_learning_paths(page, site_server):
    page.goto(site_server.url + "/")
    text = page.locator("article").inner_text()
    for path in ("Path A", "Path B", "Path C", "Path D"):
        assert path in text


def test_a_request_off_the_origin_fails_and_is_recorded_as_foreign(browser, site_server):
    """The guard every browser test stands on (conftest's CHROMIUM_ARGS and open_page): a request to
    another host, by name or by address, never reaches it and lands in the page's log."""
    log = PageLog()
    context, page = open_page(browser, site_server.url, log)
    try:
        page.goto(site_server.url + "/")
        away = ["http://example.com/ping", "http://203.0.113.5/ping"]
        outcomes = page.evaluate("(urls) => Promise.all(urls.map((u) => fetch(u).then(() => 'answered', () => 'failed')))", away)
        assert outcomes == ["failed", "failed"]
        for _ in range(500):  # the events come over Playwright's connection, a moment after the fetch fails
            if len(log.foreign) == len(away):
                break
            page.wait_for_timeout(20)
        assert sorted(log.foreign) == sorted(away)
    finally:
        context.close()


# Every Content-Security-Policy violation of a page (overrides/main.html's meta tag), as the browser reports it.
RECORD_CSP = """document.addEventListener('securitypolicyviolation', (e) => (window.__csp ||= []).push(
  `${e.effectiveDirective} refused ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`));"""


@dataclass
class Walk:
    """What one share of the every-page walk saw: load problems by page, the JavaScript errors and
    foreign requests of the whole walk, axe's violations by "page (palette)", and the pages that
    scroll sideways on a phone (390 × 844) with what sticks out, and the widget controls a keyboard
    cannot reach or operate."""
    problems: dict[str, list[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    axe: dict[str, list[dict]] = field(default_factory=dict)
    sideways: dict[str, dict] = field(default_factory=dict)
    keyboard: dict[str, list[str]] = field(default_factory=dict)


# One walk per share, made by whichever of the share's tests runs first, in whichever process:
# xdist does not always keep a group on one worker, so the record is a file in the run's temporary
# folder (shared by its workers), written under a lock that the others wait on. Loading every page
# and mounting every widget is the expensive part; the tests only read the record.
_WALKS: dict[int, Walk] = {}


def walked(browser, site_server, built_site, share: int, tmp_path_factory) -> Walk:
    if share in _WALKS:
        return _WALKS[share]
    base = tmp_path_factory.getbasetemp()
    folder = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base   # this run's, never an older one's
    record, lock = folder / f"site-walk-{share}.json", folder / f"site-walk-{share}.lock"
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        if record.is_file():
            walk = Walk(**json.loads(record.read_text()))
        else:
            walk = walk_share(browser, site_server, built_site, share)
            record.write_text(json.dumps(asdict(walk)))
    _WALKS[share] = walk
    return walk


def walk_share(browser, site_server, built_site, share: int) -> Walk:
    with_chrome = chrome_pages(page_paths(built_site))
    return walk_paths(browser, site_server, page_share(built_site, share),
                      lambda page, server, path: walk_one_page(page, server, path, chrome=path in with_chrome))


# The pages whose only Python is their labs' or the studio's, walked with Python held back: their
# Pyodide worker never answers, as with `hold_python`. Python boots under the site's policy on the
# walk's other Python pages (Module 2's practice page with its labs, Module 3's vanishing page, the
# studio's own page, the NumPy appendix's snippets); the policy is one meta tag for every page, and
# each of these pages' labs boots Python and passes its solution in test_lab_browser.py (the
# dashboard's studio in test_module9_browser.py). A boot costs 5-7 CPU-s of a two-core machine.
WALKED_WITHOUT_PYTHON = ["/modules/03-vanishing-gradients-lstm/labs/", "/modules/04-char-language-modeling/labs/",
                         "/modules/07-attention/labs/", "/modules/09-implementation/labs/",
                         "/modules/09-implementation/dashboard/"]


def walk_paths(browser, site_server, paths: list[str], walk_one=None) -> Walk:
    """Walk `paths` in one page (`walk_one_page` each, or `walk_one`: a test's stand-in)."""
    walk_one = walk_one or walk_one_page
    walk, log = Walk(), PageLog()
    crashed: list[str] = []

    def open_walk_page():
        # This page keeps the site's Content-Security-Policy (other tests bypass it) and records what
        # it refuses; open_page aborts and logs any request off the origin.
        context, page = open_page(browser, site_server.url, log, bypass_csp=False)
        page.set_default_timeout(WAIT_MS)
        page.add_init_script(RECORD_CSP)
        page.add_init_script(hold_python_script(WALKED_WITHOUT_PYTHON))
        page.on("crash", lambda _: crashed.append(page.url))
        return context, page

    context, page = open_walk_page()
    try:
        for path in paths:
            # A renderer that crashes (Chromium's own failure, seen once in the headless shell on an
            # ORT page) takes the walk's page with it: the page is walked again in a new one, and a
            # second crash is its problem.
            for attempt in (1, 2):
                seen = walk_one(page, site_server, path)
                if not crashed:
                    break
                context.close()
                context, page = open_walk_page()
                if attempt == 2:
                    seen["problems"].append(f"the renderer crashed twice (at {crashed[0]})")
                crashed.clear()
            for key in ("problems", "keyboard", "sideways"):
                if seen[key]:
                    getattr(walk, key)[path] = seen[key]
            walk.axe.update(seen["axe"])
    finally:
        context.close()
    walk.errors, walk.foreign = log.unexpected_errors(), list(log.foreign)
    return walk


def walk_one_page(page, site_server, path: str, chrome: bool = True) -> dict:
    """What the walk sees of one page: load problems, keyboard failures, axe's violations by
    "path (palette)" (of its content alone unless `chrome`: MATERIAL_CHROME), and what sticks out
    sideways on a phone (each empty when none)."""
    seen = {"problems": [], "keyboard": [], "axe": {}, "sideways": {}}
    try:
        seen["problems"] = load_page(page, site_server, path)
    except (Exception, pytest.fail.Exception) as e:  # a page that never settles: its problem, then the next page
        seen["problems"] = [f"{type(e).__name__}: {e}"]
        return seen
    try:
        seen["keyboard"] = page.evaluate(KEYBOARD)
    except Exception as e:  # noqa: BLE001  (recorded: the keyboard test fails with it)
        seen["keyboard"] = [f"the check did not run: {type(e).__name__}: {e}"]
    try:
        load_axe(page, site_server.url)
        for scheme, violations in axe_violations_by_scheme(page, exclude=() if chrome else MATERIAL_CHROME).items():
            seen["axe"][f"{path} ({scheme})"] = violations
    except Exception as e:  # noqa: BLE001  (recorded: the axe test fails with it)
        seen["axe"][path] = [{"id": "axe did not run", "help": f"{type(e).__name__}: {e}", "nodes": []}]
    try:
        page.set_viewport_size(PHONE)
        wide = page.evaluate(SIDEWAYS)
        if wide["scroll"] > wide["client"]:
            seen["sideways"] = wide
    except Exception as e:  # noqa: BLE001  (recorded: the phone-width test fails with it)
        seen["sideways"] = {"error": f"{type(e).__name__}: {e}"}
    try:
        page.set_viewport_size(DESKTOP)
    except Exception as e:  # noqa: BLE001  (a crashed page: the walk tries it again in a new one)
        seen["problems"].append(f"could not return to the desktop width: {type(e).__name__}: {e}")
    return seen


# Every control of every widget a keyboard can reach and operate, as the page is after its widgets
# mounted. A control is reached when it is in the tab order; a group of like controls that share one
# tab stop (roving tabindex: a grid of cells, a row of tokens) is reached when one member is in the
# tab order, and operated when an arrow key on it moves the focus to another member. A visible
# element with a pointer cursor that is neither a control nor inside one (nor a label) takes clicks
# a keyboard cannot make. Native buttons, inputs and selects operate by keyboard by themselves; a
# control made of another element and a role must change the widget when its keys are pressed
# (Enter and Space, or the arrows of a slider).
KEYBOARD = """() => {
  const CONTROL = 'button, input:not([type=hidden]), select, textarea, a[href], summary, [role=button], [role=slider],'
    + ' [role=checkbox], [role=switch], [role=tab], [role=radio], [role=option], [role=menuitem], [role=spinbutton], [contenteditable=true]';
  const out = [];
  const name = (el) => {
    const label = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : '';
    return `${el.closest('[data-widget]').dataset.widget}: ${el.tagName.toLowerCase()}${cls} "${label}"`;
  };
  const shown = (el) => {
    if (el.closest('[hidden], [inert], [aria-hidden="true"]')) return false;
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden';
  };
  const groups = new Map();
  for (const el of document.querySelectorAll(`[data-widget] :is(${CONTROL})`)) {
    if (!shown(el) || el.disabled || el.getAttribute('aria-disabled') === 'true') continue;
    const widget = el.closest('[data-widget]');
    const key = el.matches('input[type=radio]') ? `radio ${el.name}` : `${el.tagName} ${el.getAttribute('role')} ${el.className}`;
    if (!groups.has(widget)) groups.set(widget, new Map());
    const byKey = groups.get(widget);
    byKey.set(key, [...(byKey.get(key) || []), el]);
  }
  for (const byKey of groups.values()) {
    for (const members of byKey.values()) {
      const stops = members.filter((el) => el.tabIndex >= 0);
      const out_of_order = members.filter((el) => el.tabIndex < 0);
      if (out_of_order.length === 0 || members[0].matches('input[type=radio]') && stops.length) continue;
      if (stops.length === 0) { out.push(`${name(out_of_order[0])} (and ${out_of_order.length - 1} like it) is out of the tab order`); continue; }
      // A roving group: an arrow key on its tab stop must move the focus within the group.
      const stop = stops[0];
      stop.focus();
      const moved = ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp'].some((key) => {
        stop.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
        return document.activeElement !== stop && members.includes(document.activeElement);
      });
      if (!moved) out.push(`${name(stop)}: no arrow key moves the focus to the ${out_of_order.length} like it out of the tab order`);
    }
  }
  // A control that is not a native one (a div with a role) must answer its keys itself.
  const NATIVE = 'button, input, select, textarea, a[href], summary';
  for (const el of document.querySelectorAll(`[data-widget] :is(${CONTROL}):not(${NATIVE})`)) {
    if (!shown(el) || el.tabIndex < 0 || el.getAttribute('aria-disabled') === 'true' || el.matches('[contenteditable=true]')) continue;
    const watch = new MutationObserver(() => {});
    watch.observe(el.closest('[data-widget]'), { subtree: true, attributes: true, childList: true, characterData: true });
    el.focus();
    const keys = el.matches('[role=slider], [role=spinbutton]') ? ['ArrowRight', 'ArrowUp'] : ['Enter', ' '];
    for (const key of keys) el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    const changed = watch.takeRecords().length > 0 || document.activeElement !== el;
    watch.disconnect();
    if (!changed) out.push(`${name(el)}: ${keys.map((k) => k === ' ' ? 'Space' : k).join(' and ')} do nothing`);
  }
  for (const el of document.querySelectorAll('[data-widget] *')) {
    if (getComputedStyle(el).cursor !== 'pointer' || !shown(el)) continue;
    if (el.closest(`:is(${CONTROL}, label, [tabindex]:not([tabindex="-1"]))`)) continue;
    const p = el.parentElement;
    if (p && !p.matches('[data-widget]') && getComputedStyle(p).cursor === 'pointer') continue;
    out.push(`${name(el)} takes the mouse (cursor: pointer) but not the keyboard`);
  }
  document.activeElement?.blur();
  return out;
}"""


PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 720}
# After the widgets have redrawn for the new width: the page's scroll width against the viewport's,
# and the elements that stick out past its right edge outside any box that scrolls or clips them.
SIDEWAYS = """async () => {
  // Each frame bounded by a timer: page.evaluate has no timeout, and a page that stops drawing must not hang the run.
  for (let i = 0; i < 3; i++) await new Promise((r) => { requestAnimationFrame(r); setTimeout(r, 1000); });
  await new Promise((r) => setTimeout(r, 200));
  const client = document.documentElement.clientWidth;
  const clipped = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
    if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(p).overflowX)) return true; } return false; };
  const out = [...document.body.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().right > client + 1 && !clipped(el) && getComputedStyle(el).position !== 'fixed')
    .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')}`);
  return { scroll: document.documentElement.scrollWidth, client, out };
}"""


@pytest.mark.parametrize("share", page_share_params())
def test_every_page_loads_without_errors_third_party_requests_or_csp_violations(browser, site_server, built_site, share, tmp_path_factory):
    assert len(page_paths(built_site)) > 5
    walk = walked(browser, site_server, built_site, share, tmp_path_factory)
    assert not walk.problems, json.dumps(walk.problems, indent=1)
    assert not walk.foreign, f"requests left the site's origin: {walk.foreign}"
    assert not walk.errors, "JavaScript errors in the pages:\n" + "\n".join(walk.errors)


@pytest.mark.parametrize("share", page_share_params())
def test_every_page_has_no_axe_violations_light_and_dark_with_its_widgets_mounted(browser, site_server, built_site, share, tmp_path_factory):
    # Each page is loaded once, its widgets mounted, then checked in the light and the dark palette.
    assert f"/{MODULE2}" in page_paths(built_site), "Module 2 is not in the built site"
    walk = walked(browser, site_server, built_site, share, tmp_path_factory)
    assert not walk.axe, json.dumps(walk.axe, indent=1)


@pytest.mark.parametrize("share", page_share_params())
def test_no_page_scrolls_sideways_on_a_phone_with_its_widgets_mounted(browser, site_server, built_site, share, tmp_path_factory):
    walk = walked(browser, site_server, built_site, share, tmp_path_factory)
    assert not walk.sideways, json.dumps(walk.sideways, indent=1)


@pytest.mark.parametrize("share", page_share_params())
def test_every_widget_control_is_reached_and_operated_by_keyboard(browser, site_server, built_site, share, tmp_path_factory):
    walk = walked(browser, site_server, built_site, share, tmp_path_factory)
    assert not walk.keyboard, json.dumps(walk.keyboard, indent=1)


def test_the_walk_walks_a_page_whose_renderer_crashed_again_and_fails_a_second_crash(browser, site_server):
    # Chromium's own crash page kills the renderer as a real crash does: the first page crashes once
    # (walked again, clean), the second twice (its problem); the page after them is walked as usual.
    crashes = {"/": 1, f"/{MODULE2}": 2}
    walked_paths = []

    def crashing(page, server, path):
        if crashes.get(path):
            crashes[path] -= 1
            page.goto(server.url + path)
            with page.expect_event("crash"), contextlib.suppress(PlaywrightError):
                page.goto("chrome://crash")  # refused as a navigation; the renderer dies soon after
            return {"problems": [], "keyboard": [], "axe": {}, "sideways": {}}
        walked_paths.append(path)
        return {"problems": load_page(page, server, path), "keyboard": [], "axe": {}, "sideways": {}}

    walk = walk_paths(browser, site_server, ["/", f"/{MODULE2}", "/paths/"], walk_one=crashing)
    assert walked_paths == ["/", "/paths/"]
    assert list(walk.problems) == [f"/{MODULE2}"]
    assert walk.problems[f"/{MODULE2}"] == [f"the renderer crashed twice (at {site_server.url}/{MODULE2})"]
    assert walk.errors == [] and walk.foreign == []


def test_the_pages_walked_without_python_are_pages_of_labs_or_the_studio_and_others_keep_it(built_site):
    # A page renamed away would be walked with Python again (slower, not wrong); a page that gained
    # another Python widget would have it walked without Python.
    for path in WALKED_WITHOUT_PYTHON:
        assert path in page_paths(built_site), path
        widgets = set(re.findall(r'data-widget="([a-z-]+)"', (built_site / path.strip("/") / "index.html").read_text()))
        assert widgets & {"lab", "training-studio"} and widgets <= {"lab", "training-studio"}, (path, widgets)
    assert f"/{MODULE2}practice/" not in WALKED_WITHOUT_PYTHON  # where the walk sees Python boot under the policy


def test_the_walk_checks_the_chrome_once_per_section_and_the_content_of_every_page(page, site_server, built_site):
    with_chrome = chrome_pages(page_paths(built_site))
    # The sections, from the built site's folders: the home page and the paths' overview, each
    # module, appendix and path. Each has exactly one page whose chrome is checked.
    sections = ["/", "/paths/"] + [f"/{top}/{d.name}/" for top in ("modules", "appendices", "paths")
                                   for d in sorted((built_site / top).iterdir()) if (d / "index.html").is_file()]
    def section(path: str) -> str:
        return max((s for s in sections if path.startswith(s) and (s != "/paths/" or path == s)), key=len)
    assert sorted(section(p) for p in with_chrome) == sorted(sections), with_chrome
    # Grey on white (about 1.6:1) in the content and in the footer, then axe as the walk runs it.
    page.goto(site_server.url + "/modules/01-why-sequences/history/")
    page.evaluate("""() => { for (const [where, id] of [['article', 'in-content'], ['.md-footer', 'in-chrome']]) {
      const p = document.createElement('p'); p.id = id; p.textContent = 'hard to read';
      p.style.cssText = 'color: #ddd; background: #fff'; document.querySelector(where).append(p); } }""")
    def low_contrast(exclude):
        found = axe_violations_by_scheme(page, ("light",), exclude=exclude).get("light", [])
        return sorted(n for v in found if v["id"] == "color-contrast" for n in v["nodes"])
    assert low_contrast(()) == ["#in-chrome", "#in-content"]
    assert low_contrast(MATERIAL_CHROME) == ["#in-content"]


def test_the_keyboard_check_finds_what_a_keyboard_cannot_do(page):
    """The check above can fail: a widget with a mouse-only target, a control out of the tab order,
    a roving group whose arrow keys do nothing and a div with a button's role that ignores Enter and
    Space is reported four times; a working one is not."""
    page.set_content("""
      <div data-widget="broken">
        <span style="cursor: pointer">click me</span>
        <button tabindex="-1" class="lone">hidden from the keyboard</button>
        <button class="tok" tabindex="0">a</button><button class="tok" tabindex="-1">b</button>
        <div role="button" tabindex="0" class="fake">looks like a button</div>
      </div>
      <div data-widget="fine">
        <button class="cell" tabindex="0">a</button><button class="cell" tabindex="-1">b</button>
        <label style="cursor: pointer"><input type="checkbox"> a label</label>
        <div role="button" tabindex="0" class="real" aria-pressed="false">a working one</div>
      </div>
      <script>
        const real = document.querySelector('.real');
        real.addEventListener('keydown', (e) => { if (e.key === 'Enter') real.setAttribute('aria-pressed', 'true'); });
        const cells = document.querySelectorAll('.cell');
        cells[0].addEventListener('keydown', (e) => { if (e.key === 'ArrowRight') cells[1].focus(); });
      </script>""")
    found = page.evaluate(KEYBOARD)
    assert len(found) == 4, found
    assert all(f.startswith("broken: ") for f in found)
    assert any("span" in f and "cursor: pointer" in f for f in found)
    assert any("button.lone" in f and "out of the tab order" in f for f in found)
    assert any("button.tok" in f and "no arrow key" in f for f in found)
    assert any("div.fake" in f and "Enter and Space do nothing" in f for f in found)


def load_page(page, site_server, path: str) -> list[str]:
    """Open `path`, mount its widgets, and say what went wrong: no policy, a model fetched before
    its widget was reached, a widget in its error state, a refusal of the policy."""
    models: list[str] = []
    listener = lambda r: models.append(r.url) if r.url.endswith(".onnx") else None  # noqa: E731
    page.on("request", listener)
    requests = InFlight(page)
    problems = []
    try:
        page.goto(site_server.url + path)
        if not page.evaluate("document.querySelector('meta[http-equiv=Content-Security-Policy]') !== null"):
            problems.append("no Content-Security-Policy meta tag")
        # DESIGN: a model is fetched only when its widget is reached (mounted as it scrolls into view):
        # at load, before any scrolling, a page whose widgets are all out of view has fetched none
        if page.locator("[data-widget][data-state]").count() == 0 and models:
            problems.append(f"fetched {models} before any widget was reached")
        mount_all_widgets(page)
        unanswered = requests.quiet()
        if unanswered:
            problems.append(f"requests still unanswered a minute after the widgets settled: {unanswered}")
        broken = page.locator("[data-widget][data-state='error']").count()
        if broken:
            problems.append(f"{broken} widget(s) in error state")
        refused = page.evaluate("window.__csp || []")
        if refused:
            problems.append(f"the Content-Security-Policy refused: {refused}")
    finally:
        page.remove_listener("request", listener)
        requests.close()
    return problems


def walk_pages(page, site_server, paths: list[str]) -> None:
    """`load_page` each of `paths` in turn, failing with the first page's problems."""
    for path in paths:
        problems = load_page(page, site_server, path)
        assert problems == [], f"{path}: {problems}"


# Round trips between Module 2's practice page and the home page. A leak (a widget mounted twice, one
# never cleaned up) shows on the second trip as well as on the twentieth; eight keep a margin.
ROUND_TRIPS = 8


def test_widgets_survive_repeated_instant_navigation_round_trips(page, site_server):
    hold_python(page)  # mounting and cleaning up is the widgets' own; Python's survival is the lab tests'
    page.goto(site_server.url + PRACTICE)
    on_page = mount_all_widgets(page)
    assert on_page >= 3
    # A full page load would drop this; instant navigation keeps the document and its globals.
    page.evaluate("window.__sameDocument = true")
    for _ in range(ROUND_TRIPS):
        click_link_to(page, site_server.url, "/")
        # Leaving the page ran every cleanup: nothing stays mounted on a page without widgets.
        page.wait_for_function("document.documentElement.dataset.widgetsLive === '0'")
        click_link_to(page, site_server.url, PRACTICE)
        assert mount_all_widgets(page) == on_page
        live = page.evaluate("Number(document.documentElement.dataset.widgetsLive)")
        assert live == on_page
    # One document for every visit: instant navigation did every other one, and each visit
    # mounted each widget exactly once (the registry logs an error on a second mount).
    assert page.evaluate("window.__sameDocument === true")
    total = page.evaluate("Number(document.documentElement.dataset.widgetsMountedTotal)")
    assert total == (ROUND_TRIPS + 1) * on_page


def test_search_index_loads_only_when_the_reader_reaches_for_search(page, site_server):
    requested = []
    page.on("request", lambda r: "search_index" in r.url and requested.append(r.url))
    page.goto(site_server.url + f"/{MODULE2}equations/")
    page.wait_for_load_state("networkidle")
    assert requested == [], "the search index was fetched before anyone searched"
    page.keyboard.press("/")  # Material's search key focuses the search field
    page.keyboard.type("softmax")
    page.wait_for_selector(".md-search-result__item")
    assert len(requested) == 1
