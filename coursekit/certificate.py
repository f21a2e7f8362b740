"""The lab names and modules the certificate widget lists (widgets/certificate/labs.json), read from
the course's own sources: each unit's labs in docs/paths/paths.json, then any other lab its pages
embed (a `lab: <id>` line of a widget fence, e.g. Module 9's bug hunts), and each lab's title in
docs/labs/<id>/lab.json, so no lab name is typed twice.

    python -m coursekit.certificate [--check]
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from coursekit import paths
from coursekit.generated import command_line

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "widgets" / "certificate" / "labs.json"
LAB_LINE = re.compile(r"^```widget\nname: lab\nlab: ([a-z0-9_]+)$", re.MULTILINE)


def unit_labs(unit: dict) -> list[str]:
    """The unit's labs: those paths.json gives it, then those its pages embed, in page order."""
    base = paths.DOCS / paths.unit_url(unit).rstrip("/")
    pages = sorted(base.glob("*.md")) if base.is_dir() else [base.with_suffix(".md")]
    found = [lab for f in pages if f.is_file() for lab in LAB_LINE.findall(f.read_text(encoding="utf-8"))]
    return list(dict.fromkeys([*unit["labs"], *found]))


def render_all() -> dict[Path, str]:
    """{widgets/certificate/labs.json: its text}: the units that have labs, in course order, and every lab's title."""
    data = paths.load()
    labs = sorted(p.parent.name for p in (paths.DOCS / "labs").glob("*/lab.json"))
    units = [{"id": u["id"], "title": u["title"], "labs": unit_labs(u)} for u in data["units"]]
    units = [u for u in units if u["labs"]]
    doc = {"units": units, "titles": {lab: paths.lab_title(lab) for lab in labs}}
    return {OUT: json.dumps(doc, indent=1, ensure_ascii=False) + "\n"}


def main(argv: list[str] | None = None) -> int:
    return command_line("coursekit.certificate", __doc__, render_all, ROOT, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
