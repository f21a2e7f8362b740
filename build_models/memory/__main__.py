"""
python -m build_models.memory STEP PRESET [--key=value ...]

Steps:
  train     train (resumes from runs/<model_id>/ckpt.pt)
  evaluate  bit and exact-sequence accuracy by length (1..eval_max_len, beyond training too)
            -> runs/<model_id>/evaluation.json
  export    pretrained/<model_id>/: model.onnx (one step; parity checked), meta.json, README.md
  all       train, evaluate, export

Presets (build_models/memory/presets/): ntm-copy-8, ntm-copy-16, ntm-copy-32 (memory slots).
Each trains on one CPU thread in minutes; the same recipe serves a GPU (--device=cuda).
"""
import sys

STEPS = ["train", "evaluate", "export", "all"]   # `all`: train, evaluate, export


def run(step, cfg, command):
    if step == "train":
        from .train import train
        train(cfg, command=command)
    elif step == "evaluate":
        from .evaluate import evaluate
        evaluate(cfg)
    elif step == "export":
        from .export import export
        export(cfg, command=command)


def main(argv=None):
    from ..__main__ import run_steps
    from .config import load_config
    return run_steps(list(sys.argv[1:] if argv is None else argv), __doc__, STEPS, "build_models.memory", load_config, run)


if __name__ == "__main__":
    from ..__main__ import exit_with
    exit_with(main)
