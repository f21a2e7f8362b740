"""
The visual question answerer's configuration: one dataclass, set by a preset (presets/vqa-*.py)
and then by --key=value, typed as in ../config.py (the captioners' config.py, for this model).
"""
import dataclasses
from dataclasses import dataclass

from ..config import RunFolders, fill
from .config import PRESETS


@dataclass
class VqaConfig(RunFolders):
    model_id: str = "vqa-scenes"
    runs_dir: str = "runs"
    out_dir: str = "pretrained"
    # the model (vqa_model.py): grid of `channels` features, question LSTM of `hidden` units
    channels: int = 64
    emb: int = 32
    hidden: int = 128
    att: int = 64
    fuse: int = 256
    # training: batches of train questions (question index = step * batch_size + j), each on its scene
    steps: int = 3800
    batch_size: int = 64
    learning_rate: float = 3e-3
    grad_clip: float = 1.0
    seed: int = 1337
    threads: int = 1
    device: str = "cpu"
    max_minutes: float = 0.0
    # evaluation: the first eval_questions of test and of novel (scenes with held-out colour-shape pairs)
    eval_questions: int = 3000
    slice_questions: int = 120               # the slice whose answers the ONNX model must reproduce
    val_questions: int = 600
    prior_questions: int = 6000              # train questions the answer prior is counted on


NOT_TRAINING = {"model_id", "runs_dir", "out_dir", "eval_questions", "slice_questions", "val_questions",
                "prior_questions", "max_minutes", "threads", "device"}


def load_config(preset=None, overrides=()):
    """Defaults <- preset (a name in presets/, or a path) <- ['--key=value', ...]."""
    return fill(VqaConfig(), preset, overrides, presets=PRESETS, what="vqa config")


def to_dict(cfg):
    return dataclasses.asdict(cfg)
