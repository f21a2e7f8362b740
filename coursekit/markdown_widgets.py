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
    check = CHECKS.get(name)
    if check:
        check(fields)


def check_lab(fields: dict[str, str]) -> None:
    lab = fields.get("lab", "")
    meta = LABS_DIR / lab / "lab.json"
    if not lab or not meta.is_file():
        raise WidgetFenceError(f"widget 'lab' names lab {lab!r}, but {meta.relative_to(ROOT)} does not exist")
    json.loads(meta.read_text(encoding="utf-8"))  # a broken lab.json fails the build too


def check_quiz(fields: dict[str, str]) -> None:
    try:
        load_quiz(fields.get("quiz", ""))
    except QuizError as err:
        raise WidgetFenceError(f"widget 'quiz': {err}") from err


def check_timeline(fields: dict[str, str]) -> None:
    """`focus:` must name a line of widgets/ai-timeline/milestones.json (the widget would fail in the page)."""
    focus = fields.get("focus")
    if focus is None:
        return
    lines = json.loads((WIDGETS_DIR / "ai-timeline" / "milestones.json").read_text(encoding="utf-8"))["focus"]
    if focus not in lines:
        raise WidgetFenceError(f"widget 'ai-timeline' has no line {focus!r}; known: {', '.join(sorted(lines))}")


def snippet_path(snippet: str) -> Path:
    """docs/snippets/<snippet>.py, or WidgetFenceError if the id is malformed or the file missing."""
    path = SNIPPETS_DIR / f"{snippet}.py"
    if not SNIPPET_ID.match(snippet) or not path.is_file():
        raise WidgetFenceError(f"widget 'python-snippet' names snippet {snippet!r}, but {path.relative_to(ROOT)} does not exist")
    return path


def snippet_source(fields: dict[str, str]) -> str:
    """A snippet's code in the page itself: readable without JavaScript, and the widget's starting text."""
    code = snippet_path(fields["snippet"]).read_text(encoding="utf-8")
    return f'<pre class="rnn-snippet__source"><code class="language-python">{html.escape(code)}</code></pre>'


def quiz_data(fields: dict[str, str]) -> str:
    """A quiz's questions, which the widget reads from its own placeholder (no request)."""
    # `</` inside a script element would end it early; JSON allows the escaped form.
    data = json.dumps(load_quiz(fields["quiz"]), ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" data-quiz-data>{data}</script>'


# Per widget: what validate() checks beyond the name, and what the placeholder holds before
# (BEFORE_FALLBACK) and after (AFTER_FALLBACK) its no-JavaScript text.
CHECKS = {
    "lab": check_lab,
    "quiz": check_quiz,
    "python-snippet": lambda fields: snippet_path(fields.get("snippet", "")),
    "ai-timeline": check_timeline,
}
BEFORE_FALLBACK = {"python-snippet": snippet_source}
AFTER_FALLBACK = {"quiz": quiz_data}


def render_placeholder(fields: dict[str, str]) -> str:
    """The placeholder element for a validated fence."""
    name = fields["name"]
    attrs = [f'data-widget="{html.escape(name)}"']
    attrs += [f'data-{k}="{html.escape(v)}"' for k, v in fields.items() if k != "name"]
    label = FALLBACK.get(name, "This interactive part of the page needs JavaScript.")
    before = BEFORE_FALLBACK[name](fields) if name in BEFORE_FALLBACK else ""
    after = AFTER_FALLBACK[name](fields) if name in AFTER_FALLBACK else ""
    return (
        f'<div class="rnn-widget" {" ".join(attrs)}>{before}'
        f'<p class="rnn-widget__fallback">{html.escape(label)}</p>{after}</div>'
    )


def fence_format(source, language, class_name, options, md, **kwargs):
    """pymdownx.superfences formatter for ```widget fences."""
    fields = parse_fence(source)
    validate(fields)
    return render_placeholder(fields)
