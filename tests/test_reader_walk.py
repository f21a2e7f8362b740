"""Fixes from a reader's walk through the pages:

- the left navigation's sticky site title covers the items scrolling under it (light and dark);
- the home page's learning-paths table is styled like its module table;
- the home page's opening links Karpathy's post;
- maintainer commands (the grader CLI, build_models) sit in "For maintainers" notes that name the README.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import checked_page

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
KARPATHY = "https://karpathy.github.io/2015/05/21/rnn-effectiveness/"
LONG_NAV_PAGE = "/modules/05-experiments/neurons/"


# ------------------------------------------------------------ the navigation's sticky title

@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_sticky_nav_title_hides_the_items_scrolled_under_it(browser, site_server, page_log, request, scheme):
    # The left nav is a sidebar from 76.25em (1220 px); the title wraps to two lines at 1280 px.
    with checked_page(browser, site_server.url, page_log, request,
                      viewport={"width": 1280, "height": 800}, color_scheme=scheme) as page:
        page.goto(site_server.url + LONG_NAV_PAGE)
        found = page.evaluate("""async () => {
            const wrap = document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap');
            const title = document.querySelector('.md-nav--primary > .md-nav__title');
            wrap.scrollTop = 250;
            await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            const box = title.getBoundingClientRect();
            const style = getComputedStyle(title);
            // What a reader sees at each point of the title's box: the title, never an item under it.
            const covered = [];
            for (let y = box.top + 1; y < box.bottom; y += 2)
                for (const x of [box.left + 8, box.left + box.width / 2, box.right - 8]) {
                    const hit = document.elementFromPoint(x, y);
                    if (!title.contains(hit)) covered.push(`${Math.round(x)},${Math.round(y)}: ${hit?.textContent?.trim().slice(0, 30)}`);
                }
            return {covered, scrolled: wrap.scrollTop, background: style.backgroundColor, shadow: style.boxShadow,
                    page: getComputedStyle(document.body).backgroundColor};
        }""")
        assert found["scrolled"] > 100, "the nav did not scroll: the test no longer sees the case it guards"
        assert found["covered"] == [], f"items show through the sticky title: {found['covered'][:5]}"
        # An opaque band in the page's own colour, with no blurred edge: Material's blurred shadow is
        # half-transparent, and the items under it showed through against the title's second line
        # (hit-testing cannot see a shadow, so this is the check that catches it).
        assert found["background"] == found["page"] and not found["background"].startswith("rgba")
        lengths = re.findall(r"(-?[\d.]+)px", found["shadow"])
        assert len(lengths) >= 3 and float(lengths[2]) == 0, f"the title's shadow is blurred: {found['shadow']}"


# ------------------------------------------------------------ the home page

def test_home_page_tables_share_one_style(page, site_server):
    page.goto(site_server.url + "/")
    styles = page.evaluate("""() => {
        const paths = document.querySelector('.rnn-path-overview table');
        const modules = [...document.querySelectorAll('article table')]
            .find(t => t.querySelector('th')?.textContent.trim() === 'Module');
        const look = t => {
            const th = getComputedStyle(t.querySelector('th')), td = getComputedStyle(t.querySelector('tbody td'));
            const tab = getComputedStyle(t);
            return {wrapped: !!t.closest('.md-typeset__table'), tableFont: tab.fontSize, tableBorder: tab.border,
                    thWeight: th.fontWeight, thBg: th.backgroundColor, thPad: th.padding,
                    tdPad: td.padding, tdBorder: td.borderTop};
        };
        return {paths: paths && look(paths), modules: modules && look(modules)};
    }""")
    assert styles["paths"] and styles["modules"], styles
    assert styles["modules"]["wrapped"], "the module table is no longer Material's styled table"
    assert styles["paths"] == styles["modules"]


def test_home_page_opening_links_karpathys_post(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    article = html.split("<article", 1)[1]
    link = re.search(r'<a href="' + re.escape(KARPATHY) + r'"[^>]*>(.*?)</a>', article, re.S)
    assert link, "the home page does not link Karpathy's post"
    assert "Unreasonable Effectiveness of Recurrent" in re.sub(r"<[^>]+>|\s+", " ", link.group(1))
    assert link.start() < article.index("<h2"), "the link should be in the opening, before the first section"


# ------------------------------------------------------------ maintainer commands

COMMAND = re.compile(r"python -m (coursekit\.grade|build_models)\b")
MAINTAINER_NOTE = re.compile(r'^( *)(\?\?\?\+?|!!!) info "For maintainers[^"]*"\s*$')


def lesson_pages() -> list[Path]:
    """Hand-written pages (not the model cards copied from pretrained/, nor generated includes)."""
    skip = (DOCS / "pretrained", DOCS / "includes", DOCS / "assets")
    return [p for p in sorted(DOCS.rglob("*.md")) if not any(p.is_relative_to(s) for s in skip)]


def maintainer_notes(text: str) -> tuple[set[int], list[str]]:
    """Line numbers inside 'For maintainers' admonitions, and each note's text."""
    lines = text.splitlines()
    inside, notes = set(), []
    i = 0
    while i < len(lines):
        m = MAINTAINER_NOTE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, body = len(m.group(1)), [lines[i]]
        inside.add(i)
        i += 1
        while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
            inside.add(i)
            body.append(lines[i])
            i += 1
        notes.append("\n".join(body))
    return inside, notes


def test_maintainer_commands_sit_in_for_maintainers_notes():
    stray, seen = [], 0
    for page in lesson_pages():
        text = page.read_text(encoding="utf-8")
        inside, notes = maintainer_notes(text)
        for n, line in enumerate(text.splitlines()):
            if COMMAND.search(line):
                seen += 1
                if n not in inside:
                    stray.append(f"{page.relative_to(DOCS)}:{n + 1}: {line.strip()}")
        for note in notes:
            # The site does not publish the repository: a note names the README, it does not link a guess.
            assert "README.md" in note, f"{page.relative_to(DOCS)}: a maintainer note that names no README"
    assert seen >= 4, "the commands this test guards are gone: update the test"
    assert stray == [], "maintainer commands in learner prose:\n" + "\n".join(stray)
