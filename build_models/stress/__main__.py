"""
python -m build_models.stress STEP PRESET [--key=value ...]

Steps:
  train     train (resumes from runs/<model_id>/ckpt.pt)
  evaluate  accuracy by depth and by distance on held-out sequences, PyTorch speed by length
            -> runs/<model_id>/evaluation.json
  speed     measure only the PyTorch speed again (on an idle machine) -> evaluation.json
  export    pretrained/<model_id>/: model.onnx (parity checked), meta.json, README.md
  all       train, evaluate, export

Presets (build_models/stress/presets/): stress-rnn, stress-lstm, stress-gru, stress-transformer.
They train on a CPU in minutes; the same recipe serves a GPU (--device=cuda).
"""
import shlex
import sys

STEPS = ["train", "evaluate", "speed", "export", "all"]


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in STEPS:
        print(__doc__)
        return 0 if not argv or argv[0] in ("-h", "--help") else 2
    step, rest = argv[0], argv[1:]
    preset = rest.pop(0) if rest and not rest[0].startswith("--") else None
    from .config import load_config
    cfg = load_config(preset, rest)
    command = "python -m build_models.stress " + " ".join(shlex.quote(a) for a in argv)
    import torch
    torch.set_num_threads(cfg.threads)
    for s in (["train", "evaluate", "export"] if step == "all" else [step]):
        if s == "train":
            from .train import train
            train(cfg, command=command)
        elif s == "evaluate":
            from .evaluate import evaluate
            evaluate(cfg)
        elif s == "speed":
            from .evaluate import measure_speed
            measure_speed(cfg)
        elif s == "export":
            from .export import export
            export(cfg, command=command)
    return 0


if __name__ == "__main__":
    from ..__main__ import exit_with
    exit_with(main)
