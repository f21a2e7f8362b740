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
import sys

STEPS = ["train", "evaluate", "speed", "export", "all"]   # `all`: train, evaluate, export


def run(step, cfg, command):
    if step == "train":
        from .train import train
        train(cfg, command=command)
    elif step == "evaluate":
        from .evaluate import evaluate
        evaluate(cfg)
    elif step == "speed":
        from .evaluate import measure_speed
        measure_speed(cfg)
    elif step == "export":
        from .export import export
        export(cfg, command=command)


def main(argv=None):
    from ..__main__ import run_steps
    from .config import load_config
    return run_steps(list(sys.argv[1:] if argv is None else argv), __doc__, STEPS, "build_models.stress", load_config, run)


if __name__ == "__main__":
    from ..__main__ import exit_with
    exit_with(main)
