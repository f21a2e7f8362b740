"""The texts the training studio offers (docs/data/studio/): each is what
`python -m coursekit.studio_corpora` makes from ../shared/corpora, listed in corpora.json with its
true size, and ships with the licence files it names."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from conftest import missing_shared
from coursekit import studio_corpora

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "data" / "studio"


def test_each_listed_text_has_the_size_and_hash_listed_and_its_licence_files():
    index = json.loads((OUT / "corpora.json").read_text(encoding="utf-8"))["corpora"]
    assert {c["id"] for c in index} == set(studio_corpora.EXCERPTS)
    for c in index:
        text = (OUT / c["file"]).read_text(encoding="utf-8")
        assert (c["characters"], c["bytes"], c["distinct"]) == (len(text), len(text.encode()), len(set(text)))
        assert c["sha256"] == hashlib.sha256(text.encode()).hexdigest()
        assert c["bytes"] <= 2 * 1024 * 1024  # within what the studio accepts
        for lic in c["licence_files"]:
            assert (OUT / lic).is_file(), lic


def test_the_committed_texts_are_what_the_command_makes_from_the_corpora():
    if not studio_corpora.CORPORA.is_dir():
        missing_shared("../shared/corpora")
    assert studio_corpora.main(["--check"]) == 0


def test_an_excerpt_ends_after_a_whole_line():
    assert studio_corpora.excerpt("ab\ncd\nef", 7) == "ab\ncd\n"
    assert studio_corpora.excerpt("abc", 10) == "abc"
