"""The site's service worker (widgets/offline/sw.ts, site/sw.js) in Chromium: after one visit the
course works with the network off (pages, a lab's Python, a model used once); a host that sends no
COOP/COEP still gives a cross-origin isolated page; a new release replaces the old caches; Clear
removes them.

Every wait is on a signal of the page: `<html data-offline="ready">` once the worker is active
(its install, which caches the site's shell, has succeeded) and controls the page."""
from __future__ import annotations

import pytest

from conftest import checked_page
from coursekit.serve import serve_in_thread
from labpage import SNAPSHOT_URL, LabPage, lab_file, open_lab
from sitepages import open_widget
from test_model_widgets import PLAYGROUND

LAB = "softmax"
READY = "document.documentElement.dataset.offline === 'ready'"
UNSEEN = "/modules/03-vanishing-gradients-lstm/lstm/"  # a page the first visit never opens


def offline_page(browser, base_url, page_log, request):
    """A page whose context lets the site's service worker run."""
    return checked_page(browser, base_url, page_log, request, timeout_ms=90_000, service_workers="allow")


def generate(page, root) -> str:
    """Generate a short text in the playground's first column; returns it."""
    root.locator('[data-role="length"]').fill("40")
    root.locator('[data-action="generate"]').click()
    page.wait_for_function("(el) => [...el.querySelectorAll('[data-column]')].every(c => c.dataset.status === 'done')",
                           arg=root.element_handle())
    return root.locator('[data-column="0"] [data-role="output"]').text_content()


def test_after_one_visit_pages_a_lab_and_a_model_work_with_the_network_off(browser, site_server, page_log, request):
    with offline_page(browser, site_server.url, page_log, request) as page:
        # The visit: the home page (the worker installs and takes control), then a lab and a model.
        # Files that a page fetched before the worker controlled it bypassed the worker, so the
        # lab is opened after it (on a host without COOP/COEP the first page reloads anyway).
        page.goto(site_server.url + "/")
        page.wait_for_function(READY)
        # Pyodide's files and the model are cached as the site asks for them; so is the snapshot
        # of the started interpreter, which the lab's worker fetches once Python is ready.
        with page.context.expect_event("requestfinished", lambda r: SNAPSHOT_URL in r.url, timeout=120_000):
            lab = open_lab(page, site_server, LAB)
            assert lab.run_code(lab_file(LAB, "solution.py")) == "passed", lab.root.inner_text()[-800:]
        assert len(generate(page, open_widget(page, site_server, "temperature-playground", path=PLAYGROUND, model=True))) == 40

        page.context.set_offline(True)
        assert page.evaluate("navigator.onLine") is False
        page.goto(site_server.url + UNSEEN)
        assert "LSTM" in page.locator("article h1").inner_text()
        # a fresh document: a new Pyodide worker boots from the cache, the interpreter restored
        lab = open_lab(page, site_server, LAB)
        assert lab.run_code(lab_file(LAB, "solution.py")) == "passed", lab.root.inner_text()[-800:]
        assert lab.root.get_attribute("data-python-start") == "snapshot"
        root = open_widget(page, site_server, "temperature-playground", path=PLAYGROUND, model=True)
        assert len(generate(page, root)) == 40
        assert page.evaluate("crossOriginIsolated") is True


# Changes one byte in the middle of the offline copy's snapshot, once the worker has stored it.
DAMAGE_SNAPSHOT = """async (prefix) => {
  for (let i = 0; i < 300; i++) {
    for (const name of (await caches.keys()).filter((k) => k.includes('files-'))) {
      const cache = await caches.open(name);
      const key = (await cache.keys()).find((r) => r.url.includes(prefix));
      if (!key) continue;
      const kept = await cache.match(key);
      const bytes = new Uint8Array(await kept.arrayBuffer());
      bytes[bytes.length >> 1] ^= 0xff;
      await cache.put(key, new Response(bytes, { headers: kept.headers }));
      return key.url;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}"""


def test_a_damaged_snapshot_in_the_offline_copy_is_not_restored_python_starts_as_usual_and_a_fresh_one_replaces_it(browser, site_server, page_log, request):
    with offline_page(browser, site_server.url, page_log, request) as page:
        page.goto(site_server.url + "/")
        page.wait_for_function(READY)
        with page.context.expect_event("requestfinished", lambda r: SNAPSHOT_URL in r.url, timeout=120_000):
            open_lab(page, site_server, LAB).wait_for_python()
        assert page.evaluate(DAMAGE_SNAPSHOT, SNAPSHOT_URL) is not None, "the offline copy never stored the snapshot"
        # Its gzip checksum fails: the worker starts Python itself instead, then asks past the
        # caches for a fresh snapshot, which the offline copy keeps in place of the damaged one.
        with page.context.expect_event("requestfinished", lambda r: SNAPSHOT_URL in r.url, timeout=120_000):
            page.reload()
            lab = LabPage(page, LAB)
            lab.wait_for_python()
        assert lab.root.get_attribute("data-python-start") == "cold"
        assert lab.run_code(lab_file(LAB, "solution.py")) == "passed", lab.root.inner_text()[-800:]
        page.reload()
        lab = LabPage(page, LAB)
        lab.wait_for_python()
        assert lab.root.get_attribute("data-python-start") == "snapshot"


def test_a_host_without_isolation_headers_gets_an_isolated_page_once_the_worker_controls_it(
        browser, plain_server, page_log, request):
    with offline_page(browser, plain_server.url, page_log, request) as page:
        loads: list[str] = []
        page.on("load", lambda: loads.append(page.url))
        page.goto(plain_server.url + "/")
        page.wait_for_function(READY)
        # The first document was not isolated; the worker took control and the page reloaded once.
        assert page.evaluate("crossOriginIsolated") is True
        assert page.evaluate("typeof SharedArrayBuffer") == "function"
        assert len(loads) == 2, loads
        # Controlled from the start now: isolated at once, no reload (the guard flag is cleared).
        page.reload()
        page.wait_for_function(READY)
        assert page.evaluate("crossOriginIsolated") is True
        assert len(loads) == 3, loads
        assert page.evaluate("sessionStorage.getItem('rnn-offline:isolation-reload')") is None


@pytest.fixture
def release_site(built_site, tmp_path):
    """A copy of the built site (links to its files) whose sw.js the test can replace: a new release."""
    root = tmp_path / "site"
    root.mkdir()
    for entry in built_site.iterdir():
        if entry.name != "sw.js":
            (root / entry.name).symlink_to(entry)
    (root / "sw.js").write_text((built_site / "sw.js").read_text(encoding="utf-8"), encoding="utf-8")
    server, url = serve_in_thread(root)
    yield root, url
    server.shutdown()


def test_a_new_release_replaces_the_old_caches_and_clear_removes_them(browser, release_site, page_log, request):
    root, url = release_site
    with offline_page(browser, url, page_log, request) as page:
        page.goto(url + "/")
        page.wait_for_function(READY)
        old = page.evaluate("document.documentElement.dataset.offlineVersion")
        control = page.locator(".rnn-offline")
        assert old in control.get_by_role("status").inner_text()
        # a file cached on first use (the search index), unchanged in the next release
        page.evaluate("fetch('search/search_index.json').then(r => r.text())")
        page.wait_for_function("caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => "
                               "c.match(new URL('search/search_index.json', location.href).href)))))"
                               ".then(rs => rs.some(Boolean))")

        new = "0123456789ab"
        sw = (root / "sw.js").read_text(encoding="utf-8")
        assert f'"version":"{old}"' in sw
        (root / "sw.js").write_text(sw.replace(f'"version":"{old}"', f'"version":"{new}"', 1), encoding="utf-8")
        control.get_by_role("button", name="Update now").click()
        # The new release takes over and the page reloads into it.
        page.wait_for_function(f"{READY} && document.documentElement.dataset.offlineVersion === '{new}'")
        names = page.evaluate("caches.keys()")
        assert len(names) == 2 and all(n.endswith(new) for n in names), names
        kept = page.evaluate("(name) => caches.open(name).then(c => c.match(new URL('search/search_index.json',"
                             " location.href).href)).then(Boolean)", next(n for n in names if ":files-" in n))
        assert kept, "a file the new release ships unchanged was dropped with the old cache"

        control = page.locator(".rnn-offline")
        control.get_by_role("button", name="Clear").click()
        page.wait_for_function("document.documentElement.dataset.offline === 'cleared'")
        assert page.evaluate("caches.keys()") == []
        assert page.evaluate("navigator.serviceWorker.getRegistrations().then(rs => rs.length)") == 0
        assert "removed" in control.get_by_role("status").inner_text()
