"""
The stress-test models' configuration: one dataclass, set by a preset (presets/<name>.py, plain
assignments, `base = 'other'` to inherit) and then by --key=value, typed as in ../config.py.
"""
import dataclasses
import pathlib
from dataclasses import dataclass

from ..config import RunFolders, fill

PRESETS = pathlib.Path(__file__).resolve().parent / "presets"
CELLS = ("rnn", "lstm", "gru", "transformer")


@dataclass
class StressConfig(RunFolders):
    model_id: str = "stress-lstm"
    runs_dir: str = "runs"
    out_dir: str = "pretrained"
    # the model: a recurrent cell (one layer of `hidden` units) or a causal Transformer
    # (`layers` blocks of width `hidden`, `heads` heads, feed-forward width `ff`, sinusoidal positions)
    cell: str = "lstm"
    emb: int = 32
    hidden: int = 96
    layers: int = 1
    heads: int = 4
    ff: int = 128
    # the data: training depths 0..train_depth and distances 1..train_distance; the evaluation goes
    # beyond both (eval_depths, eval_distances) on held-out sequences
    train_depth: int = 3
    train_distance: int = 40
    val_frac: float = 0.05
    test_frac: float = 0.05
    eval_depths: str = "0,1,2,3,4,5,6,8,10"
    eval_distances: str = "5,10,20,40,80,160,320,640"
    eval_per_size: int = 300
    # training (Adam, cosine decay, gradient clipping)
    steps: int = 8000
    batch_size: int = 64
    learning_rate: float = 3e-3
    warmup: int = 0                          # steps of linear warm-up before the cosine decay
    grad_clip: float = 1.0
    seed: int = 1337
    threads: int = 1
    device: str = "cpu"                      # cpu, cuda, or auto
    max_minutes: float = 0.0                 # >0: stop after this many minutes (checkpointed, resumable)
    # the speed measurement (PyTorch on this machine): sequence lengths, repeats per length
    speed_lengths: str = "16,32,64,128,256,512,1024"
    speed_repeats: int = 15
    card_note: str = ""

    def ints(self, key):
        return [int(x) for x in str(getattr(self, key)).split(",") if x.strip()]


# keys that do not change the trained weights
NOT_TRAINING = {"model_id", "runs_dir", "out_dir", "card_note", "eval_depths", "eval_distances", "eval_per_size",
                "speed_lengths", "speed_repeats", "max_minutes", "threads", "device"}


def load_config(preset=None, overrides=()):
    """Defaults <- preset (a name in presets/, or a path) <- ['--key=value', ...]."""
    cfg = fill(StressConfig(), preset, overrides, presets=PRESETS, what="stress-test config")
    if cfg.cell not in CELLS:
        raise ValueError(f"cell must be one of {', '.join(CELLS)}, got {cfg.cell!r}")
    if cfg.cell == "transformer" and cfg.hidden % cfg.heads:
        raise ValueError(f"hidden ({cfg.hidden}) must be a multiple of heads ({cfg.heads})")
    return cfg


def to_dict(cfg):
    return dataclasses.asdict(cfg)
