"""
python -m build_models.translate STEP PRESET [--key=value ...]

Steps:
  prepare   the eng-fra subset, word vocabularies and the split -> data/eng-fra-w<max_words>/
  train     train (resumes from runs/<model_id>/ckpt.pt)
  evaluate  sacreBLEU on the test sources, by English length, greedy and beam -> runs/<model_id>/evaluation.json
  export    pretrained/<model_id>/: encoder.onnx, decoder.onnx (parity checked), meta.json, README.md
  all       prepare, train, evaluate, export

Presets (build_models/translate/presets/): fra-attn, fra-noattn, fra-attn-small, fra-attn-large.
The CPU run that ships: --epochs=3 (build_models/README.md, "The translator").
"""
import sys

STEPS = ["prepare", "train", "evaluate", "export", "all"]


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


def main(argv=None):
    from ..__main__ import run_steps
    from .config import load_config
    return run_steps(list(sys.argv[1:] if argv is None else argv), __doc__, STEPS, "build_models.translate", load_config, run)


if __name__ == "__main__":
    from ..__main__ import exit_with
    exit_with(main)
