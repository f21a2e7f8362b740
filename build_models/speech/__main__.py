"""
python -m build_models.speech STEP PRESET [--key=value ...]

Steps:
  prepare   synthesise the clips with espeak-ng -> runs/<model_id>/clips-{train,val,test}.npz
  train     train (resumes from runs/<model_id>/ckpt.pt)
  evaluate  accuracy on the held-out voices: overall, by SNR, by digit, by voice, confusion
            -> runs/<model_id>/evaluation.json
  export    pretrained/<model_id>/: model.onnx (parity checked), meta.json, README.md, clips/
  page      docs/includes/generated/speech-*.md: the page's figures, from pretrained/<model_id>/meta.json
  all       prepare, train, evaluate, export, page

Presets (build_models/speech/presets/): spoken-digits. It trains on one CPU thread in minutes;
the same recipe serves a GPU (--device=cuda).
"""
import sys

STEPS = ["prepare", "train", "evaluate", "export", "page", "all"]


def run(step, cfg, command):
    if step == "prepare":
        from .data import prepare
        prepare(cfg)
    elif step == "train":
        from .train import train
        train(cfg, command=command)
    elif step == "evaluate":
        from .evaluate import evaluate
        evaluate(cfg)
    elif step == "export":
        from .export import export
        export(cfg, command=command)
    elif step == "page":
        from .page import write
        write(cfg)


def main(argv=None):
    from ..__main__ import run_steps
    from .config import load_config
    return run_steps(list(sys.argv[1:] if argv is None else argv), __doc__, STEPS, "build_models.speech", load_config, run)


if __name__ == "__main__":
    from ..__main__ import exit_with
    exit_with(main)
