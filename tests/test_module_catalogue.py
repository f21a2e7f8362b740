"""One list of modules: titles, times and path advice all follow docs/paths/paths.json.

paths.json names every module and gives its time; the learning paths add
those times up. These tests make every other place that names or times a
module agree with it: the `nav:` sections of mkdocs.yml, each module page's
H1, the module tables of the "Find your path" quiz and of the AI timeline
(which link a module only when its page exists), the "path through this
module" table of each module page (whose rows must add up to the total the
page states, and which must list every page of the module), and the
"Short on time? Pick by learning path" tip, which may only advise paths
that include the module. docs/index.md is left to the home page's own tests.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coursekit import paths

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA = paths.load()
MODULES = [u for u in DATA["units"] if u["kind"] == "module"]
PUBLISHED = [u for u in MODULES if (DOCS / paths.unit_url(u) / "index.md").is_file()]
TITLE = re.compile(r"^Module (\d+): (.+)$")
WIDGET_TABLES = ["widgets/use-case-quiz/quiz.json", "widgets/ai-timeline/milestones.json"]


def number(unit: dict) -> int:
    return int(unit["id"][:2])


def short_title(unit: dict) -> str:
    """'The RNN architecture' for 'Module 2: The RNN architecture'."""
    m = TITLE.match(unit["title"])
    assert m and int(m.group(1)) == number(unit), f"{unit['id']}: title {unit['title']!r} is not 'Module N: …'"
    return m.group(2)


def index_page(unit: dict) -> Path:
    return DOCS / paths.unit_url(unit) / "index.md"


def nav_sections() -> dict[int, str]:
    """'Module N: …' section titles of mkdocs.yml's nav, by module number."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    found = re.findall(r'^  - "(Module (\d+): [^"]+)":\s*$', text, re.M)
    return {int(n): title for title, n in found}


def module_table(unit: dict) -> tuple[list[tuple[str, int]], int]:
    """The 'path through this module' table: (link target or '', minutes) per row, and the stated total."""
    text = index_page(unit).read_text(encoding="utf-8")
    section = text.split("## The path through this module", 1)
    assert len(section) == 2, f"{unit['id']}: no 'The path through this module' section"
    body = section[1].split("\n## ", 1)[0]
    rows = []
    for line in body.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 3 and cells[-1].isdigit():
            link = re.search(r"\]\(([^)#]+)", cells[0])
            rows.append((link.group(1) if link else "", int(cells[-1])))
    total = re.search(r"All together: (\d+) minutes", body)
    assert rows and total, f"{unit['id']}: the module table or its 'All together' total is missing"
    return rows, int(total.group(1))


# ---------------------------------------------------------------- titles

def test_every_module_title_in_paths_json_is_numbered_in_order():
    assert [number(u) for u in MODULES] == list(range(len(MODULES)))
    for u in MODULES:
        short_title(u)


def test_nav_section_titles_are_the_paths_json_titles():
    nav = nav_sections()
    assert nav, "no 'Module N: …' sections found in mkdocs.yml's nav"
    for n, title in nav.items():
        assert title == MODULES[n]["title"], f"mkdocs.yml nav says {title!r}; paths.json says {MODULES[n]['title']!r}"


def test_every_published_module_is_in_the_nav():
    assert {number(u) for u in PUBLISHED} <= set(nav_sections())


@pytest.mark.parametrize("unit", PUBLISHED, ids=lambda u: u["id"])
def test_module_page_heading_is_the_paths_json_title(unit):
    first = index_page(unit).read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# {unit['title']}"


@pytest.mark.parametrize("rel", WIDGET_TABLES)
def test_widget_module_tables_use_the_paths_json_titles(rel):
    table = json.loads((ROOT / rel).read_text(encoding="utf-8"))["modules"]
    assert table, rel
    for key, entry in table.items():
        assert entry["title"] == short_title(MODULES[int(key)]), f"{rel}: module {key}"


@pytest.mark.parametrize("rel", WIDGET_TABLES)
def test_widget_module_tables_link_exactly_the_published_modules(rel):
    """A module with a page has its path set (so the widget links it); one without has null."""
    table = json.loads((ROOT / rel).read_text(encoding="utf-8"))["modules"]
    for key, entry in table.items():
        unit = MODULES[int(key)]
        if unit in PUBLISHED:
            assert entry["path"] == paths.unit_url(unit), f"{rel}: module {key} has a page but path {entry['path']!r}"
        else:
            assert entry["path"] is None, f"{rel}: module {key} has no page yet but path {entry['path']!r}"


# ---------------------------------------------------------------- times

@pytest.mark.parametrize("unit", PUBLISHED, ids=lambda u: u["id"])
def test_module_table_adds_up_to_its_stated_total(unit):
    rows, total = module_table(unit)
    assert sum(m for _, m in rows) == total, f"{unit['id']}: rows {[m for _, m in rows]} vs total {total}"


@pytest.mark.parametrize("unit", PUBLISHED, ids=lambda u: u["id"])
def test_paths_json_minutes_are_the_module_pages_total(unit):
    _, total = module_table(unit)
    assert unit["minutes"] == total, f"{unit['id']}: paths.json says {unit['minutes']} min, the page {total} min"


@pytest.mark.parametrize("unit", PUBLISHED, ids=lambda u: u["id"])
def test_every_page_of_the_module_is_linked_from_its_overview(unit):
    """A page missing from the table must at least be linked from the overview (an optional extra)."""
    folder = index_page(unit).parent
    text = index_page(unit).read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([\w-]+\.md)", text))
    missing = sorted(p.name for p in folder.glob("*.md") if p.name != "index.md" and p.name not in linked)
    assert not missing, f"{unit['id']}: pages not linked from the overview: {missing}"


# ---------------------------------------------------------------- path advice

TIP = re.compile(r'!!! tip "Short on time\? Pick by learning path"\n((?: {4}.*\n|\n)+)')
ADVICE = re.compile(r"^ {4}- (.*?)(?=^ {4}- |\Z)", re.M | re.S)


def tip_advice(unit: dict) -> dict[str, str]:
    """Path id → the tip's bullet for it (a bullet may name two paths)."""
    m = TIP.search(index_page(unit).read_text(encoding="utf-8"))
    if not m:
        return {}
    out = {}
    for bullet in ADVICE.findall(m.group(1)):
        for p in re.findall(r"Path ([A-D])\)", bullet):
            out[p.lower()] = " ".join(bullet.split())
    return out


@pytest.mark.parametrize("unit", PUBLISHED, ids=[u["id"] for u in PUBLISHED])
def test_short_on_time_tip_advises_only_paths_that_include_the_module(unit):
    advice = tip_advice(unit)
    for p in DATA["paths"]:
        if p["id"] not in advice:
            continue
        includes = unit["id"] in [s["unit"] for s in p["steps"]]
        says_skip = re.search(r"\bskips? (?:the|this) module", advice[p["id"]]) is not None
        assert includes != says_skip, (
            f"{unit['id']}: the tip's advice for {p['title']} ({'includes' if includes else 'skips'} the module "
            f"per paths.json): {advice[p['id']]!r}")


def test_the_tip_parser_finds_every_path_on_a_module_page():
    """Guard for the test above: Module 2's tip names all four paths."""
    assert set(tip_advice(paths.unit_by_id(DATA, "02-rnn-architecture"))) == {"a", "b", "c", "d"}


HOME_ROW = re.compile(r"^\| (\d+) \| (?:\[([^\]]+)\]\(([^)]+)\)|([^|]+?)) \| (.+?) \|$", re.M)


def test_home_page_module_table_uses_the_catalogue_titles_and_links_the_published_modules():
    rows = {int(m[0]): m for m in HOME_ROW.findall((DOCS / "index.md").read_text(encoding="utf-8"))}
    assert sorted(rows) == [number(u) for u in MODULES]
    published = {number(u) for u in PUBLISHED}
    for unit in MODULES:
        _, linked_title, href, plain_title, status = rows[number(unit)]
        assert (linked_title or plain_title) == short_title(unit), unit["id"]
        if number(unit) in published:
            assert href == f"{paths.unit_url(unit)}index.md" and status == "available", unit["id"]
        else:
            assert not href and status.startswith("in preparation"), unit["id"]
