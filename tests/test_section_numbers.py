"""Section numbers: each module's numbered pages run N.1, N.2, N.3… in nav order, without gaps.

The numbers follow the course outline, where a page may cover more than one
section: such a page is titled with the range ("9.1–9.3 Three tracks") and may
number its later sections in its own headings ("## 0.2 What you will learn").
The nav title (mkdocs.yml), the page's H1 and those headings must agree.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MODULE_SECTION = re.compile(r"^Module (\d+): ")
# "0.1 Title" or "9.1–9.3 Title" (an en dash, as the pages write ranges).
NUMBERED = re.compile(r"^(\d+)\.(\d+)(?:\u2013(\d+)\.(\d+))? \S")
HEADING = re.compile(r"^(#{1,6}) (.+?)\s*(?:\{[^}]*\})?\s*$", re.M)
FENCE = re.compile(r"^ *(```|~~~).*?^ *\1", re.S | re.M)


class _NavLoader(yaml.SafeLoader):
    """mkdocs.yml with its `!!python/name:` tags read as plain strings and its `!ENV` values as their
    YAML (the nav does not use them)."""


_NavLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: suffix)
_NavLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else loader.construct_scalar(node))


def module_navs() -> dict[int, list[tuple[str, str]]]:
    """{module number: [(nav title, page path), …]} for every 'Module N: …' section of the nav."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_NavLoader)
    found = {}
    for entry in config["nav"]:
        (title, children), = entry.items()
        m = MODULE_SECTION.match(title)
        if not m:
            continue
        pages = []
        for child in children:
            if isinstance(child, dict):
                (t, p), = child.items()
                pages.append((t, p))
        found[int(m.group(1))] = pages
    return found


def section_range(title: str) -> tuple[int, int, int] | None:
    """(module, first, last) of a numbered title; None for an unnumbered one ('Review')."""
    m = NUMBERED.match(title)
    if not m:
        return None
    module, first = int(m.group(1)), int(m.group(2))
    if m.group(3) is None:
        return module, first, first
    assert int(m.group(3)) == module, f"{title!r}: a range must stay within one module"
    return module, first, int(m.group(4))


def headings(page: Path) -> list[tuple[int, str]]:
    """(level, text) of the page's Markdown headings, code blocks left out."""
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    return [(len(m.group(1)), m.group(2)) for m in HEADING.finditer(text)]


NAVS = module_navs()


def test_the_nav_has_module_sections():
    assert len(NAVS) >= 5 and 0 in NAVS


@pytest.mark.parametrize("module", sorted(NAVS))
def test_numbered_pages_run_one_two_three_in_nav_order(module):
    expected = 1
    for title, path in NAVS[module]:
        r = section_range(title)
        if r is None:
            continue
        number, first, last = r
        assert number == module, f"{path}: nav title {title!r} is numbered for module {number}, not {module}"
        assert first == expected, (
            f"Module {module}: {title!r} should start at {module}.{expected} "
            f"({'a gap' if first > expected else 'a repeat'} in the section numbers)")
        assert last >= first, f"{title!r}: a range must run upwards"
        expected = last + 1


@pytest.mark.parametrize("module", sorted(NAVS))
def test_each_page_heading_carries_its_nav_number_and_numbers_only_its_own_sections(module):
    for title, path in NAVS[module]:
        page = DOCS / path
        found = headings(page)
        assert found and found[0][0] == 1, f"{path}: the page must open with an H1"
        h1 = found[0][1]
        r = section_range(title)
        label = title.split(" ", 1)[0]
        if r is None:
            assert section_range(h1) is None, f"{path}: H1 {h1!r} is numbered but its nav title {title!r} is not"
            inner = []
        else:
            assert h1.split(" ", 1)[0] == label, f"{path}: H1 {h1!r} does not carry its nav number {label}"
            inner = [section_range(text) for level, text in found[1:] if section_range(text)]
        if r is None:
            assert not [t for _, t in found[1:] if section_range(t)], f"{path}: numbered headings on an unnumbered page"
            continue
        _, first, last = r
        seen = first
        for number, sub_first, _ in inner:
            assert number == module and first < sub_first <= last, (
                f"{path}: heading {module}.{sub_first} lies outside the page's sections {label}")
            assert sub_first > seen, f"{path}: heading {module}.{sub_first} repeats or goes back"
            seen = sub_first


def test_every_numbered_module_page_is_in_the_nav():
    in_nav = {path for pages in NAVS.values() for _, path in pages}
    for page in sorted((DOCS / "modules").rglob("*.md")):
        rel = page.relative_to(DOCS).as_posix()
        h1 = next((t for level, t in headings(page) if level == 1), "")
        if section_range(h1):
            assert rel in in_nav, f"{rel}: numbered page {h1!r} is missing from mkdocs.yml's nav"


def test_the_checker_sees_a_gap_and_accepts_a_range():
    # Module 0 read 0.1 → 0.3 before its titles carried their ranges.
    assert section_range("0.1 The AI landscape") == (0, 1, 1)
    assert section_range("9.1\u20139.3 Three tracks") == (9, 1, 3)
    assert section_range("Review") is None and section_range("Module 0: Executive context") is None
