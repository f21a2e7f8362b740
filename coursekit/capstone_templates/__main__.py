"""python -m coursekit.capstone_templates [OUT] [--check]: with OUT, write every project's notebook,
script and data files there (the site build does this); without, write the catalogue
(docs/data/capstone/templates.json) and the page's table, or with --check only compare them."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursekit.capstone_templates import ROOT, build, render_all
from coursekit.generated import write_or_check

ap = argparse.ArgumentParser(prog="python -m coursekit.capstone_templates", description=__doc__.split(": ", 1)[1])
ap.add_argument("out", type=Path, nargs="?", help="the folder to write the templates into (created)")
ap.add_argument("--check", action="store_true", help="only compare the committed catalogue and table")
args = ap.parse_args()
if args.out:
    files = build(args.out)
    print(f"capstone templates: {len(files)} files in {args.out}")
else:
    sys.exit(write_or_check(render_all(), args.check, ROOT))
