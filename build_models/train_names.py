"""The training split of a names model as a JSON list, for the Live Demo Gallery to mark names it invents.

    python -m build_models.train_names [pretrained/names] [--corpora ../shared/corpora]

Reads the model's meta.json (corpus file, sha256, the train split's character bounds), checks the
corpus file against the sha256, and writes docs/data/train-lines/<corpus>.json: the distinct lines of
the training split, sorted. Not beside the model: pretrained/<id>/ holds exactly the files its
meta.json lists (tests/test_build_models_pretrained.py), and build_models writes that list.
"""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def training_names(meta: dict, corpora: Path) -> list[str]:
    """Distinct non-empty lines of the training split described by `meta`, sorted."""
    corpus = meta["corpus"]
    path = corpora / corpus["file"]
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != corpus["sha256"]:
        raise SystemExit(f"{path} does not match the sha256 in meta.json: not the corpus this model was trained on")
    lo, hi = corpus["split"]["train"]  # character offsets (the corpus is ASCII, so bytes too)
    text = data.decode("utf-8")[lo:hi]
    return sorted({line.strip() for line in text.split("\n") if line.strip()})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir", nargs="?", default=str(ROOT / "pretrained" / "names"))
    parser.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "data" / "train-lines"))
    args = parser.parse_args(argv)
    folder = Path(args.model_dir)
    meta = json.loads((folder / "meta.json").read_text())
    names = training_names(meta, Path(args.corpora))
    out = {"model": meta["id"], "corpus": meta["corpus"]["name"], "sha256": meta["corpus"]["sha256"],
           "split": "train", "count": len(names), "names": names}
    dest = Path(args.out) / f"{meta['corpus']['name']}.json"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"wrote {dest}: {len(names):,} distinct names")


if __name__ == "__main__":
    main()
