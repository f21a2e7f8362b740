"""python -m coursekit.downloads OUT_DIR: build Appendix F's files and list them with their sizes."""
from __future__ import annotations

import argparse
from pathlib import Path

from coursekit.downloads import build

ap = argparse.ArgumentParser(prog="python -m coursekit.downloads", description=__doc__.split(": ", 1)[1])
ap.add_argument("out", type=Path, help="the folder to write into (created)")
for f in build(ap.parse_args().out):
    print(f"{f}  {f.stat().st_size:,} bytes")
