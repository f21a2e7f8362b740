"""python -m coursekit.samples [--check]: see the package's docstring."""
from __future__ import annotations

import argparse
import sys

from coursekit import samples
from coursekit.generated import write_or_check
from coursekit.samples.common import ROOT


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m coursekit.samples", description=samples.__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only compare with the committed files")
    args = ap.parse_args(argv)
    return write_or_check(samples.render_all(), args.check, ROOT)


if __name__ == "__main__":
    sys.exit(main())
