"""
The translator's configuration: one dataclass, set by a preset (presets/<name>.py, plain
assignments, `base = 'other'` to inherit) and then by --key=value, typed as in ../config.py.
"""
import dataclasses
import pathlib
from dataclasses import dataclass

from ..config import REPO, fill

PRESETS = pathlib.Path(__file__).resolve().parent / "presets"


@dataclass
class TranslateConfig:
    model_id: str = "fra-attn"
    corpus: str = "eng-fra"
    corpora_dir: str = "../shared/corpora"
    data_dir: str = "data"
    runs_dir: str = "runs"
    out_dir: str = "pretrained"
    # the subset: pairs whose English side has at most max_words words (whitespace split);
    # each side's vocabulary keeps its most frequent words seen at least min_count times in train
    max_words: int = 12
    src_vocab: int = 6000
    tgt_vocab: int = 8000
    min_count: int = 2
    # the split is by English sentence (all its translations go to one split), from a hash of it
    val_frac: float = 0.03
    test_frac: float = 0.03
    # the model
    attention: bool = True
    emb: int = 128
    hidden: int = 256
    attn_dim: int = 256
    dropout: float = 0.2
    # training (Adam, constant rate then halved when validation stalls)
    batch_size: int = 64
    epochs: int = 12
    train_pairs: int = 0                     # >0: train on the first this many training pairs only (smoke tests)
    max_minutes: float = 0.0                 # >0: stop after this many minutes of training (checkpointed)
    learning_rate: float = 2e-3
    grad_clip: float = 1.0
    seed: int = 1337
    threads: int = 1
    device: str = "cpu"                      # cpu, cuda, or auto (cuda when there is one)
    # evaluation and export
    beam: int = 4
    max_len: int = 24                        # decoding stops after this many French tokens
    weights_dtype: str = "float16"           # the trained weights are rounded to fp16: that is the model
    size_family: str = ""
    card_note: str = ""

    @property
    def run_dir(self):
        return self.path(self.runs_dir) / self.model_id

    @property
    def prepared_dir(self):
        return self.path(self.data_dir) / f"{self.corpus}-w{self.max_words}"

    def path(self, p):
        p = pathlib.Path(p)
        return p if p.is_absolute() else REPO / p


# keys that do not change the trained weights (config.json comparisons, cards)
NOT_TRAINING = {"model_id", "corpora_dir", "data_dir", "runs_dir", "out_dir", "size_family", "card_note",
                "beam", "max_len", "max_minutes"}


def load_config(preset=None, overrides=()):
    """Defaults <- preset (a name in presets/, or a path) <- ['--key=value', ...]."""
    cfg = fill(TranslateConfig(), preset, overrides, presets=PRESETS, what="translator config")
    if cfg.weights_dtype not in ("float32", "float16"):
        raise ValueError(f"weights_dtype must be float32 or float16, got {cfg.weights_dtype!r}")
    return cfg


def to_dict(cfg):
    return dataclasses.asdict(cfg)
