"""Writing generated pages, or checking them: what `python -m coursekit.samples` and
`python -m coursekit.translation_pages` share (their --check fails a stale committed file)."""
from __future__ import annotations

from pathlib import Path


def write_or_check(files: dict[Path, str], check: bool, root: Path) -> int:
    """With `check`, print each file that differs from what would be written and return 1 if any
    does; else write them all, saying which changed. Paths are reported relative to `root`."""
    stale = [p for p, text in files.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    if check:
        for p in stale:
            print(f"out of date: {p.relative_to(root)}")
        return 1 if stale else 0
    for p, text in files.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        print(f"wrote {p.relative_to(root)}{' (changed)' if p in stale else ''}")
    return 0


def command_line(prog: str, doc: str, render_all, root: Path, argv: list[str] | None = None) -> int:
    """`python -m <prog> [--check]` for a generator whose `render_all()` returns {path: text}."""
    import argparse
    ap = argparse.ArgumentParser(prog=f"python -m {prog}", description=doc.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only compare with the committed files")
    args = ap.parse_args(argv)
    return write_or_check(render_all(), args.check, root)
