"""python -m coursekit.samples [--check]: see the package's docstring."""
from __future__ import annotations

import argparse
import sys

from coursekit import samples
from coursekit.samples.common import ROOT


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m coursekit.samples", description=samples.__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only compare with the committed files")
    args = ap.parse_args(argv)
    files = samples.render_all()
    stale = [p for p, text in files.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for p in stale:
            print(f"out of date: {p.relative_to(ROOT)}")
        return 1 if stale else 0
    for p, text in files.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        print(f"wrote {p.relative_to(ROOT)}{' (changed)' if p in stale else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
