"""
python -m build_models.scenes STEP PRESET [--key=value ...]

Steps:
  train     train (resumes from runs/<model_id>/ckpt.pt)
  evaluate  BLEU, exact match, object / colour / shape / size / relation accuracy on held-out
            scenes (test, and novel: held-out colour-shape pairs) -> runs/<model_id>/evaluation.json
  export    pretrained/<model_id>/: encoder.onnx, decoder.onnx (parity checked), meta.json, README.md
  all       train, evaluate, export

Presets (build_models/scenes/presets/): captioner-soft, captioner-hard (fine-tunes captioner-soft
with REINFORCE: train captioner-soft first). Each trains on one CPU thread in minutes.
"""
import sys

STEPS = ["train", "evaluate", "export", "all"]


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
    return run_steps(list(sys.argv[1:] if argv is None else argv), __doc__, STEPS, "build_models.scenes", load_config, run)


if __name__ == "__main__":
    from ..__main__ import exit_with
    exit_with(main)
