"""
Checkpoints: everything needed to rebuild and resume a run (kind, weights, model args, optimiser,
step, RNG states, config), written atomically with a sha256 sidecar so a damaged file
fails with a clear message instead of a pickle traceback or silently wrong weights.
"""
import os

import torch

from . import kinds
from .config import CHAR_RNN
from .corpora import sha256_file


class CheckpointError(RuntimeError):
    """A checkpoint is missing, damaged, or belongs to another corpus/vocabulary."""


def save(obj, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    torch.save(obj, tmp)
    os.replace(tmp, path)  # atomic: an interrupted save never leaves half a checkpoint
    path.with_name(path.name + ".sha256").write_text(sha256_file(path) + "\n")


def load(path):
    side = path.with_name(path.name + ".sha256")
    if not path.exists():
        raise CheckpointError(f"no checkpoint at {path}: train first (python -m build_models train ...)")
    if side.exists() and side.read_text().strip() != sha256_file(path):
        raise CheckpointError(f"checkpoint {path} is corrupted (its sha256 differs from {side.name}); "
                              f"delete it and retrain, or restore it")
    try:
        return torch.load(path, map_location="cpu", weights_only=False)
    except Exception as e:  # a truncated or foreign file
        raise CheckpointError(f"checkpoint {path} cannot be read ({type(e).__name__}: {e}); delete it and retrain") from e


def resume(path, config, not_training, model, optimizer, rng=None):
    """The run's checkpoint at `path` with its weights, optimiser and NumPy RNG state (`rng`, when
    given) restored into the run's own, or None when there is none yet. A checkpoint trained with
    other settings (any key of the `config` dict outside `not_training`) is refused by name: going on
    would make one model of two recipes."""
    if not path.exists():
        return None
    ck = load(path)
    saved = {k: v for k, v in ck["config"].items() if k not in not_training}
    now = {k: v for k, v in config.items() if k not in not_training}
    if saved != now:
        diff = sorted(k for k in now if saved.get(k) != now[k])
        raise CheckpointError(f"{path} was trained with other settings ({', '.join(diff)}); "
                              "delete the run folder to start again")
    model.load_state_dict(ck["model"])
    optimizer.load_state_dict(ck["optimizer"])
    if rng is not None:
        rng.bit_generator.state = ck["rng"]
    return ck


def kind_name(ck):
    """The kind of model a checkpoint holds: checkpoints written before kinds existed hold a char-rnn."""
    return ck.get("kind", CHAR_RNN)


def load_model(path, vocab=None, kind=None):
    """Rebuild the model of a checkpoint through its kind (eval mode, CPU); check it fits `vocab` and
    is of kind `kind` (a name) if given."""
    ck = load(path)
    if vocab is not None and ck.get("chars") != vocab["chars"]:
        raise CheckpointError(f"checkpoint {path} was trained on another vocabulary than {vocab['corpus']}")
    if kind is not None and kind_name(ck) != kind:
        raise CheckpointError(f"checkpoint {path} holds a {kind_name(ck)!r} model, not the config's kind {kind!r}")
    model = kinds.get(kind_name(ck)).rebuild(ck["model_args"])
    model.load_state_dict(ck["model"])
    return model.eval(), ck
