"""
The memory models' configuration: one dataclass, set by a preset (presets/<name>.py, plain
assignments, `base = 'other'` to inherit) and then by --key=value, typed as in ../config.py.
"""
import dataclasses
import pathlib
from dataclasses import dataclass

from ..config import RunFolders, fill

PRESETS = pathlib.Path(__file__).resolve().parent / "presets"


@dataclass
class MemoryConfig(RunFolders):
    model_id: str = "ntm-copy-16"
    runs_dir: str = "runs"
    out_dir: str = "pretrained"
    # the model: an LSTM controller of `hidden` units, a memory of `slots` rows of `mem_width` numbers
    width: int = 8                           # bits per vector of the copy task
    slots: int = 16
    mem_width: int = 12
    hidden: int = 100
    # the data: each batch is `batch_size` sequences of one length drawn from 1..train_max_len
    train_max_len: int = 10
    # training (Adam, cosine decay to a tenth of the rate, gradient clipping); the curve records the
    # mean training loss (nats per bit) over each `log_every` steps and a held-out check
    steps: int = 4000
    log_every: int = 50
    batch_size: int = 32
    learning_rate: float = 3e-3
    grad_clip: float = 10.0
    seed: int = 1
    threads: int = 1
    device: str = "cpu"                      # cpu, cuda or auto
    max_minutes: float = 0.0                 # >0: stop after this many minutes (checkpointed, resumable)
    # evaluation: eval_per_length held-out sequences (their own seed) at each length 1..eval_max_len
    eval_max_len: int = 20
    eval_per_length: int = 200
    weights_dtype: str = "float32"
    card_note: str = ""


# keys that do not change the trained weights
NOT_TRAINING = {"model_id", "runs_dir", "out_dir", "card_note", "eval_max_len", "eval_per_length",
                "max_minutes", "threads", "device", "weights_dtype", "log_every"}


def load_config(preset=None, overrides=()):
    """Defaults <- preset (a name in presets/, or a path) <- ['--key=value', ...]."""
    cfg = fill(MemoryConfig(), preset, overrides, presets=PRESETS, what="memory config")
    if cfg.train_max_len < 1 or cfg.eval_max_len < cfg.train_max_len:
        raise ValueError(f"train_max_len must be at least 1 and at most eval_max_len ({cfg.train_max_len}, {cfg.eval_max_len})")
    if cfg.slots < 2 or cfg.width < 1:
        raise ValueError(f"slots must be at least 2 and width at least 1 (got {cfg.slots}, {cfg.width})")
    if cfg.weights_dtype not in ("float32", "float16"):
        raise ValueError(f"weights_dtype must be float32 or float16, got {cfg.weights_dtype!r}")
    return cfg


def to_dict(cfg):
    return dataclasses.asdict(cfg)
