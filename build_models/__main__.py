"""
python -m build_models STEP [PRESET] [--key=value ...]

Steps (each runs alone; `all` chains them for one model):
  prepare    check the corpus sha256, write the vocabulary and the train/val/test splits
  train      train (resumes from runs/<model_id>/ckpt.pt when it exists)
  adopt      copy the preset's GPU run (gpu_run, in ../shared/gpu-runs/) to runs/<model_id>/ instead of training
  zoo        adopt, prepare, evaluate, analyse, timelapse, export: ship a GPU run without training
  export     write pretrained/<model_id>/: model.onnx, meta.json, README.md (with ONNX parity)
  sample     print a sample at the config's seed and temperature
  evaluate   val/test loss (nats, bits/char), n-gram baseline, per-character loss dump
  analyse    neuron scores against text features and gate saturation -> neurons.json
  timelapse  export timelapse.json (+ ONNX for timelapse_export_iters)
  bench      training throughput (chars/s) of several model sizes on this machine
  grid       learning rate x hidden size grid of small models -> docs/data/grid-<corpus>.json
  all        prepare, train, evaluate, analyse, timelapse, export

PRESET is a name in build_models/config/ (e.g. names, tinyshakespeare) or a path to such a file.
Every config key can be overridden with --key=value; unknown keys and wrong types are errors.
The key `kind` picks the kind of model (build_models/kinds/; default char-rnn). sample, evaluate,
analyse, timelapse, bench and grid exist only for the kinds that define them: asked for one of
these, a kind without it stops with a message, and `all`/`zoo` skip it with a note.
Examples:
  python -m build_models all names
  python -m build_models train tinyshakespeare --max_iters=200 --device=cpu
"""
import shlex
import sys

STEPS = ["prepare", "adopt", "zoo", "train", "export", "sample", "evaluate", "analyse", "timelapse", "bench", "grid", "all"]
# the steps `all` and `zoo` run, in order
CHAINS = {"all": ["prepare", "train", "evaluate", "analyse", "timelapse", "export"],
          "zoo": ["adopt", "prepare", "evaluate", "analyse", "timelapse", "export"]}


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help") or argv[0] not in STEPS:
        print(__doc__)
        if argv and argv[0] not in ("-h", "--help", "help"):
            print(f"error: unknown step {argv[0]!r}; steps: {', '.join(STEPS)}", file=sys.stderr)
            return 2
        from .config import PRESETS
        print("presets:", ", ".join(sorted(p.stem for p in PRESETS.glob("*.py"))))
        import dataclasses
        from .config import PARTS, Config
        from .kinds import KINDS
        print("kinds:", ", ".join(sorted(KINDS)))
        print("config keys (defaults), by part of the config:")
        defaults = Config()
        for part in PARTS:
            print(f"  {part.__doc__}")
            for f in dataclasses.fields(part):
                print(f"    --{f.name}={getattr(defaults, f.name)!r}")
        return 0
    step, rest = argv[0], argv[1:]
    preset = rest.pop(0) if rest and not rest[0].startswith("--") else None
    from .config import load_config
    from .kinds import kind_of
    cfg = load_config(preset, rest)
    kind = kind_of(cfg)
    command = "python -m build_models " + " ".join(shlex.quote(a) for a in argv)
    import torch
    torch.set_num_threads(cfg.threads)
    for s in CHAINS.get(step, [step]):
        if s != step and not kind.has(s):
            print(f"{s}: skipped (kind {kind.name!r} has no {s} step)")
            continue
        kind.require(s)
        run_step(s, cfg, kind, command)
    return 0


def trained_model(cfg, kind):
    """(model, vocab): the run's checkpoint (cfg.model_ckpt) rebuilt, checked to be of `kind`."""
    from .checkpoint import load_model
    from .corpora import load_vocab
    vocab = load_vocab(cfg)
    return load_model(cfg.model_ckpt, vocab, kind.name)[0], vocab


def run_step(step, cfg, kind, command):
    """One step for the config's model, whose kind has it."""
    if step == "adopt":
        from .adopt import adopt
        adopt(cfg)
    elif step == "prepare":
        from .corpora import prepare
        prepare(cfg)
    elif step == "train":
        from .train import train
        train(cfg, command=command)
    elif step == "evaluate":
        from .evaluate import evaluate
        evaluate(cfg)
    elif step == "analyse":
        kind.analyse(cfg, *trained_model(cfg, kind))
    elif step == "timelapse":
        from .timelapse import export_timelapse
        export_timelapse(cfg)
    elif step == "export":
        from .card import export_model
        export_model(cfg)
    elif step == "sample":
        print(kind.sample(cfg, *trained_model(cfg, kind)))
    elif step == "bench":
        from .bench import bench
        bench(cfg)
    elif step == "grid":
        from .grid import grid
        grid(cfg, command=command)


def run_steps(argv, doc, steps, prog, load_config, run):
    """The command line of a model package beside the character pipeline (build_models.translate,
    build_models.stress): `STEP [PRESET] [--key=value ...]`, where `steps` lists the steps in the
    order `all` runs them (plus "all"). `run(step, cfg, command)` runs one. Prints `doc` for no or
    an unknown step (status 0 for none or --help, 2 otherwise)."""
    if not argv or argv[0] not in steps:
        print(doc)
        return 0 if not argv or argv[0] in ("-h", "--help") else 2
    step, rest = argv[0], argv[1:]
    preset = rest.pop(0) if rest and not rest[0].startswith("--") else None
    cfg = load_config(preset, rest)
    command = f"python -m {prog} " + " ".join(shlex.quote(a) for a in argv)
    import torch
    torch.set_num_threads(cfg.threads)
    for s in ([x for x in steps if x not in ("all", "speed")] if step == "all" else [step]):
        run(s, cfg, command)
    return 0


def exit_with(main_fn):
    """Run a command line's main and exit with its status; config, corpus and checkpoint mistakes
    print one readable line, not a traceback (this package's commands and build_models.translate)."""
    from .checkpoint import CheckpointError
    from .corpora import CorpusError
    try:
        sys.exit(main_fn())
    except (CorpusError, CheckpointError, KeyError, TypeError, ValueError, FileNotFoundError) as e:
        print(f"error: {e.args[0] if isinstance(e, KeyError) else e}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    exit_with(main)
