"""The site as a reader meets it: instant navigation, no third-party requests, accessibility."""
import json

import pytest
from conftest import checked_page

from sitepages import MODULE2, axe_violations_by_path, click_link_to, mount_all_widgets, page_paths, page_share
from sitepages import page_share_params
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


# Every Content-Security-Policy violation of a page (overrides/main.html's meta tag), as the browser reports it.
RECORD_CSP = """document.addEventListener('securitypolicyviolation', (e) => (window.__csp ||= []).push(
  `${e.effectiveDirective} refused ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`));"""


@pytest.mark.parametrize("share", page_share_params())
def test_every_page_loads_without_errors_third_party_requests_or_csp_violations(browser, site_server, built_site,
                                                                                 page_log, request, share):
    # checked_page fails the test on any JS error or request off the origin; this page keeps the
    # site's Content-Security-Policy (other tests bypass it) and records what it refuses.
    assert len(page_paths(built_site)) > 5
    with checked_page(browser, site_server.url, page_log, request, bypass_csp=False) as page:
        page.add_init_script(RECORD_CSP)
        walk_pages(page, site_server, page_share(built_site, share))


def walk_pages(page, site_server, paths: list[str]) -> None:
    models: list[str] = []
    page.on("request", lambda r: models.append(r.url) if r.url.endswith(".onnx") else None)
    for path in paths:
        models.clear()
        page.goto(site_server.url + path)
        assert page.evaluate("document.querySelector('meta[http-equiv=Content-Security-Policy]') !== null")
        # DESIGN: a model is fetched only when its widget is reached (mounted as it scrolls into view):
        # at load, before any scrolling, a page whose widgets are all out of view has fetched none
        if page.locator("[data-widget][data-state]").count() == 0:
            assert models == [], f"{path}: fetched {models} before any widget was reached"
        mount_all_widgets(page)
        page.wait_for_load_state("networkidle")
        broken = page.locator("[data-widget][data-state='error']").count()
        assert broken == 0, f"{path}: {broken} widget(s) in error state"
        refused = page.evaluate("window.__csp || []")
        assert refused == [], f"{path}: the Content-Security-Policy refused: {refused}"


def test_widgets_survive_twenty_instant_navigation_round_trips(page, site_server):
    page.goto(site_server.url + PRACTICE)
    on_page = mount_all_widgets(page)
    assert on_page >= 3
    # A full page load would drop this; instant navigation keeps the document and its globals.
    page.evaluate("window.__sameDocument = true")
    for _ in range(20):
        click_link_to(page, site_server.url, "/")
        # Leaving the page ran every cleanup: nothing stays mounted on a page without widgets.
        page.wait_for_function("document.documentElement.dataset.widgetsLive === '0'")
        click_link_to(page, site_server.url, PRACTICE)
        assert mount_all_widgets(page) == on_page
        live = page.evaluate("Number(document.documentElement.dataset.widgetsLive)")
        assert live == on_page
    # One document for 21 visits: instant navigation did every other one, and each visit
    # mounted each widget exactly once (the registry logs an error on a second mount).
    assert page.evaluate("window.__sameDocument === true")
    total = page.evaluate("Number(document.documentElement.dataset.widgetsMountedTotal)")
    assert total == 21 * on_page


@pytest.mark.parametrize("share", page_share_params())
def test_every_page_has_no_axe_violations_light_and_dark_with_its_widgets_mounted(page, site_server, built_site, share):
    # Each page is loaded once, its widgets mounted, then checked in the light and the dark palette.
    assert f"/{MODULE2}" in page_paths(built_site), "Module 2 is not in the built site"
    found = axe_violations_by_path(page, site_server.url, page_share(built_site, share))
    assert not found, json.dumps(found, indent=1)


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
