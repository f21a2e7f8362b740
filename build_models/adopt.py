"""
Adopt a GPU run: copy ../shared/gpu-runs/<gpu_run>/ (checkpoint, config.json, metrics.jsonl,
train.log, timelapse/) into runs/<model_id>/, so that evaluate, analyse, timelapse and export
work from it as from a run trained here. The preset must train the same model as the run did:
every key that decides the weights (config.training_keys) must equal the run's recorded config.
"""
import json
import shutil

from . import checkpoint
from .config import to_dict, training_keys


def adopt(cfg):
    if not cfg.gpu_run:
        raise ValueError(f"preset {cfg.model_id!r} names no gpu_run to adopt")
    src = cfg.path(cfg.gpu_runs_dir) / cfg.gpu_run
    if not (src / "config.json").exists():
        raise FileNotFoundError(f"no GPU run at {src} (its config.json is missing)")
    recorded = json.loads((src / "config.json").read_text())["config"]
    ours, theirs = training_keys(to_dict(cfg)), training_keys(recorded)
    differ = sorted(k for k in set(ours) | set(theirs) if ours.get(k) != theirs.get(k))
    if differ:
        raise ValueError(f"preset {cfg.model_id!r} does not train what {cfg.gpu_run} trained: "
                         + ", ".join(f"{k} {ours.get(k)!r} vs {theirs.get(k)!r}" for k in differ))
    checkpoint.load(src / "ckpt.pt")  # checks the sha256 sidecar before anything is copied
    dst = cfg.run_dir
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    for f in dst.rglob("*"):
        f.chmod(0o644 if f.is_file() else 0o755)  # shared/ is read-only; our copy must not be
    print(f"adopted {cfg.gpu_run} as runs/{cfg.model_id}")
    return dst
