"""
python -m build_models.scenes.vqa STEP PRESET [--key=value ...]

Visual question answering on the synthetic scenes (Module 6 § 6.4).
Steps:
  train     train (resumes from runs/<model_id>/ckpt.pt)
  evaluate  accuracy by question type on held-out questions (test scenes, and novel scenes with
            held-out colour-shape pairs) beside the answer prior -> runs/<model_id>/evaluation.json
  export    pretrained/<model_id>/: model.onnx (parity checked), meta.json, README.md
  all       train, evaluate, export

Preset (build_models/scenes/presets/): vqa-scenes (about 8 minutes on one CPU thread).
"""
import sys

STEPS = ["train", "evaluate", "export", "all"]


def run(step, cfg, command):
    if step == "train":
        from .vqa_train import train
        train(cfg, command=command)
    elif step == "evaluate":
        from .vqa_evaluate import evaluate
        evaluate(cfg)
    elif step == "export":
        from .vqa_export import export
        export(cfg, command=command)


def main(argv=None):
    from ..__main__ import run_steps
    from .vqa_config import load_config
    return run_steps(list(sys.argv[1:] if argv is None else argv), __doc__, STEPS, "build_models.scenes.vqa", load_config, run)


if __name__ == "__main__":
    from ..__main__ import exit_with
    exit_with(main)
