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
import shlex
import sys

STEPS = ["prepare", "train", "evaluate", "export", "all"]


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in STEPS:
        print(__doc__)
        return 0 if not argv or argv[0] in ("-h", "--help") else 2
    step, rest = argv[0], argv[1:]
    preset = rest.pop(0) if rest and not rest[0].startswith("--") else None
    from .config import load_config
    cfg = load_config(preset, rest)
    command = "python -m build_models.translate " + " ".join(shlex.quote(a) for a in argv)
    import torch
    torch.set_num_threads(cfg.threads)
    for s in (["prepare", "train", "evaluate", "export"] if step == "all" else [step]):
        if s == "prepare":
            from .data import prepare
            prepare(cfg)
        elif s == "train":
            from .train import train
            train(cfg, command=command)
        elif s == "evaluate":
            from .evaluate import evaluate
            evaluate(cfg)
        elif s == "export":
            from .export import export
            export(cfg, command=command)
    return 0


if __name__ == "__main__":
    from ..__main__ import exit_with
    exit_with(main)
