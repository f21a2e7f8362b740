"""
The registry of model kinds: name (the config's `kind`) -> Kind (kinds/base.py).

Each kind is one module here that says how to build its model, export its ONNX file (with the
io spec and a parity check) and what `sample` and `analyse` mean for it; train, grid, bench,
checkpoint, export and the steps of `python -m build_models` reach the model only through it.
To add a kind: write kinds/<kind>.py with a Kind subclass and list an instance in KINDS.
"""
from .base import OPTIONAL_STEPS, Kind
from .char_rnn import CharRNNKind

KINDS = {k.name: k for k in (CharRNNKind(),)}


def get(name):
    """The kind called `name`, or a ValueError that names the known kinds."""
    if name not in KINDS:
        raise ValueError(f"unknown kind {name!r}; known kinds: {', '.join(sorted(KINDS))}")
    return KINDS[name]


def kind_of(cfg):
    return get(cfg.kind)


__all__ = ["KINDS", "Kind", "OPTIONAL_STEPS", "get", "kind_of"]
