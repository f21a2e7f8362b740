"""Learning paths: one data file, three build-time fences.

`docs/paths/paths.json` lists the course's units (modules and appendices,
each with its time and labs) and the four learning paths (the units in order,
with per-path times and the labs that count). Pages never spell a path out by
hand; they embed a fence and the build renders it from that file:

    ```path-next            on a module page: for every path that includes
    module: 03-...          the module, a static link to that path's next
    ```                     unit (or back to the path's page after the last)

    ```path-steps           on a path's page: the units in order, with times,
    path: b                 labs and links; the path-progress widget fills
    ```                     its ticks in the browser

    ```path-overview        on the paths index: a table of the four paths
    ```

A unit whose page is not in docs/ yet is shown as "coming soon", never as a
link, so the strict build has no broken link to refuse. An unknown unit or
path fails the build. Like the widget fence, these are pymdownx.superfences
custom fences (Python-Markdown, no MkDocs plugin), so Zensical can build them.
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from functools import lru_cache
from pathlib import Path

from coursekit.markdown_widgets import WidgetFenceError, parse_fence

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA = DOCS / "paths" / "paths.json"
PATHS_URL = "paths/"
MODULE_ID = re.compile(r"^(0\d|10)-[a-z0-9]+(-[a-z0-9]+)*$")
APPENDIX_ID = re.compile(r"^[a-f]-[a-z0-9]+(-[a-z0-9]+)*$")
LAB_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")


class PathFenceError(WidgetFenceError):
    """A path fence or path data file that names something that does not exist."""


def load(path: Path = DATA) -> dict:
    """The path data file, checked (raises PathFenceError on any inconsistency).

    Parsed and checked once per distinct content: a build calls this for every path fence, and
    `mkdocs serve` still sees an edit. The dict is shared between callers: copy it to change it.
    """
    return _parsed(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def _parsed(text: str) -> dict:
    data = json.loads(text)
    check(data)
    return data


def check(data: dict) -> None:
    """Raise PathFenceError unless every unit id, lab id and path step is well formed."""
    units = {}
    for unit in data["units"]:
        pattern = MODULE_ID if unit["kind"] == "module" else APPENDIX_ID
        if unit["kind"] not in ("module", "appendix") or not pattern.match(unit["id"]):
            raise PathFenceError(f"path data: {unit['kind']} id {unit['id']!r} is not a valid slug")
        if unit["id"] in units:
            raise PathFenceError(f"path data: unit {unit['id']!r} is listed twice")
        if not (isinstance(unit["minutes"], int) and unit["minutes"] > 0):
            raise PathFenceError(f"path data: unit {unit['id']!r} needs a positive whole number of minutes")
        for lab in unit["labs"]:
            if not LAB_ID.match(lab):
                raise PathFenceError(f"path data: {lab!r} in {unit['id']!r} is not a lab id")
        units[unit["id"]] = unit
    ids = set()
    for p in data["paths"]:
        if p["id"] in ids:
            raise PathFenceError(f"path data: path {p['id']!r} is listed twice")
        ids.add(p["id"])
        seen = set()
        for step in p["steps"]:
            unit = units.get(step["unit"])
            if unit is None:
                raise PathFenceError(f"path {p['id']!r} names unknown unit {step['unit']!r}")
            if step["unit"] in seen:
                raise PathFenceError(f"path {p['id']!r} lists {step['unit']!r} twice")
            seen.add(step["unit"])
            extra = set(step.get("labs", [])) - set(unit["labs"])
            if extra:
                raise PathFenceError(f"path {p['id']!r} counts labs {sorted(extra)} that {unit['id']!r} does not have")


def unit_by_id(data: dict, unit_id: str) -> dict:
    """The unit called `unit_id`; PathFenceError if there is none."""
    for unit in data["units"]:
        if unit["id"] == unit_id:
            return unit
    known = ", ".join(u["id"] for u in data["units"])
    raise PathFenceError(f"unknown module {unit_id!r}; known: {known}")


def path_by_id(data: dict, path_id: str) -> dict:
    """The path called `path_id` (a, b, c, d); PathFenceError if there is none."""
    for p in data["paths"]:
        if p["id"] == path_id:
            return p
    raise PathFenceError(f"unknown learning path {path_id!r}; known: {', '.join(p['id'] for p in data['paths'])}")


def unit_url(unit: dict) -> str:
    """The unit's page, relative to the site root (directory URLs)."""
    folder = "modules" if unit["kind"] == "module" else "appendices"
    return f"{folder}/{unit['id']}/"


def path_url(p: dict) -> str:
    return f"{PATHS_URL}{p['page']}/"


def unit_exists(unit: dict, docs: Path = DOCS) -> bool:
    """Whether the unit's page is in docs/ (so the built site has it)."""
    base = docs / unit_url(unit).rstrip("/")
    return (base / "index.md").is_file() or base.with_suffix(".md").is_file()


def unit_pages(unit: dict, docs: Path = DOCS) -> list[str]:
    """The unit's pages as the browser's progress records them: "<unit>" for its index page,
    "<unit>/<page>" for the others (widgets/lib/progress.ts pageOfPath). A step is done when the
    reader has opened every one of them (or passed its labs)."""
    base = docs / unit_url(unit).rstrip("/")
    if not base.is_dir():
        return [unit["id"]] if base.with_suffix(".md").is_file() else []
    return sorted(unit["id"] if f.stem == "index" else f"{unit['id']}/{f.stem}" for f in base.glob("*.md"))


def step_minutes(step: dict, unit: dict) -> int:
    return int(step.get("minutes", unit["minutes"]))


def step_labs(step: dict, unit: dict) -> list[str]:
    return list(step.get("labs", unit["labs"]))


def path_minutes(data: dict, p: dict) -> int:
    """The path's total time in minutes."""
    return sum(step_minutes(s, unit_by_id(data, s["unit"])) for s in p["steps"])


def duration(minutes: int) -> str:
    """45 → '45 min', 105 → '1 h 45 min', 120 → '2 h'."""
    h, m = divmod(minutes, 60)
    if not h:
        return f"{m} min"
    return f"{h} h {m} min" if m else f"{h} h"


def next_steps(data: dict, unit_id: str, docs: Path = DOCS) -> list[tuple[dict, dict | None]]:
    """For each path that includes `unit_id`: (path, the next unit after it that has a page, or
    None if none is left)."""
    unit_by_id(data, unit_id)  # an unknown unit is an error even if no path lists it
    out = []
    for p in data["paths"]:
        order = [s["unit"] for s in p["steps"]]
        if unit_id in order:
            # the next step that has a page: a unit not written yet is skipped, not offered
            later = [unit_by_id(data, u) for u in order[order.index(unit_id) + 1:]]
            out.append((p, next((u for u in later if unit_exists(u, docs)), None)))
    return out


def relative(target: str, page_url: str) -> str:
    """`target` (a directory URL from the site root) as a link from the page at `page_url`."""
    rel = posixpath.relpath(target, page_url or ".")
    return "./" if rel == "." else rel + "/"


def current_page_url(md, fallback: str) -> str:
    """Where the links of the page being rendered are resolved from.

    MkDocs gives its relative-path treeprocessor the page's file, and leaves
    raw HTML links alone: they resolve from the page's URL. Zensical keeps the
    page in its rendering-context preprocessor and resolves raw HTML links
    from the Markdown file's folder, as it does Markdown links. With neither,
    `fallback` (the page's URL) is assumed.
    """
    try:
        return md.treeprocessors["relpath"].file.url
    except (AttributeError, KeyError, TypeError):
        pass
    try:
        folder = posixpath.dirname(md.preprocessors["rendering_context"].page.path)
        return folder + "/" if folder else ""
    except (AttributeError, KeyError, TypeError):
        return fallback


def _link_or_soon(unit: dict, page_url: str, docs: Path) -> str:
    title = html.escape(unit["title"])
    if unit_exists(unit, docs):
        return f'<a href="{html.escape(relative(unit_url(unit), page_url))}">{title}</a>'
    return f'{title} <span class="rnn-path__soon">(coming soon)</span>'


def render_next(data: dict, unit_id: str, page_url: str, docs: Path = DOCS) -> str:
    """The "next in your path" box for `unit_id` on the page at `page_url`."""
    rows = []
    for p, nxt in next_steps(data, unit_id, docs):
        name = html.escape(p["title"])
        if nxt is None:
            link = f'<a href="{html.escape(relative(path_url(p), page_url))}">the end of the path: see what you have covered</a>'
        else:
            link = _link_or_soon(nxt, page_url, docs)
        rows.append(f'<li data-path="{p["id"]}"><strong>{name}</strong>: {link}</li>')
    all_paths = html.escape(relative(PATHS_URL, page_url))
    if not rows:
        body = f'<p>No learning path includes this page. <a href="{all_paths}">See the learning paths</a>.</p>'
    else:
        body = f'<ul>{"".join(rows)}</ul><p><a href="{all_paths}">All learning paths</a></p>'
    return (
        f'<nav class="rnn-path-next" aria-labelledby="rnn-path-next-{unit_id}" data-unit="{unit_id}">'
        f'<p class="rnn-path-next__title" id="rnn-path-next-{unit_id}">Next in your learning path</p>{body}</nav>'
    )


def lab_title(lab: str, docs: Path = DOCS) -> str:
    meta = docs / "labs" / lab / "lab.json"
    if meta.is_file():
        return json.loads(meta.read_text(encoding="utf-8")).get("title", lab)
    return lab


def render_steps(data: dict, path_id: str, page_url: str, docs: Path = DOCS) -> str:
    """A path's units in order, as the placeholder of the path-progress widget."""
    p = path_by_id(data, path_id)
    items = []
    for n, step in enumerate(p["steps"], 1):
        unit = unit_by_id(data, step["unit"])
        labs = step_labs(step, unit)
        minutes = step_minutes(step, unit)
        exists = unit_exists(unit, docs)
        lab_list = ""
        if labs:
            names = ", ".join(
                f'<span class="rnn-path__lab" data-lab="{lab}">{html.escape(lab_title(lab, docs))}</span>' for lab in labs
            )
            lab_list = f'<span class="rnn-path__labs">Labs that count: {names}</span>'
        items.append(
            f'<li class="rnn-path__step" data-unit="{unit["id"]}" data-labs="{" ".join(labs)}"'
            f' data-pages="{" ".join(unit_pages(unit, docs))}"'
            f' data-minutes="{minutes}" data-available="{str(exists).lower()}">'
            f'<span class="rnn-path__name">{_link_or_soon(unit, page_url, docs)}</span>'
            f' <span class="rnn-path__time">{duration(minutes)}</span>'
            f'<span class="rnn-path__focus">{html.escape(step["focus"])}</span>{lab_list}</li>'
        )
    total = duration(path_minutes(data, p))
    return (
        f'<div class="rnn-widget rnn-path" data-widget="path-progress" data-path="{p["id"]}">'
        f'<p class="rnn-path__total">{len(p["steps"])} steps, about {total} in all.</p>'
        f'<ol class="rnn-path__steps">{"".join(items)}</ol>'
        '<p class="rnn-widget__fallback">Progress ticks need JavaScript; the list above works without it.</p></div>'
    )


def render_overview(data: dict, page_url: str) -> str:
    """A table of every path: who it is for, how many steps, how long."""
    rows = []
    for p in data["paths"]:
        href = html.escape(relative(path_url(p), page_url))
        rows.append(
            f'<tr><td><a href="{href}">{html.escape(p["title"])}</a></td><td>{html.escape(p["audience"])}</td>'
            f'<td>{len(p["steps"])}</td><td>{duration(path_minutes(data, p))}</td></tr>'
        )
    # The class sits on a wrapper: Material styles only tables without a class (`table:not([class])`),
    # and this one must look like the Markdown tables beside it (the home page's module list).
    return (
        '<div class="rnn-path-overview"><table><thead><tr><th scope="col">Path</th><th scope="col">For</th>'
        f'<th scope="col">Steps</th><th scope="col">Time</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def _module_page(unit_id: str) -> str:
    return f"modules/{unit_id}/"


def next_format(source, language, class_name, options, md, **kwargs):
    """pymdownx.superfences formatter for ```path-next (body: `module: <id>`)."""
    fields = parse_fence(source)
    unit_id = fields.get("module", "")
    if not unit_id or set(fields) != {"module"}:
        raise PathFenceError("a path-next fence takes exactly one line: 'module: <module id>'")
    data = load()
    return render_next(data, unit_id, current_page_url(md, _module_page(unit_id)))


def steps_format(source, language, class_name, options, md, **kwargs):
    """pymdownx.superfences formatter for ```path-steps (body: `path: <a|b|c|d>`)."""
    fields = parse_fence(source)
    path_id = fields.get("path", "")
    if not path_id or set(fields) != {"path"}:
        raise PathFenceError("a path-steps fence takes exactly one line: 'path: <path id>'")
    data = load()
    p = path_by_id(data, path_id)
    return render_steps(data, path_id, current_page_url(md, path_url(p)))


def overview_format(source, language, class_name, options, md, **kwargs):
    """pymdownx.superfences formatter for ```path-overview (empty body)."""
    if parse_fence(source):
        raise PathFenceError("a path-overview fence takes no lines")
    return render_overview(load(), current_page_url(md, PATHS_URL))
