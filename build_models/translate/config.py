"""
The translator's configuration: one dataclass, set by a preset (presets/<name>.py, plain
assignments, `base = 'other'` to inherit) and then by --key=value, typed as in ../config.py.
"""
import dataclasses
import pathlib
from dataclasses import dataclass

from ..config import REPO, _check, _coerce

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


def _preset_items(preset, seen=()):
    p = pathlib.Path(preset)
    if not p.suffix:
        p = PRESETS / f"{preset}.py"
    if not p.exists():
        raise FileNotFoundError(f"no translator preset {preset!r}; presets: "
                                f"{', '.join(sorted(q.stem for q in PRESETS.glob('*.py')))}")
    if p in seen:
        raise ValueError("translator presets name each other as base in a loop")
    scope = {}
    exec(compile(p.read_text(), str(p), "exec"), {}, scope)
    base = scope.pop("base", None)
    inherited = _preset_items(base, (*seen, p)) if base else []
    return inherited + [(p.name, (k, v)) for k, v in scope.items() if not k.startswith("_")]


def load_config(preset=None, overrides=()):
    cfg = TranslateConfig()
    fields = {f.name for f in dataclasses.fields(TranslateConfig)}
    if preset:
        for name, (k, v) in _preset_items(preset):
            if k not in fields:
                raise KeyError(f"{name}: unknown translator config key {k!r}")
            setattr(cfg, k, _check(k, v, getattr(cfg, k)))
    for arg in overrides:
        if not arg.startswith("--") or "=" not in arg:
            raise ValueError(f"overrides look like --key=value, got {arg!r}")
        k, v = arg[2:].split("=", 1)
        if k not in fields:
            raise KeyError(f"unknown translator config key {k!r}; known: {', '.join(sorted(fields))}")
        setattr(cfg, k, _coerce(k, v, getattr(cfg, k)))
    if cfg.weights_dtype not in ("float32", "float16"):
        raise ValueError(f"weights_dtype must be float32 or float16, got {cfg.weights_dtype!r}")
    return cfg


def to_dict(cfg):
    return dataclasses.asdict(cfg)
