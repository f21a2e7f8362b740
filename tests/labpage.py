"""A page object for the lab widget: what a reader does with it, as Playwright calls.

Everything goes through the page the way a reader's keyboard and mouse would:
the editor is focused, its text selected and replaced through keyboard input,
buttons are found by their accessible names.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from sitepages import SETTLED_POLL_MS

ROOT = Path(__file__).resolve().parent.parent
LABS = ROOT / "docs" / "labs"
# Pyodide boots in seconds on an idle machine; CI shares two cores with other work, and make test
# runs several workers (each booting its own Pyodide) on them.
BOOT_TIMEOUT_MS = 180_000
# Where the build's snapshot of the started interpreter is served (widgets/build.mjs names it
# snapshot-<digest of pyodide.asm.wasm>.bin.gz): a request whose URL holds this is the snapshot.
SNAPSHOT_URL = "/assets/build/pyodide/snapshot-"


def lab_ids() -> list[str]:
    """Every lab of the course (folders of docs/labs with a lab.json)."""
    return sorted(p.parent.name for p in LABS.glob("*/lab.json"))


def lab_meta(lab_id: str) -> dict:
    """The lab's lab.json."""
    return json.loads((LABS / lab_id / "lab.json").read_text(encoding="utf-8"))


def lab_file(lab_id: str, name: str) -> str:
    """A file of the lab's folder (solution.py, mistakes/x.py, …) as text."""
    return (LABS / lab_id / name).read_text(encoding="utf-8")


def find_lab_page(site: Path, lab_id: str) -> str | None:
    """URL path of the first built page that embeds the lab, or None."""
    marker = re.compile(rf'data-widget="lab"[^>]*data-lab="{re.escape(lab_id)}"')
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith(("assets/", "search/")) or not marker.search(html.read_text(encoding="utf-8")):
            continue
        return "/" + rel.removesuffix("index.html")
    return None


def open_lab(page, server, lab_id: str) -> "LabPage":
    """Go to the course page that embeds `lab_id` and wait until its editor is usable."""
    path = find_lab_page(server.root, lab_id)
    assert path is not None, f"no page of the built site embeds the lab {lab_id!r}"
    page.goto(server.url + path)
    lab = LabPage(page, lab_id)
    lab.root.scroll_into_view_if_needed()
    lab.wait_for_editor()
    return lab


class LabPage:
    """One lab widget on a page."""

    def __init__(self, page, lab_id: str):
        self.page = page
        self.lab_id = lab_id
        self.root = page.locator(self.selector)

    # ------------------------------------------------------------ elements
    def button(self, name: str):
        """A lab button by its accessible name (Run, Check, Stop, Reset, Hint, Undo reset)."""
        return self.root.get_by_role("button", name=name, exact=True)

    @property
    def editor(self):
        return self.root.locator(".cm-content")

    @property
    def status(self) -> str:
        return self.root.get_attribute("data-lab-status") or ""

    @property
    def state(self) -> str:
        return self.root.get_attribute("data-state") or ""

    @property
    def summary(self) -> str:
        return self.root.locator(".rnn-lab__summary").inner_text()

    def checks(self) -> dict[str, str]:
        """{check name: data-status} of the results shown."""
        items = self.root.locator("[data-check]")
        return {items.nth(i).get_attribute("data-check"): items.nth(i).get_attribute("data-status")
                for i in range(items.count())}

    def code(self) -> str:
        """The editor's text (CodeMirror draws every line of a short document)."""
        return "\n".join(self.editor.locator(".cm-line").all_text_contents())

    def output(self) -> str:
        return self.root.locator(".rnn-lab__output").inner_text()

    @property
    def selector(self) -> str:
        """The CSS selector of this lab's root (for checks that take one, such as axe's `within`)."""
        return f'[data-widget="lab"][data-lab="{self.lab_id}"]'

    # ------------------------------------------------------------ actions
    def wait_for_editor(self) -> None:
        self.page.wait_for_function(
            "el => el.dataset.state && el.dataset.state !== 'loading'", arg=self.root.element_handle(),
            polling=SETTLED_POLL_MS,
        )

    def wait_for_python(self) -> None:
        """Wait until the shared runtime says Python is ready (the lab publishes it as data-python).

        "The progress bar is hidden" is no such signal: it is hidden before the boot starts too.
        """
        self.page.wait_for_function("el => el.dataset.python === 'ready'", arg=self.root.element_handle(),
                                    polling=SETTLED_POLL_MS, timeout=BOOT_TIMEOUT_MS)

    def type_code(self, text: str) -> None:
        """Replace the editor's text from the keyboard: focus, select all, type."""
        self.editor.click()
        self.page.keyboard.press("ControlOrMeta+a")
        self.page.keyboard.insert_text(text)

    def press(self, name: str) -> None:
        self.button(name).click()

    def _finished_runs(self) -> int:
        """How many runs have ended since the page loaded (counted by a MutationObserver).

        A fast run can go from running to passed between two polls, so the test
        counts transitions instead of sampling data-lab-status.
        """
        return self.root.evaluate(
            """el => {
                if (el.__finished === undefined) {
                    el.__finished = 0;
                    new MutationObserver((records) => {
                        for (const r of records) {
                            if (r.oldValue === 'running' && el.dataset.labStatus !== 'running') el.__finished++;
                        }
                    }).observe(el, {attributes: true, attributeOldValue: true, attributeFilter: ['data-lab-status']});
                }
                return el.__finished;
            }"""
        )

    def start(self, button: str = "Run") -> int:
        """Press Run (or Check, or Ctrl+Enter when button is None); returns a token for wait_until_done."""
        before = self._finished_runs()
        if button is None:
            self.page.keyboard.press("ControlOrMeta+Enter")
        else:
            self.press(button)
        return before

    def wait_until_done(self, token: int, timeout_ms: int = BOOT_TIMEOUT_MS) -> str:
        """Wait for the run started after `token` to end; returns data-lab-status."""
        self.page.wait_for_function("([el, n]) => el.__finished > n", arg=[self.root.element_handle(), token],
                                    timeout=timeout_ms, polling=SETTLED_POLL_MS)
        return self.status

    def run_code(self, text: str, button: str = "Run") -> str:
        """Type `text`, press Run (or Check), wait for the verdict; returns data-lab-status."""
        self.type_code(text)
        return self.wait_until_done(self.start(button))
