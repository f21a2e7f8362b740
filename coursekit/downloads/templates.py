"""Code templates: for each implementation track of Module 9, the repository's files that the
tracks page teaches from, in one reproducible zip.

What goes in is read from docs/modules/09-implementation/tracks.md: Track A's labs from its
table of labs (each lab's starter and solution), Track B's files from the page's snippet
includes, Track C's script from the code block marked <!-- track-c --> (the repository has no
file for it). Entries are sorted and dated 1980-01-01, so the same sources give the same bytes.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from coursekit.downloads.pages import DOCS, ROOT, table

NAME = "code-templates.zip"
TRACKS_PAGE = DOCS / "modules" / "09-implementation" / "tracks.md"
LABS = DOCS / "labs"
TRACK_C_FILE = "finetune_gpt2.py"
EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold


def track_a_labs() -> list[str]:
    """The lab ids of Track A's table, in order: the function each lab asks for is its id."""
    labs = [re.match(r"`(\w+)`", r["You write"]).group(1) for r in table(TRACKS_PAGE, "Lab")]
    missing = [lab for lab in labs if not (LABS / lab).is_dir()]
    if missing:
        raise LookupError(f"tracks.md names labs that docs/labs lacks: {missing}")
    return labs


def track_b_files() -> list[str]:
    """The repository files whose sections Track B includes (--8<-- "file:section")."""
    page = TRACKS_PAGE.read_text(encoding="utf-8")
    return sorted(set(re.findall(r'^--8<-- "([^":]+\.py)(?::\w+)?"', page, re.M)))


def track_c_code() -> str:
    page = TRACKS_PAGE.read_text(encoding="utf-8")
    m = re.search(r"<!-- track-c -->\n```python\n(.*?)^```", page, re.S | re.M)
    if not m:
        raise LookupError("the Track C code block is not marked <!-- track-c --> in tracks.md")
    return m.group(1)


def _readme_a(labs: list[str]) -> str:
    rows = "\n".join(f"| `lab-{n}-{lab}/` | `{lab}` | `docs/labs/{lab}/` |" for n, lab in enumerate(labs, 1))
    return f"""# Track A: NumPy from scratch

A vanilla character RNN in NumPy, built in the four labs of Module 9. Each folder holds a lab's
`starter.py` (the template you fill in: the function's signature, docstring and TODOs) and its
`solution.py` (the course's reference solution, the one the lab's tests grade against). Both
are copied unchanged from the course's repository.

| Folder | The function you write | From |
|---|---|---|
{rows}

They need only NumPy (`pip install numpy`). Fill in a starter, or try a solution from its folder:

```sh
cd lab-4-train_char_rnn
python -c "from solution import train_char_rnn; r = train_char_rnn(open('input.txt').read(), num_iterations=500); print(r['losses'][-1])"
```

with any plain-text file as `input.txt`. The lab pages explain each step, and grade your
version in the browser.
"""


def _readme_b(files: list[str]) -> str:
    rows = "\n".join(f"| `{Path(f).name}` | `{f}` |" for f in files)
    return f"""# Track B: PyTorch

The files whose sections the tracks page shows: they trained every model on the course's site.
They are copied unchanged from the course's repository.

| File | From |
|---|---|
{rows}

- `model.py` is self-contained (it imports only PyTorch): `CharRNN` is an embedding, a stack of
  LSTM, GRU or vanilla RNN layers, dropout and a linear decoder.
  `python -c "from model import CharRNN; print(CharRNN(65, 2, 128))"` builds one.
- `train.py` is the training loop of the course's `build_models` package (random windows,
  warm-up then cosine learning rate, AdamW, gradient clipping, checkpoints). It imports the
  package's other modules (`checkpoint`, `config`, `corpora`, `kinds`), so it runs inside that
  package, not on its own: in the course's repository, `python -m build_models train <preset>`.
  Read it here as the template for your own loop around `model.py`.

Install PyTorch (`pip install torch`); a CPU is enough for small models.
"""


def _readme_c() -> str:
    return f"""# Track C: Hugging Face

`{TRACK_C_FILE}` fine-tunes GPT-2 on your own text with the `transformers` Trainer, then samples
from it. The course's repository has no file for this track: this is the code block of the
tracks page, extracted unchanged from the Markdown. The course's tests count its lines but do
not run it (it downloads GPT-2, about 500 MB, and wants a GPU).

```sh
pip install transformers datasets torch
python {TRACK_C_FILE}   # reads my_corpus.txt from the current folder
```
"""


def entries() -> dict[str, bytes]:
    """Zip path -> content."""
    out: dict[str, bytes] = {}
    labs = track_a_labs()
    for n, lab in enumerate(labs, 1):
        for f in ("starter.py", "solution.py"):
            out[f"track-a-numpy/lab-{n}-{lab}/{f}"] = (LABS / lab / f).read_bytes()
    out["track-a-numpy/README.md"] = _readme_a(labs).encode()
    files = track_b_files()
    for f in files:
        out[f"track-b-pytorch/{Path(f).name}"] = (ROOT / f).read_bytes()
    out["track-b-pytorch/README.md"] = _readme_b(files).encode()
    out[f"track-c-huggingface/{TRACK_C_FILE}"] = track_c_code().encode()
    out["track-c-huggingface/README.md"] = _readme_c().encode()
    if (ROOT / "LICENSE").is_file():
        out["LICENSE"] = (ROOT / "LICENSE").read_bytes()
    return out


def write(out: Path) -> list[Path]:
    with zipfile.ZipFile(out / NAME, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in sorted(entries().items()):
            info = zipfile.ZipInfo(name, EPOCH)
            info.external_attr = 0o644 << 16  # rw-r--r--, not whatever umask the builder had
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return [out / NAME]
