"""Widget fences: ```widget blocks become placeholders the browser bundle mounts.

Used as a pymdownx.superfences custom fence (a Python-Markdown extension, not an
MkDocs plugin, so Zensical builds the same pages). A fence body is `key: value`
lines; `name` picks the widget and every other key becomes a `data-<key>`
attribute. An unknown widget name, a missing lab or a malformed line raises,
which fails the build instead of shipping a dead placeholder.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from pymdownx.superfences import SuperFencesException

from coursekit.quizzes import QuizError, load_quiz

ROOT = Path(__file__).resolve().parent.parent
WIDGETS_DIR = ROOT / "widgets"
LABS_DIR = ROOT / "docs" / "labs"
SNIPPETS_DIR = ROOT / "docs" / "snippets"
SNIPPET_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Folders of widgets/ that hold shared code, not widgets.
NOT_WIDGETS = {"lib", "runtime", "node_modules"}
KEY = re.compile(r"^[a-z][a-z0-9-]*$")

FALLBACK = {
    "lab": "This coding lab runs Python in your browser and needs JavaScript.",
    "python-snippet": "Running and editing this code in your browser needs JavaScript.",
    "quiz": "This quiz needs JavaScript.",
    "self-rating": "Rating your answers needs JavaScript; the questions above work without it.",
}


class WidgetFenceError(SuperFencesException):
    """A widget fence that names no widget, a missing lab, or a bad line.

    SuperFences swallows other exceptions and renders the fence as plain code;
    its own exception type is the one that reaches MkDocs and stops the build.
    """


def known_widgets() -> set[str]:
    """Names of the widgets: folders of widgets/ with an index.ts."""
    return {p.parent.name for p in WIDGETS_DIR.glob("*/index.ts") if p.parent.name not in NOT_WIDGETS}


def parse_fence(source: str) -> dict[str, str]:
    """Read the `key: value` lines of a fence body into a dict."""
    fields: dict[str, str] = {}
    for lineno, line in enumerate(source.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key = key.strip()
        if not sep or not KEY.match(key):
            raise WidgetFenceError(f"widget fence line {lineno} is not 'key: value': {line!r}")
        if key in fields:
            raise WidgetFenceError(f"widget fence repeats the key {key!r}")
        fields[key] = value.strip()
    return fields


def validate(fields: dict[str, str]) -> None:
    """Raise WidgetFenceError unless the fence names a real widget (and lab)."""
    name = fields.get("name")
    widgets = known_widgets()
    if not name:
        raise WidgetFenceError("widget fence has no 'name:' line")
    if name not in widgets:
        raise WidgetFenceError(f"unknown widget {name!r}; known: {', '.join(sorted(widgets))}")
    if name == "lab":
        lab = fields.get("lab", "")
        meta = LABS_DIR / lab / "lab.json"
        if not lab or not meta.is_file():
            raise WidgetFenceError(f"widget 'lab' names lab {lab!r}, but {meta.relative_to(ROOT)} does not exist")
        json.loads(meta.read_text(encoding="utf-8"))  # a broken lab.json fails the build too
    if name == "quiz":
        try:
            load_quiz(fields.get("quiz", ""))
        except QuizError as err:
            raise WidgetFenceError(f"widget 'quiz': {err}") from err
    if name == "python-snippet":
        snippet_path(fields.get("snippet", ""))


def snippet_path(snippet: str) -> Path:
    """docs/snippets/<snippet>.py, or WidgetFenceError if the id is malformed or the file missing."""
    path = SNIPPETS_DIR / f"{snippet}.py"
    if not SNIPPET_ID.match(snippet) or not path.is_file():
        raise WidgetFenceError(f"widget 'python-snippet' names snippet {snippet!r}, but {path.relative_to(ROOT)} does not exist")
    return path


def render_placeholder(fields: dict[str, str]) -> str:
    """The placeholder element for a validated fence."""
    name = fields["name"]
    attrs = [f'data-widget="{html.escape(name)}"']
    attrs += [f'data-{k}="{html.escape(v)}"' for k, v in fields.items() if k != "name"]
    label = FALLBACK.get(name, "This interactive part of the page needs JavaScript.")
    # A snippet's code is in the page itself: readable without JavaScript, and the widget's starting text.
    source = ""
    if name == "python-snippet":
        code = snippet_path(fields["snippet"]).read_text(encoding="utf-8")
        source = f'<pre class="rnn-snippet__source"><code class="language-python">{html.escape(code)}</code></pre>'
    return (
        f'<div class="rnn-widget" {" ".join(attrs)}>{source}'
        f'<p class="rnn-widget__fallback">{html.escape(label)}</p>{embedded_data(fields)}</div>'
    )


def embedded_data(fields: dict[str, str]) -> str:
    """Data a widget reads from its own placeholder (no request): a quiz's questions."""
    if fields["name"] != "quiz":
        return ""
    # `</` inside a script element would end it early; JSON allows the escaped form.
    data = json.dumps(load_quiz(fields["quiz"]), ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" data-quiz-data>{data}</script>'


def fence_format(source, language, class_name, options, md, **kwargs):
    """pymdownx.superfences formatter for ```widget fences."""
    fields = parse_fence(source)
    validate(fields)
    return render_placeholder(fields)
