"""Reading the course's pages: the downloads take their values from the Markdown the site
shows (tables of the cheat sheets and the training tips), so a PDF cannot disagree with a page."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DOCS = ROOT / "docs"
CHEAT_SHEETS = DOCS / "appendices" / "d-cheat-sheets.md"
TRAINING_TIPS = DOCS / "modules" / "09-implementation" / "training-tips.md"


def table(page: Path, first_header: str) -> list[dict[str, str]]:
    """The rows of the Markdown table on `page` whose first column is headed `first_header`,
    each as {header: cell}, cells as written (Markdown and LaTeX left in)."""
    lines = page.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines):
        cells = _cells(line)
        if cells and cells[0] == first_header and n + 1 < len(lines) and set(lines[n + 1]) <= set("|-: "):
            rows = []
            for body in lines[n + 2:]:
                if not body.startswith("|"):
                    break
                rows.append(dict(zip(cells, _cells(body))))
            return rows
    raise LookupError(f"{page.relative_to(ROOT)} has no table headed {first_header!r}")


def row(rows: list[dict[str, str]], column: str, contains: str) -> dict[str, str]:
    """The one row whose `column` contains `contains`; LookupError if none or several do."""
    found = [r for r in rows if contains in r[column]]
    if len(found) != 1:
        raise LookupError(f"{len(found)} rows have {contains!r} in {column!r}")
    return found[0]


def plain(cell: str) -> str:
    """A table cell as plain text for a PDF: no links, code ticks, emphasis or LaTeX markup."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", cell)
    text = text.replace(r"\ln", "ln").replace("`", "").replace("**", "").replace("$", "")
    return re.sub(r"\s+", " ", text).strip()


def _cells(line: str) -> list[str]:
    if not line.startswith("|"):
        return []
    return [c.strip() for c in line.strip().strip("|").split("|")]
