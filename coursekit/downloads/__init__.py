"""Appendix F's downloadable resources, built from the repository's own sources.

`python -m coursekit.downloads OUT_DIR` writes them (the Makefile's site recipe does so into
site/appendices/f-downloads, the folder of the Appendix F page). Each module writes one
resource: the equations poster, the LSTM diagram (SVG and PNG), the tuning flowchart, the
code templates and the flashcards. `python -m coursekit.downloads.table` regenerates the page's
table of files, sizes and counts.
"""
from __future__ import annotations

from pathlib import Path

from coursekit.downloads import flashcards, flowchart, lstm_diagram, poster, templates

RESOURCES = (poster, lstm_diagram, flowchart, templates, flashcards)
MAX_BYTES = 2_000_000  # every file must stay quick to fetch, and small in the offline cache


def build(out: Path) -> list[Path]:
    """Write every resource into `out` (created); returns the files, in the page's order."""
    out.mkdir(parents=True, exist_ok=True)
    files = [f for module in RESOURCES for f in module.write(out)]
    big = [f.name for f in files if f.stat().st_size > MAX_BYTES]
    if big:
        raise ValueError(f"over {MAX_BYTES:,} bytes: {', '.join(big)}")
    return files
