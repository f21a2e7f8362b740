"""The texts the training studio offers: excerpts of our corpora (../shared/corpora), cut at a line
end, written to docs/data/studio/ with an index (corpora.json) and the licences they need.

    python -m coursekit.studio_corpora [--check]

The excerpts are committed, so the site builds without ../shared; --check (and a test, where
../shared is present) fails when they no longer match what this command would write.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from coursekit.generated import command_line

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
OUT = ROOT / "docs" / "data" / "studio"

# id -> (corpus file, characters at most, what it is, licence, licence files to ship beside it)
EXCERPTS = {
    "tinyshakespeare": ("tinyshakespeare.txt", 1_200_000, "Shakespeare's plays as dialogue (Karpathy's tinyshakespeare, whole)",
                        "public domain", []),
    "names": ("names.txt", 300_000, "32,033 first names, one per line (US SSA, 2018; makemore's names.txt)",
              "MIT (makemore); the names are a US-government work", ["makemore-LICENSE-MIT.txt"]),
    "warandpeace": ("warandpeace.txt", 300_000, "The opening of War and Peace (Maude translation)", "public domain", []),
    "linux": ("linux.txt", 300_000, "C code from the Linux kernel (the start of drivers/char/)", "GPL-2.0", ["GPL-2.0.txt", "linux-COPYING.txt"]),
}


def excerpt(text: str, limit: int) -> str:
    """The first `limit` characters, cut after the last whole line (the whole text if shorter)."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    return text[: cut + 1] if cut > 0 else text[:limit]


def render_all() -> dict[Path, str]:
    if not CORPORA.is_dir():
        sys.exit(f"{CORPORA} is missing: the studio's excerpts are made from ../shared/corpora")
    files: dict[Path, str] = {}
    index = []
    for cid, (name, limit, what, licence, licences) in EXCERPTS.items():
        text = excerpt((CORPORA / name).read_text(encoding="utf-8"), limit)
        files[OUT / f"{cid}.txt"] = text
        for lic in licences:
            files[OUT / "LICENSES" / lic] = (CORPORA / "LICENSES" / lic).read_text(encoding="utf-8")
        index.append({
            "id": cid, "file": f"{cid}.txt", "what": what, "licence": licence,
            "licence_files": [f"LICENSES/{lic}" for lic in licences],
            "characters": len(text), "bytes": len(text.encode("utf-8")), "distinct": len(set(text)),
            "source": f"../shared/corpora/{name}, first {len(text):,} characters",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        })
    files[OUT / "corpora.json"] = json.dumps({"corpora": index}, indent=1, ensure_ascii=False) + "\n"
    return files


def main(argv: list[str] | None = None) -> int:
    return command_line("coursekit.studio_corpora", __doc__, render_all, ROOT, argv)


if __name__ == "__main__":
    raise SystemExit(main())
