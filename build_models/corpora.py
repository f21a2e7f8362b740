"""
Prepare a corpus: check its sha256 against MANIFEST.md, build the vocabulary, and write
deterministic contiguous train / val / test splits as uint16 token files.

data/<corpus>/vocab.json holds the vocabulary (ordered characters; index = token id),
the corpus sha256 and the split boundaries in characters; train/val/test.bin the tokens.
"""
import hashlib
import json
import re

import numpy as np


class CorpusError(RuntimeError):
    """A corpus is missing, altered, or its prepared files do not match it."""


def read_manifest(corpora_dir):
    """Parse the MANIFEST.md table: {name: {"file", "bytes", "sha256"}}."""
    path = corpora_dir / "MANIFEST.md"
    if not path.exists():
        raise CorpusError(f"no MANIFEST.md in {corpora_dir}: set --corpora_dir to the folder of the corpora")
    rows = {}
    for line in path.read_text().splitlines():
        cols = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cols) >= 4 and re.fullmatch(r"[0-9a-f]{64}", cols[3]):
            rows[cols[0]] = {"file": cols[1], "bytes": int(cols[2].replace(",", "")), "sha256": cols[3]}
    return rows


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_corpus(cfg):
    """Return (text, manifest row) after checking the file against its sha256."""
    cdir = cfg.path(cfg.corpora_dir)
    rows = read_manifest(cdir)
    if cfg.corpus not in rows:
        raise CorpusError(f"corpus {cfg.corpus!r} is not in {cdir / 'MANIFEST.md'} (known: {', '.join(sorted(rows))})")
    row = rows[cfg.corpus]
    path = cdir / row["file"]
    if not path.exists():
        raise CorpusError(f"corpus file {path} is missing (expected {row['bytes']} bytes, sha256 {row['sha256']})")
    digest = sha256_file(path)
    if digest != row["sha256"]:
        raise CorpusError(f"corpus file {path} was altered: sha256 {digest}, MANIFEST says {row['sha256']}")
    return path.read_bytes().decode("utf-8"), row


def split_bounds(text, val_frac, test_frac):
    """Cut points [0, a, b, n]: train = text[:a], val = text[a:b], test = text[b:].
    Each cut moves forward to just after the next newline so no line is split."""
    n = len(text)
    def cut(frac):
        i = int(n * frac)
        j = text.find("\n", i)
        return n if j < 0 else j + 1
    a, b = cut(1 - val_frac - test_frac), cut(1 - test_frac)
    return [0, a, b, n]


def prepare(cfg):
    """Write data/<corpus>/{train,val,test}.bin and vocab.json; return the vocab record."""
    text, row = read_corpus(cfg)
    chars = sorted(set(text))  # ordered vocabulary over the whole corpus: no unknown characters in val/test
    if len(chars) > 65535:
        raise CorpusError("vocabulary does not fit in uint16")
    stoi = {ch: i for i, ch in enumerate(chars)}
    ids = np.array([stoi[ch] for ch in text], dtype=np.uint16)  # [N]
    bounds = split_bounds(text, cfg.val_frac, cfg.test_frac)
    out = cfg.path(cfg.data_dir) / cfg.corpus
    out.mkdir(parents=True, exist_ok=True)
    for name, lo, hi in zip(["train", "val", "test"], bounds[:-1], bounds[1:]):
        ids[lo:hi].tofile(out / f"{name}.bin")
    vocab = {"corpus": cfg.corpus, "file": row["file"], "sha256": row["sha256"], "chars": chars,
             "split": {"unit": "characters", "train": bounds[0:2], "val": bounds[1:3], "test": bounds[2:4],
                       "val_frac": cfg.val_frac, "test_frac": cfg.test_frac,
                       "rule": "contiguous blocks, train then val then test; each cut moved to just after the next newline"}}
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=1))
    print(f"prepared {cfg.corpus}: {len(text):,} characters, vocab size {len(chars)}, "
          f"train {bounds[1]:,} / val {bounds[2] - bounds[1]:,} / test {bounds[3] - bounds[2]:,} -> {out}")
    return vocab


def load_vocab(cfg):
    """The vocabulary record, re-preparing if it is missing or was made from another corpus version."""
    path = cfg.path(cfg.data_dir) / cfg.corpus / "vocab.json"
    rows = read_manifest(cfg.path(cfg.corpora_dir))
    if path.exists():
        vocab = json.loads(path.read_text())
        same = (cfg.corpus in rows and vocab["sha256"] == rows[cfg.corpus]["sha256"]
                and vocab["split"]["val_frac"] == cfg.val_frac and vocab["split"]["test_frac"] == cfg.test_frac)
        if same:
            return vocab
    return prepare(cfg)


def load_split(cfg, split):
    """Tokens of one split as an int64 array, checked against the recorded boundaries."""
    vocab = load_vocab(cfg)
    path = cfg.path(cfg.data_dir) / cfg.corpus / f"{split}.bin"
    ids = np.fromfile(path, dtype=np.uint16).astype(np.int64) if path.exists() else None
    lo, hi = vocab["split"][split]
    if ids is None or len(ids) != hi - lo:
        raise CorpusError(f"{path} is missing or has the wrong length: run `python -m build_models prepare`")
    return ids


def decode(vocab, ids):
    return "".join(vocab["chars"][int(i)] for i in ids)


def encode(vocab, text):
    stoi = {ch: i for i, ch in enumerate(vocab["chars"])}
    return [stoi[ch] for ch in text]
