"""
Export a trained stress-test model to pretrained/<model_id>/:
  model.onnx  tokens int64 [1,T] (<s> first) -> logits [1,T,V] (the next token after each position),
              and states [1,T,H] (a recurrent model's hidden state) or attention [1,L,heads,T,T]
              (the Transformer's weights; row t sums to 1 over positions 0..t)
  meta.json   vocabulary, the tasks' word lists, architecture, evaluation (accuracy by depth and by
              distance, PyTorch speed), training, parity, files, the command
  README.md   the card
The models are small (about 65-75 thousand parameters): weights stay fp32. The parity check runs
held-out sequences of every evaluated depth and distance through both (PARITY_SHORT, PARITY_LONG).
"""
import datetime
import json
import subprocess

import numpy as np
import torch
import torch.nn as nn

from ..corpora import sha256_file
from ..config import REPO
from ..export import run_records, save_onnx
from . import data
from .evaluate import TEST_SEED
from .model import num_params
from .train import load_trained

KIND = "word-lm"


class File(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, tokens):
        return self.model(tokens)


def extra_name(cell):
    return "attention" if cell == "transformer" else "states"


def write_onnx(model, path, cell):
    x = torch.ones(1, 7, dtype=torch.long)   # a length > 1 so that T is not specialised
    names = ["logits", extra_name(cell)]
    import onnx
    if cell == "rnn":
        # The dynamo exporter unrolls nn.RNN (tanh) over the example's 7 steps, fixing T; the
        # TorchScript exporter writes ONNX's RNN operator, which takes any length.
        import logging
        import warnings
        from ..export import strip_metadata
        logging.getLogger("torch.onnx").setLevel(logging.ERROR)
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(File(model).eval(), (x,), str(path), dynamo=False, input_names=["tokens"], output_names=names,
                              dynamic_axes={"tokens": {1: "T"}, "logits": {1: "T"}, "states": {1: "T"}}, opset_version=18)
        proto = onnx.load(str(path))
        strip_metadata(proto)
    else:
        T = torch.export.Dim("T", min=1, max=4096)
        save_onnx(File(model).eval(), (x,), path, ["tokens"], names, {"tokens": {1: T}})
        proto = onnx.load(str(path))
    # The exporter records intermediate shapes traced at the example's length (e.g. [1,7,106]), and
    # onnxruntime then warns on every other length: drop them (it infers its own) and name T.
    del proto.graph.value_info[:]
    dims = {"logits": [None, "T", None], "states": [None, "T", None], "attention": [None, None, None, "T", "T"]}
    for o in proto.graph.output:   # name the length dims: onnxruntime then accepts any length without warnings
        for i, name in enumerate(dims[o.name]):
            if name:
                o.type.tensor_type.shape.dim[i].dim_param = name
    onnx.save_model(proto, str(path), save_as_external_data=False)


# Parity bounds: within twice the training lengths, as everywhere in build_models; beyond them a
# recurrent state passes through hundreds of steps in a regime training never shaped (the GRU's
# bracket accuracy collapses there), and float32 rounding differences between PyTorch's and
# onnxruntime's kernels grow with the steps: bounded, recorded, looser.
PARITY_SHORT, PARITY_LONG = 1e-4, 1e-2


@torch.no_grad()
def parity(model, path, cfg):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    sess = ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])
    f, t = cfg.val_frac, cfg.test_frac
    seqs = [e.words for es in data.held_out("agreement", cfg.ints("eval_depths"), 2, TEST_SEED["agreement-hard"],
                                            "test", f, t, hard=True).values() for e in es]
    seqs += [e.words for es in data.held_out("brackets", cfg.ints("eval_distances"), 1, TEST_SEED["brackets"],
                                             "test", f, t).values() for e in es]
    short_max = 2 * max(cfg.train_distance, 20) + 3
    worst = {"short": {"logits": 0.0, extra_name(cfg.cell): 0.0}, "long": {"logits": 0.0, extra_name(cfg.cell): 0.0}}
    for words in seqs:
        x = np.array([data.encode(words)], dtype=np.int64)
        ref = [r.numpy() for r in model(torch.from_numpy(x))]
        got = sess.run(None, {"tokens": x})
        group = worst["short" if x.shape[1] <= short_max else "long"]
        for k, a, b in zip(group, got, ref):
            group[k] = max(group[k], float(np.abs(a - b).max()))
    return {"max_abs_diff": {k: float(f"{v:.3g}") for k, v in worst["short"].items()},
            "max_abs_diff_long": {k: float(f"{v:.3g}") for k, v in worst["long"].items()},
            "short_up_to_tokens": short_max, "sequences": len(seqs), "longest": max(len(s) for s in seqs) + 1}


def commit():
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


ARCH_TEXT = {"rnn": "vanilla (tanh) RNN", "lstm": "LSTM", "gru": "GRU", "transformer": "causal Transformer"}


def card(meta):
    a, ev = meta["architecture"], meta["evaluation"]
    shape = (f"{a['layers']} blocks of width {a['hidden']}, {a['heads']} heads, feed-forward {a['ff']}, sinusoidal positions"
             if a["cell"] == "transformer" else f"one layer of {a['hidden']} units, embedding {a['embedding']}")
    rows_a = "\n".join(f"| {r['depth']}{' (beyond training)' if r['depth'] > ev['train_depth'] else ''} | {r['hard']['n']} | "
                       f"{r['hard']['accuracy']:.1%} | {r['mixed']['accuracy']:.1%} |" for r in ev["agreement"])
    rows_b = "\n".join(f"| {r['distance']}{' (beyond training)' if r['distance'] > ev['train_distance'] else ''} | {r['n']} | "
                       f"{r['accuracy']:.1%} |" for r in ev["brackets"])
    return f"""# {meta['id']}: Module 8's long-range stress test, {ARCH_TEXT[a['cell']]}

A word-level language model of two synthetic tasks (build_models/stress/data.py): subject-verb
agreement across nested modifiers, and closing the right LaTeX environment after a growing
distance. It knows only this small world's {len(meta['vocabulary'])} tokens.

- **Architecture**: {ARCH_TEXT[a['cell']]}, {shape}; {a['parameters']:,} parameters.
- **Training**: {meta['training']['steps']:,} steps of {meta['training']['batch_size']} sequences (depths 0–{ev['train_depth']},
  distances 1–{ev['train_distance']}), {meta['training']['seconds'] / 60:.1f} minutes on {meta['training']['machine']['device']};
  final validation loss {meta['training']['val_loss']:.4f} nats per token.

**Agreement** (held-out sentences; accuracy = the correct verb form is more probable than the other):

| depth | sentences | hard (all attractors of the other number) | mixed |
|---|---|---|---|
{rows_a}

**Brackets** (held-out sequences; accuracy = the most probable `\\end{{...}}` is the right one; chance {1 / len(data.ENVIRONMENTS):.1%}):

| distance | sequences | accuracy |
|---|---|---|
{rows_b}

ONNX parity with PyTorch ({meta['parity']['sequences']} sequences up to {meta['parity']['longest']} tokens): largest difference
{max(meta['parity']['max_abs_diff'].values()):.2g} up to {meta['parity']['short_up_to_tokens']} tokens, {max(meta['parity']['max_abs_diff_long'].values()):.2g} beyond.

Rebuild: `{meta['command']}`
"""


def export(cfg, command=""):
    model = load_trained(cfg)
    ev, tr, out = run_records(cfg, "python -m build_models.stress")
    write_onnx(model, out / "model.onnx", cfg.cell)
    par = parity(model, out / "model.onnx", cfg)
    worst, worst_long = max(par["max_abs_diff"].values()), max(par["max_abs_diff_long"].values())
    if worst > PARITY_SHORT or worst_long > PARITY_LONG:
        raise ValueError(f"ONNX parity failed: largest difference {worst} (bound {PARITY_SHORT}) up to "
                         f"{par['short_up_to_tokens']} tokens, {worst_long} (bound {PARITY_LONG}) beyond ({par})")
    V, H = len(data.VOCAB), cfg.hidden
    extra = ({"attention": [1, cfg.layers, cfg.heads, "T", "T"]} if cfg.cell == "transformer" else {"states": [1, "T", H]})
    arch = {"cell": cfg.cell, "hidden": H, "parameters": num_params(model)}
    arch.update({"layers": cfg.layers, "heads": cfg.heads, "ff": cfg.ff, "positions": "sinusoidal"} if cfg.cell == "transformer"
                else {"layers": 1, "embedding": cfg.emb})
    meta = {
        "id": cfg.model_id, "kind": KIND,
        "created": datetime.date.today().isoformat(), "commit": commit(),
        "vocabulary": data.VOCAB,
        "tasks": {
            "agreement": {"animate": data.ANIMATE, "places": data.PLACES, "intransitive": data.INTRANSITIVE,
                          "transitive": data.TRANSITIVE, "prepositions": data.PREPOSITIONS},
            "brackets": {"environments": data.ENVIRONMENTS, "begin": data.BEGIN, "end": data.END, "filler": data.FILLER},
            "specials": {"pad": data.PAD, "bos": data.BOS, "eos": data.EOS},
        },
        "architecture": arch,
        "io": {"inputs": {"tokens": [1, "T"]}, "outputs": {"logits": [1, "T", V], **extra}},
        "evaluation": ev,
        "training": {"steps": tr["steps"], "batch_size": cfg.batch_size, "learning_rate": cfg.learning_rate,
                     "seconds": tr["seconds"], "val_loss": tr["curve"][-1]["val"], "curve": tr["curve"],
                     "machine": tr["machine"], "train_depth": cfg.train_depth, "train_distance": cfg.train_distance},
        "parity": par,
        "command": (tr.get("command") or command).replace(" train ", " all ", 1),
        "files": {},
    }
    f = "model.onnx"
    meta["files"][f] = {"bytes": (out / f).stat().st_size, "sha256": sha256_file(out / f)}
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    (out / "README.md").write_text(card(meta))
    print(f"exported {cfg.model_id} -> {out}: {meta['files'][f]['bytes']:,} B; parity {worst:.2g}")
    return meta
