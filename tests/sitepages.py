"""Helpers for browser tests that walk the built site."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
MODULE2 = "modules/02-rnn-architecture/"
# How often a wait for a state that stays once reached (a widget ready, a count that only grows)
# checks it, in ms. Playwright's default checks on every animation frame, which keeps an idle page
# producing 60 frames a second for the whole wait (a Pyodide boot, a training run): CPU that the
# other test worker wants on two cores. A state that can pass in a moment needs the default.
SETTLED_POLL_MS = 100
# How far below the viewport a widget mounts (and a lab page starts Python early), read from the
# one place the site defines it.
WIDGET_REACH_PX = int(re.search(r"WIDGET_REACH_PX = (\d+);", (ROOT / "widgets/lib/reach.ts").read_text(encoding="utf-8"))[1])


def hold_python_script(held: list[str] | None = None) -> str:
    """An init script that keeps Pyodide from booting on the pages at the URL paths `held` (on every
    page when None): the site's Pyodide worker becomes an object that takes messages and never
    answers, so neither the worker nor Pyodide's files are requested.

    A script, not a route: routing any request of a context sends every request of its pages
    through Playwright and turns off the HTTP cache.
    """
    return """((held) => {
  if (held && !held.includes(location.pathname)) return;
  const RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (!String(url).includes('runtime-pyodide-worker')) return new RealWorker(url, options);
    return Object.assign(new EventTarget(), { postMessage() {}, terminate() {} });
  };
})(%s);""" % json.dumps(held)


def hold_python(page) -> None:
    """Keep Pyodide from booting on this page from now on (its later navigations too). On the page,
    not its context: the tests of a process share one (conftest's SharedContext).

    For tests of the editor and of storage, which must work before (and without) Python, and of
    widgets that compute in JavaScript on a page whose labs would boot it: they then do not pay
    for a boot (5-7 CPU-s in Chromium) they do not use.
    """
    page.add_init_script(hold_python_script())


def page_paths(site: Path) -> list[str]:
    """URL paths of every page of the built site ('/', '/modules/…/', …)."""
    paths = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        if rel.startswith("assets") or rel.startswith("pretrained"):
            continue
        paths.append("/" if rel == "." else f"/{rel}/")
    return paths


def mount_all_widgets(page) -> int:
    """Bring each lazily mounted widget of the page into view until every one has mounted; wait
    until none is loading. Returns how many widgets the page has."""
    count = page.locator("[data-widget]").count()
    if count == 0:
        return 0
    # One widget at a time, in reading order: scroll the first that has not mounted (no data-state)
    # into view, then wait two frames (the IntersectionObserver that mounts widgets reports after a
    # frame is rendered, and its 600 px margin mounts the neighbours with it); once all have mounted,
    # poll until none is loading. Scrolling the whole page in steps drew every screenful of prose
    # for nothing. All in one function of the page: fewer round trips, and not wait_for_function,
    # whose string Playwright compiles with eval(), which the site's Content-Security-Policy
    # refuses. Each frame is also bounded by a timer: page.evaluate has no timeout of its own, and
    # a page that stops drawing must fail here, not hang the run.
    unsettled = page.evaluate(
        """async (limitMs) => {
          const start = performance.now();
          const frames = () => new Promise((r) => { setTimeout(r, 2000); requestAnimationFrame(() => requestAnimationFrame(() => r())); });
          for (;;) {
            const els = [...document.querySelectorAll('[data-widget]')];
            if (els.every((el) => el.dataset.state && el.dataset.state !== 'loading')) return null;
            if (performance.now() - start > limitMs) return els.map((el) => `${el.dataset.widget}: ${el.dataset.state ?? 'never mounted'}`);
            const unmounted = els.find((el) => !el.dataset.state);
            if (unmounted) { unmounted.scrollIntoView(); await frames(); }
            else await new Promise((r) => setTimeout(r, 100));
          }
        }""",
        60_000,
    )
    if unsettled is not None:
        pytest.fail(f"{page.url}: widgets not settled after 60 s: {unsettled}")
    return count


# The rules whose verdict depends on the colours: the only ones a second palette can change (no widget
# builds other markup for another palette: every colour keys on body's data-md-color-scheme).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# Where a page that keeps the site's Content-Security-Policy loads axe from (the policy refuses an
# inline script): the tests' servers answer this same-origin URL with the axe file (conftest.py).
AXE_URL_PATH = "/__tests__/axe.min.js"


class InFlight:
    """The page's requests still unanswered (its own and its workers'), followed through Playwright's
    events from construction until `close`. `quiet()` waits until there are none: what the walk
    used `networkidle` for, without its fixed half second after the last request of every page."""

    def __init__(self, page):
        self.page, self.live = page, set()
        # Plain functions: Playwright cannot remove a listener that is a builtin method (set.add).
        self._handlers = {"request": lambda r: self.live.add(r), "requestfinished": lambda r: self.live.discard(r),
                          "requestfailed": lambda r: self.live.discard(r)}
        for event, handler in self._handlers.items():
            page.on(event, handler)

    def quiet(self, limit_s: float = 60) -> list[str]:
        """Wait until no request is in flight; the URLs still unanswered after `limit_s` (a bound on
        a failure only: the events come as the browser's requests end), else []."""
        for _ in range(int(limit_s / 0.02)):
            if not self.live:
                return []
            self.page.wait_for_timeout(20)
        return sorted(r.url for r in self.live)

    def close(self) -> None:
        for event, handler in self._handlers.items():
            self.page.remove_listener(event, handler)


def load_axe(page, base_url: str) -> None:
    """axe-core into the open page from the site's origin (AXE_URL_PATH), allowed by its policy."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(url=base_url + AXE_URL_PATH)


def axe_violations(page, rules: list[str] | None = None, within: str | None = None, exclude: tuple[str, ...] = ()) -> list[dict]:
    """axe-core's violations on the open page (WCAG rules and best practices, or only `rules`), five
    nodes each at most; only inside the elements matching the CSS selector `within` when given (a
    widget driven into a new state: the rest of its page is the every-page walk's), and outside
    those matching `exclude` (the page-level rules, a title or a landmark, still judge the page).
    Under the site's policy, call `load_axe` first."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    # A control caught mid-fade has a blended colour that axe reads as low contrast. Material's
    # back-to-top button fades in whenever the page grows under a scrolled-down reader, so check
    # from the top of the page (where it is hidden), once every finite transition has finished
    # (a palette switch fades colours too); infinite animations never settle, nor do paused ones.
    # Each wait is also bounded by a timer: page.evaluate has no timeout of its own, and a page that
    # stops drawing would otherwise hang the run instead of failing it.
    page.evaluate(
        "async () => { window.scrollTo(0, 0);"
        " const bounded = (p, ms) => Promise.race([p, new Promise(r => setTimeout(r, ms))]);"
        # the scroll event, and Material's reaction to it, come a frame or two later
        " for (let i = 0; i < 3; i++) await bounded(new Promise(r => requestAnimationFrame(r)), 1000);"
        " await bounded(Promise.all(document.getAnimations()"
        ".filter(a => a.playState === 'running' && Number.isFinite(a.effect?.getComputedTiming().endTime))"
        ".map(a => a.finished.catch(() => null))), 10000); }"
    )
    return page.evaluate(
        "async ([rules, within, exclude]) => (await axe.run({include: [[within ?? 'html']], exclude: exclude.map(e => [e])},"
        " {resultTypes: ['violations'], ...(rules ? {runOnly: {type: 'rule', values: rules}} : {})}))"
        ".violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))",
        [rules, within, list(exclude)],
    )


# Material's palettes (mkdocs.yml): the system preference each follows, and its scheme's name.
PALETTES = {"light": "default", "dark": "slate"}


def set_color_scheme(page, scheme: str) -> None:
    """Show the open page in `scheme` ('light' or 'dark') as Material's palette toggle does: every
    colour of the site and its widgets keys on body's data-md-color-scheme (no widget reads a colour
    in JavaScript), so widgets already mounted need no reload. The system preference follows."""
    # Colours switch at once, as on a page loaded in that scheme: Material fades some (content tab
    # labels) in a way axe would read halfway, and a fade is no part of either scheme.
    page.evaluate("() => { if (document.getElementById('no-transitions')) return;"
                  " const s = document.createElement('style'); s.id = 'no-transitions';"
                  " s.textContent = '*, *::before, *::after { transition: none !important; }';"
                  " document.head.append(s); }")
    page.emulate_media(color_scheme=scheme)
    page.evaluate("(p) => document.body.setAttribute('data-md-color-scheme', p)", PALETTES[scheme])


def axe_violations_by_scheme(page, schemes=("light", "dark"), within: str | None = None, exclude: tuple[str, ...] = ()) -> dict[str, list[dict]]:
    """axe on the open page (or inside `within`, outside `exclude`, as `axe_violations`) in each of
    `schemes` in turn (`set_color_scheme`): {scheme: violations} for the schemes that have any. Every
    rule in the first scheme; in the others only the colour rules, the only verdicts a palette can
    change (half the time of a full run)."""
    found = {}
    for i, scheme in enumerate(schemes):
        set_color_scheme(page, scheme)
        violations = axe_violations(page, None if i == 0 else COLOUR_RULES, within, exclude)
        if violations:
            found[scheme] = violations
    return found


def axe_violations_by_path(page, base_url: str, paths: list[str], schemes=("light", "dark")) -> dict[str, list[dict]]:
    """Open each page once, mount its widgets, run axe in each of `schemes`:
    {"path (scheme)": violations} for those that have any."""
    found = {}
    for path in paths:
        page.goto(base_url + path)
        mount_all_widgets(page)
        for scheme, violations in axe_violations_by_scheme(page, schemes).items():
            found[f"{path} ({scheme})"] = violations
    return found


# Material's chrome around a page's content: the header (title, palette toggle, search), the tabs,
# the sidebars (the site's navigation, the page's contents) and the footer (previous and next page).
# The same template draws it on every page; what differs from page to page is which section of the
# navigation is open and which entry is the current one. So the every-page walk checks the chrome
# (axe, both palettes) on the first page of each section (`chrome_pages`) and the content alone on
# the others: the chrome cost a fifth of axe's time on a page (measured on four pages, 2026-12-06).
MATERIAL_CHROME = (".md-header", ".md-tabs", ".md-sidebar", ".md-footer")


def chrome_pages(paths: list[str]) -> set[str]:
    """Of `paths`, the first of each section of the navigation: the home page, each module, each
    appendix and each path (their first two path segments)."""
    first: dict[str, str] = {}
    for path in paths:
        first.setdefault("/".join(path.split("/")[:3]), path)
    return set(first.values())


# The every-page walks (load, axe) are split into shares of the pages, each its own test, so that a
# failure names a share and a plain run of one share is quick.
PAGE_SHARES = 4


def page_share(site: Path, share: int, shares: int = PAGE_SHARES) -> list[str]:
    """Share number `share` (0 … shares-1) of `page_paths(site)`: every shares-th page from it."""
    return page_paths(site)[share::shares]


def page_share_params(shares: int = PAGE_SHARES) -> list:
    """pytest params for a test that takes `share`: one per share."""
    return [pytest.param(k, id=f"pages{k + 1}of{shares}") for k in range(shares)]


def click_link_to(page, base_url: str, path: str) -> None:
    """Follow an in-page link to `path` the way a reader does (Material's instant navigation)."""
    target = base_url + path
    handle = page.evaluate_handle(
        "(t) => [...document.querySelectorAll('a[href]')].find(a => a.href === t && a.offsetParent !== null)"
        " || [...document.querySelectorAll('a[href]')].find(a => a.href === t)",
        target,
    )
    el = handle.as_element()
    assert el is not None, f"no link to {path} on {page.url}"
    # Material pushes the new URL and then swaps the page's container in: mark the old one, so that
    # the next step cannot find a link in the page being left.
    page.evaluate("document.querySelector('[data-md-component=container]').__left = true")
    el.click()
    # Material's navigation.tracking may add the nearest heading's #anchor at once.
    page.wait_for_url(lambda url: url.split("#", 1)[0] == target, wait_until="commit")
    page.wait_for_function("() => { const c = document.querySelector('[data-md-component=container]');"
                           " return c !== null && !c.__left; }")


def page_with(site, widget: str) -> str:
    """URL path of the built page that embeds `widget` (Module 2 first, then in path order)."""
    pages = sorted(site.rglob("index.html"), key=lambda p: (MODULE2.strip("/") not in p.as_posix(), p.as_posix()))
    for html in pages:
        if f'data-widget="{widget}"' in html.read_text(encoding="utf-8"):
            rel = html.parent.relative_to(site).as_posix()
            return "/" if rel == "." else f"/{rel}/"
    pytest.fail(f"no page of the built site embeds the {widget} widget")


def mounted_widget(page, widget: str, attrs: str = "", *, nth: int = 0, model: bool = False,
                   ready: str | None = None, timeout_ms: float | None = None):
    """The `nth` `widget` of the open page (of those that also match `attrs`, e.g. '[data-quiz="x"]'),
    brought into view, once it has mounted and is ready: with its model loaded (data-model) when
    `model`, and with the JavaScript condition `ready` on `el` true when given (e.g.
    "el.dataset.computed === 'flow(1, 3)'"). A widget that ends in its error state fails the test
    at once, with its text."""
    root = page.locator(f'[data-widget="{widget}"]{attrs}').nth(nth)
    root.scroll_into_view_if_needed()
    conditions = (["!!el.dataset.model"] if model else []) + ([f"({ready})"] if ready else [])
    wait_ready(root, " && ".join(conditions) or "true", timeout_ms)
    return root


def wait_ready(root, condition: str = "true", timeout: float | None = None) -> None:
    """Until the widget `root` (a locator) is ready and the JavaScript `condition` on `el` holds. A
    widget that ends in its error state fails the test at once, with its text."""
    # The outcome, not the first ready state: a widget may run a while before it is ready, and ready
    # stays until the next action (so SETTLED_POLL_MS, not every frame).
    root.page.wait_for_function(f"(el) => el.dataset.state === 'ready' && ({condition}) || el.dataset.state === 'error'",
                                arg=root.element_handle(), timeout=timeout, polling=SETTLED_POLL_MS)
    assert root.get_attribute("data-state") == "ready", root.inner_text()


def viewport(width: int) -> dict:
    """The page size of a reader at `width` px: `page.set_viewport_size(viewport(width))`."""
    return {"width": width, "height": 900}


def open_widget(page, site_server, widget: str, *, path: str | None = None, reload: bool = False, **wait):
    """Open the page at `path` (a URL path, query allowed; by default the first built page that embeds
    `widget`: `page_with`), or reload the open page when `reload`, then wait for the widget as
    `mounted_widget` does with the options `wait` (attrs, nth, model, ready, timeout_ms); returns it."""
    if reload:
        page.reload()
    else:
        page.goto(site_server.url + (path or page_with(site_server.root, widget)))
    return mounted_widget(page, widget, **wait)


# Each <text> of the element's SVGs: its text, its size in CSS px as shown (the font size times the
# drawing's scale: an SVG scaled to its box scales its text too), its box on the page and which SVG
# of the element it belongs to.
SVG_TEXT = """(el) => [...el.querySelectorAll('svg text')].map((t) => {
  const m = t.getScreenCTM();
  const r = t.getBoundingClientRect();
  return { text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b),
           box: [r.left, r.top, r.right, r.bottom], svg: [...el.querySelectorAll('svg')].indexOf(t.ownerSVGElement) };
})"""


def count_grows(page, root, counter: str, action=None, *, beyond: int | None = None, timeout: int = 120_000) -> None:
    """Run `action` (if any), then wait until the widget's `data-<counter>` (a count of finished
    jobs it keeps, such as `captioned`) is above `beyond` (by default its value before `action`),
    or the widget is in error (the caller's assertions then say why)."""
    before = int(root.get_attribute(f"data-{counter}") or 0) if beyond is None else beyond
    if action is not None:
        action()
    page.wait_for_function(
        "([el, key, n]) => Number(el.dataset[key] || 0) > n || el.dataset.state === 'error'",
        arg=[root.element_handle(), counter, before], timeout=timeout, polling=SETTLED_POLL_MS)


def svg_texts(root) -> list[dict]:
    """The SVG text of `root` (a locator) as SVG_TEXT measures it."""
    return root.evaluate(SVG_TEXT)
