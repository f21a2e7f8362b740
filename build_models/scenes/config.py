"""
The captioners' configuration: one dataclass, set by a preset (presets/<name>.py, plain
assignments, `base = 'other'` to inherit) and then by --key=value, typed as in ../config.py.
"""
import dataclasses
import pathlib
from dataclasses import dataclass

from ..config import RunFolders, fill

PRESETS = pathlib.Path(__file__).resolve().parent / "presets"
ATTENTION = ("soft", "hard")


@dataclass
class CaptionerConfig(RunFolders):
    model_id: str = "captioner-soft"
    runs_dir: str = "runs"
    out_dir: str = "pretrained"
    # the model: CNN encoder to an 8x8 grid of `channels` features, LSTM decoder of `hidden` units,
    # word embedding `emb`, additive attention of width `att`
    channels: int = 64
    emb: int = 32
    hidden: int = 128
    att: int = 64
    # soft: alpha-weighted context, trained by backpropagation; hard: one sampled cell per word,
    # trained with REINFORCE (Xu et al. 2015) starting from the run `init_from` (a soft model)
    attention: str = "soft"
    init_from: str = ""
    reinforce_weight: float = 1.0            # weight of the score-function term
    entropy_weight: float = 0.01             # entropy bonus on alpha (keeps exploring)
    baseline_decay: float = 0.95             # moving-average baseline of the reward
    # training: batches of freshly rendered train scenes (scene index = step * batch_size + j)
    steps: int = 2400
    batch_size: int = 64
    learning_rate: float = 3e-3
    grad_clip: float = 1.0
    seed: int = 1337
    threads: int = 1
    device: str = "cpu"                      # cpu, cuda, or auto
    max_minutes: float = 0.0                 # >0: stop after this many minutes (checkpointed, resumable)
    # evaluation: the first eval_scenes of test and of novel (held-out colour-shape pairs)
    eval_scenes: int = 1000
    slice_scenes: int = 100                  # the slice whose metrics the ONNX loop must reproduce
    # float16: evaluate and export round the trained weights to fp16 (that rounded model is what
    # ships, stored as fp16 and computed in fp32: half the download); float32 keeps them as trained
    weights_dtype: str = "float16"
    val_scenes: int = 256
    card_note: str = ""


NOT_TRAINING = {"model_id", "runs_dir", "out_dir", "card_note", "eval_scenes", "slice_scenes", "val_scenes", "weights_dtype",
                "max_minutes", "threads", "device"}


def load_config(preset=None, overrides=()):
    """Defaults <- preset (a name in presets/, or a path) <- ['--key=value', ...]."""
    cfg = fill(CaptionerConfig(), preset, overrides, presets=PRESETS, what="captioner config")
    if cfg.attention not in ATTENTION:
        raise ValueError(f"attention must be one of {', '.join(ATTENTION)}, got {cfg.attention!r}")
    if cfg.weights_dtype not in ("float32", "float16"):
        raise ValueError(f"weights_dtype must be float32 or float16, got {cfg.weights_dtype!r}")
    return cfg


def to_dict(cfg):
    return dataclasses.asdict(cfg)
