"""coursekit/serve.py, the static server behind `make serve` and the browser tests: unknown paths."""
from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest


def fetch(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of one request, whatever the status."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=60) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def heading(body: bytes) -> str:
    m = re.search(rb"<h1[^>]*>(.*?)</h1>", body, re.S)
    return m.group(1).decode() if m else ""


def test_a_missing_page_gets_the_sites_404_page_with_status_404(site_server):
    status, headers, body = fetch(site_server.url + "/modules/no-such-module/")
    assert status == 404
    assert headers["Content-Type"].startswith("text/html")
    assert body == (site_server.root / "404.html").read_bytes()
    assert heading(body) == "404 - Not found"
    assert b"<title>" in body and b'class="md-header' in body  # the themed page, not Python's bare one
    # The headers every answer carries, the 404 included.
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Embedder-Policy"] == "require-corp"
    assert headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("path", ["/assets/no-such-file.js", "/pretrained/no-such-model/meta.json",
                                  "/no-such-page.html"])
def test_a_missing_file_is_still_a_404(site_server, path):
    status, _, _ = fetch(site_server.url + path)
    assert status == 404


def test_a_head_request_for_a_missing_page_is_a_404_without_a_body(site_server):
    status, headers, body = fetch(site_server.url + "/no-such-page/", method="HEAD")
    assert status == 404 and body == b""
    assert int(headers["Content-Length"]) == (site_server.root / "404.html").stat().st_size


def test_existing_pages_are_unaffected(site_server):
    status, headers, body = fetch(site_server.url + "/")
    assert status == 200 and heading(body) != "404 - Not found"
    assert headers["Cross-Origin-Embedder-Policy"] == "require-corp"


def test_the_404_page_renders_with_the_sites_styles(browser, site_server, page_log, request):
    from conftest import checked_page

    # Chromium logs the 404 of the document itself as a console error.
    page_log.allow_error("404")
    with checked_page(browser, site_server.url, page_log, request) as page:
        response = page.goto(site_server.url + "/modules/05-experiments/no-such-page/")
        assert response.status == 404
        assert page.locator("article h1").inner_text() == "404 - Not found"
        # The page's stylesheets load from a nested URL (Material's 404 page links them from the root).
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
