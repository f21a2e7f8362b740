"""The gallery's training-name list (docs/data/train-lines/names.json) is exactly the distinct lines
of the names model's training split, as `python -m build_models.train_names` writes it."""
from __future__ import annotations

import json
from pathlib import Path

from build_models.train_names import training_names
from conftest import CORPORA, missing_shared

ROOT = Path(__file__).resolve().parent.parent


def test_the_shipped_name_list_is_the_training_split_of_the_names_model():
    meta = json.loads((ROOT / "pretrained/names/meta.json").read_text())
    shipped = json.loads((ROOT / "docs/data/train-lines/names.json").read_text())
    assert (shipped["model"], shipped["sha256"], shipped["count"]) == (meta["id"], meta["corpus"]["sha256"], len(shipped["names"]))
    if not (CORPORA / meta["corpus"]["file"]).is_file():
        missing_shared("the names corpus is not beside the checkout")
    assert shipped["names"] == training_names(meta, CORPORA)
    # The split is a prefix of the corpus: its last name is cut at a newline, never mid-name.
    assert all(n.isalpha() and n.islower() for n in shipped["names"])
