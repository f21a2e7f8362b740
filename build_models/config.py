"""
Run configuration: typed dataclasses, overridden by a preset file and then by --key=value.

Config is composed of parts, one dataclass per concern (the model's own arguments, training,
sampling, timelapse, evaluation, export, grid, and the run's data and folders). Config inherits
them all, so every key stays one flat name: presets, --key=value, config.json and `cfg.key` use
the same names as before the split, and a recorded config of an old run still compares.

A preset (build_models/config/<name>.py, or any path) is a short Python file of plain
assignments, as in nanoGPT's config/. Unknown keys and values of the wrong type are errors,
so a typo never silently trains the wrong model.
"""
import ast
import dataclasses
import pathlib
from dataclasses import dataclass, field

REPO = pathlib.Path(__file__).resolve().parents[1]
PRESETS = pathlib.Path(__file__).resolve().parent / "config"
# The default kind of model, and the kind of every config and checkpoint recorded before kinds existed.
CHAR_RNN = "char-rnn"


@dataclass
class Run:
    """Identity, data and folders (relative paths are relative to the repository root)."""
    model_id: str = "tiny"
    corpus: str = "tinyshakespeare"          # a name from the corpora MANIFEST.md
    corpora_dir: str = "../shared/corpora"   # holds MANIFEST.md and the corpus files
    data_dir: str = "data"                   # encoded splits and vocabularies
    runs_dir: str = "runs"                   # checkpoints, config.json, metrics.jsonl
    out_dir: str = "pretrained"              # shipped models
    # splits: contiguous blocks train | val | test, each cut moved to the next newline
    val_frac: float = 0.05
    test_frac: float = 0.05


@dataclass
class ModelArgs:
    """The model's own arguments: the kind (build_models/kinds/) builds its model from these."""
    kind: str = CHAR_RNN                     # a name in build_models.kinds.KINDS
    cell: str = "lstm"                       # char-rnn: lstm | gru | rnn
    n_layer: int = 2
    n_hidden: int = 128
    dropout: float = 0.0


@dataclass
class Training:
    """Optimisation (AdamW, linear warmup then cosine decay to min_lr), evaluation during training, system."""
    batch_size: int = 32
    seq_len: int = 128
    max_iters: int = 2000
    learning_rate: float = 2e-3
    min_lr: float = 2e-4
    warmup_iters: int = 100
    weight_decay: float = 0.0
    grad_clip: float = 1.0
    stop_at: int = 0                         # >0: checkpoint and stop at this step (resume later)
    # logging and evaluation during training
    eval_interval: int = 250
    eval_iters: int = 20
    log_interval: int = 50
    keep_best: bool = True                   # train also keeps the best-validation checkpoint (best.pt); the
                                             # later steps (evaluate, analyse, export) use it
    # system
    seed: int = 1337
    device: str = "auto"                     # auto picks cuda when present, else cpu
    threads: int = 1                         # torch CPU threads
    amp: bool = True                         # mixed precision, used only on cuda


@dataclass
class Sampling:
    """Samples (timelapse, cards, `sample`): fixed seed and temperature so they are reproducible."""
    sample_len: int = 400
    sample_temperature: float = 0.8
    sample_seed: int = 42
    sample_prompt: str = "\n"


@dataclass
class Timelapse:
    """Extra checkpoints (with samples) at timelapse_iters; ONNX for timelapse_export_iters."""
    timelapse_iters: list = field(default_factory=list)
    timelapse_export_iters: list = field(default_factory=list)


@dataclass
class Evaluation:
    """Evaluation and analysis of a trained run."""
    ngram_max: int = 20                      # the 2015 paper compared with n-grams up to 20
    dump_chars: int = 2000                   # per-character loss dump on a test passage
    analyse_chars: int = 20000               # test characters the neuron analysis runs over
    tail_eval_frac: float = 0.0              # >0: also score the last this share of the whole file (another
                                             # project's split, e.g. nanoGPT's last 10 % of tinyshakespeare)
    novelty_samples: int = 0                 # >0: sample this many lines, report the share not in train
    parity_chars: int = 2000                 # held-out characters for the ONNX parity check


@dataclass
class Export:
    """What export writes beside the model (card, families) and where a GPU run comes from."""
    card_note: str = ""                      # a paragraph for the model card (quirks of the corpus, ...)
    # comparison families: models that differ from each other in one key only, shown side by side
    # (Model Size Explorer: n_hidden; cell comparison: cell). A model in a family is a comparison
    # model: course pages quote the main models and widgets start on one of those.
    size_family: str = ""                    # e.g. 'tinyshakespeare': this model is one size of that family
    cell_family: str = ""                    # e.g. 'tinyshakespeare': this model is one cell type of that family
    gpu_run: str = ""                        # the run in gpu_runs_dir this preset reproduces (`adopt` copies it)
    gpu_runs_dir: str = "../shared/gpu-runs"
    weights_dtype: str = "float32"           # float16: the ONNX file stores the weights that fp16 holds exactly
                                             # as fp16 and casts them to fp32 on load (half the download)


@dataclass
class Grid:
    """The grid search (python -m build_models grid PRESET): 1-layer models, constant learning rate."""
    grid_learning_rates: list = field(default_factory=lambda: [1e-3, 1e-2, 1e-1])
    grid_hidden_sizes: list = field(default_factory=lambda: [32, 64, 128])
    grid_iters: int = 300                    # training steps per cell
    grid_eval_every: int = 25                # a point of the loss curves every this many steps
    grid_eval_batches: int = 8               # batches per loss estimate
    grid_out_dir: str = "docs/data"          # writes grid-<corpus>.json there, for the site


# The parts in the order their keys are listed (--help, config.json).
PARTS = (Run, ModelArgs, Training, Sampling, Timelapse, Evaluation, Export, Grid)


class RunFolders:
    """What every package's config has (this one's and the other model packages'): the run's folder
    under `runs_dir`, and paths relative to the repository root."""

    @property
    def run_dir(self):
        return self.path(self.runs_dir) / self.model_id

    def path(self, p):
        p = pathlib.Path(p)
        return p if p.is_absolute() else REPO / p


# A dataclass collects its bases' fields from the last base to the first, so the bases are
# listed in reverse for the keys to come out in PARTS order.
@dataclass
class Config(RunFolders, *reversed(PARTS)):
    """Every key of every part, as one flat namespace (cfg.n_hidden, cfg.grad_clip, ...)."""

    @property
    def model_ckpt(self):
        """The checkpoint the later steps read: best.pt when training kept one, else ckpt.pt."""
        best = self.run_dir / "best.pt"
        return best if self.keep_best and best.exists() else self.run_dir / "ckpt.pt"


def _coerce(key, value, default):
    """Parse the string `value` to the type of `default`, or raise a readable error."""
    if isinstance(default, str):
        return value
    try:
        v = ast.literal_eval(value)
    except (ValueError, SyntaxError):
        raise ValueError(f"--{key}={value}: not a valid {type(default).__name__}")
    return _check(key, v, default)


def _check(key, v, default):
    if isinstance(default, bool) or isinstance(v, bool):
        ok = isinstance(v, bool) and isinstance(default, bool)
    elif isinstance(default, float):
        ok = isinstance(v, (int, float))
        v = float(v) if ok else v
    elif isinstance(default, list) and default and isinstance(default[0], float):
        # a list of floats (e.g. grid_learning_rates): numbers, stored as floats
        ok = isinstance(v, (list, tuple)) and all(isinstance(e, (int, float)) and not isinstance(e, bool) for e in v)
        v = [float(e) for e in v] if ok else v
    elif isinstance(default, list):
        ok = isinstance(v, (list, tuple)) and all(isinstance(e, int) and not isinstance(e, bool) for e in v)
        v = list(v) if ok else v
    else:
        ok = isinstance(v, type(default))
    if not ok:
        raise TypeError(f"config key {key!r}: expected {type(default).__name__}, got {v!r}")
    return v


def _preset_items(preset, seen=(), presets=PRESETS):
    """(file name, (key, value)) of a preset, after those of its `base` preset if it names one:
    a preset that differs from another in a few keys says `base = 'other'` and lists only those.
    `presets` is the folder a bare name is looked up in (the translator has its own)."""
    p = pathlib.Path(preset)
    if not p.suffix:
        p = presets / f"{preset}.py"
    if not p.exists():
        names = sorted(q.stem for q in presets.glob("*.py"))
        raise FileNotFoundError(f"no preset {preset!r}; presets: {', '.join(names)}")
    if p in seen:
        raise ValueError(f"presets name each other as base in a loop: {' -> '.join(q.stem for q in (*seen, p))}")
    scope = {}
    exec(compile(p.read_text(), str(p), "exec"), {}, scope)
    base = scope.pop("base", None)
    inherited = _preset_items(base, (*seen, p), presets) if base else []
    return inherited + [(p.name, (k, v)) for k, v in scope.items() if not k.startswith("_")]


def fill(cfg, preset=None, overrides=(), presets=PRESETS, what="config"):
    """Set the dataclass `cfg`'s keys from a preset (a name in `presets`, or a path), then from
    ['--key=value', ...], each typed as its default; an unknown key names the `what` it is not in."""
    fields = {f.name for f in dataclasses.fields(cfg)}
    if preset:
        for name, (k, v) in _preset_items(preset, presets=presets):
            if k not in fields:
                raise KeyError(f"{name}: unknown {what} key {k!r}")
            setattr(cfg, k, _check(k, v, getattr(cfg, k)))
    for arg in overrides:
        if not arg.startswith("--") or "=" not in arg:
            raise ValueError(f"overrides look like --key=value, got {arg!r}")
        k, v = arg[2:].split("=", 1)
        if k not in fields:
            raise KeyError(f"unknown {what} key {k!r}; known: {', '.join(sorted(fields))}")
        setattr(cfg, k, _coerce(k, v, getattr(cfg, k)))
    return cfg


def load_config(preset=None, overrides=()):
    """Defaults <- preset file (name in build_models/config/ or a path) <- ['--key=value', ...]."""
    cfg = fill(Config(), preset, overrides)
    # the kind checks its own model arguments (e.g. char-rnn's cell); imported here, not at the top,
    # so that importing config (Config, to_dict, training_keys) does not load torch and onnx
    from .kinds import kind_of
    kind_of(cfg).check(cfg)
    if cfg.weights_dtype not in ("float32", "float16"):
        raise ValueError(f"weights_dtype must be float32 or float16, got {cfg.weights_dtype!r}")
    return cfg


# Keys that say nothing about how a run trains: where files go, card text, comparison families and
# export choices. Two configs that agree on every other key train the same model (tests compare
# presets with the recorded configs of the GPU runs this way).
NOT_TRAINING = {"model_id", "corpora_dir", "data_dir", "runs_dir", "out_dir", "card_note", "variant_of",
                "size_family", "cell_family", "keep_best", "weights_dtype", "grid_out_dir",
                "gpu_run", "gpu_runs_dir", "tail_eval_frac", "timelapse_export_iters"}


# Keys added after runs were recorded, with the value every earlier run had: a config.json written
# before `kind` existed is a char-rnn run's, and compares equal to a preset that trains the same.
ADDED_KEYS = {"kind": CHAR_RNN}


def training_keys(d):
    """The part of a config dict that decides the trained weights (see NOT_TRAINING, ADDED_KEYS)."""
    return {k: v for k, v in {**ADDED_KEYS, **d}.items() if k not in NOT_TRAINING}


def to_dict(cfg):
    return dataclasses.asdict(cfg)

