"""
Export a trained NTM to pretrained/<model_id>/:
  model.onnx  one time step (batch 1): x [1,W+1], h, c [1,H], memory [1,N,M], read [1,M],
              w_read, w_write [1,N] -> y (logits) [1,W], and the same state names with `_out`.
              The caller loops it; the read and write weightings of every step are outputs, so the
              page draws the heads from the model's own numbers.
  meta.json   the task, architecture, the initial state, evaluation by length, the training curve,
              parity, files, the command
  README.md   the card
The models are small (about 60 thousand parameters): weights stay fp32 unless weights_dtype says.
"""
import datetime
import json

import numpy as np
import torch
import torch.nn as nn

from ..corpora import sha256_file
from ..export import run_records, save_onnx, weights_dtypes
from ..stress.export import commit
from . import data
from .model import MEM_INIT, num_params
from .train import load_trained
from coursekit.ntm import INPUTS, KINDS, OUTPUTS, STATE, run as run_onnx, session  # noqa: F401  (the loop the browser mirrors)

KIND = KINDS[0]
# Parity bounds: within the training lengths as everywhere in build_models; beyond them the state runs
# through up to twice as many steps, and sharpening (w^gamma) amplifies float32 rounding differences
# between PyTorch's and onnxruntime's kernels at every step: bounded, recorded, looser.
PARITY_BOUND, PARITY_BOUND_LONG = 1e-4, 1e-3
PARITY_SEED = 77


class Step(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x, h, c, memory, read, w_read, w_write):
        return self.model.step(x, h, c, memory, read, w_read, w_write)


def write_onnx(model, path, weights_dtype="float32"):
    args = (torch.zeros(1, model.inputs),) + tuple(model.initial_state(1))
    save_onnx(Step(model).eval(), args, path, INPUTS, OUTPUTS, None, weights_dtype)


@torch.no_grad()
def parity(model, path, meta, lengths):
    """Largest |ONNX - PyTorch| / max(1, |PyTorch|) over one held-out sequence per length, for y and the traced state,
    apart for lengths within training (max_abs_diff) and beyond (max_abs_diff_long)."""
    sess = session(path)
    rng = np.random.default_rng(PARITY_SEED)
    short = {"y": 0.0, "w_read": 0.0, "w_write": 0.0, "memory": 0.0}
    long = dict(short)
    for L in lengths:
        worst = short if L <= meta["task"]["train_max_len"] else long
        x, _ = data.copy_example(rng, L, model.width)
        y, wr, ww, mem = (t[0].numpy() for t in model(torch.from_numpy(x)[None], trace=True))
        got = run_onnx(sess, meta, x)
        for k, ref in (("y", y), ("w_read", wr), ("w_write", ww), ("memory", mem)):
            # absolute below 1, relative above: logits reach +-20, and float32 rounds relative to size
            worst[k] = max(worst[k], float((np.abs(got[k] - ref) / np.maximum(1.0, np.abs(ref))).max()))
    return {"max_abs_diff": {k: float(f"{v:.3g}") for k, v in short.items()},
            "max_abs_diff_long": {k: float(f"{v:.3g}") for k, v in long.items()}, "lengths": list(lengths)}


# A slice of the evaluation the shipped ONNX file must reproduce bit for bit (tests/test_memory_shipped.py):
# a few sequences at a few lengths, within and beyond training, with their own seed.
SLICE_LENGTHS, SLICE_PER_LENGTH, SLICE_SEED = (3, 8, 12, 16, 20), 4, 99


def slice_inputs(width, lengths=SLICE_LENGTHS, per_length=SLICE_PER_LENGTH, seed=SLICE_SEED):
    """[(length, x [B,2L+1,W+1], y [B,L,W])] of the check slice."""
    rng = np.random.default_rng(seed)
    return [(L, *data.batch(rng, L, per_length, width)) for L in lengths]


@torch.no_grad()
def check_slice(model, cfg):
    """Bits right per length on the slice, by PyTorch: the numbers the ONNX file must match."""
    rows = []
    for L, x, y in slice_inputs(cfg.width):
        pred = (model(torch.from_numpy(x))[:, L + 1:] > 0).numpy()
        rows.append({"length": L, "n": len(x), "bits_right": int((pred == y.astype(bool)).sum()), "bits": int(y.size)})
    return {"seed": SLICE_SEED, "rows": rows}


def card(meta):
    a, ev, tr = meta["architecture"], meta["evaluation"], meta["training"]
    rows = "\n".join(f"| {r['length']}{' (beyond training)' if r['length'] > ev['train_max_len'] else ''} | {r['n']} | "
                     f"{r['bit_accuracy']:.1%} | {r['sequence_accuracy']:.1%} |" for r in ev["by_length"])
    return f"""# {meta['id']}: a Neural Turing Machine on the copy task, {a['slots']} memory slots

Module 7 § 7.4. The model reads a sequence of random {meta['task']['width']}-bit vectors, then a
delimiter, and must write the sequence back from memory (build_models/memory/data.py). It knows
nothing else.

- **Architecture**: an LSTM controller of {a['hidden']} units; one write head (erase and add) and one
  read head, each addressing by content (cosine similarity, key strength beta), interpolation with
  its last weighting (gate g), a shift over (-1, 0, +1) and sharpening (gamma); a memory of
  {a['slots']} slots of {a['mem_width']} numbers; {a['parameters']:,} parameters.
- **Training**: {tr['steps']:,} steps of {tr['batch_size']} sequences of lengths 1–{ev['train_max_len']},
  {tr['seconds'] / 60:.1f} minutes on {tr['machine']['device']}; final training loss {tr['curve'][-1]['loss']:.4f}
  nats per bit (wall-clock time, one thread, on a machine other jobs shared). The curve is in
  meta.json (`training.curve`).

**Accuracy by length** ({ev['by_length'][0]['n']} held-out sequences per length; a bit is right when
its output logit is positive exactly where the target bit is 1; a sequence when every bit is):

| length | sequences | bits right | sequences exactly right |
|---|---|---|---|
{rows}

ONNX parity with PyTorch (one sequence of each length {meta['parity']['lengths'][0]}–{meta['parity']['lengths'][-1]}, stepped):
largest difference {max(meta['parity']['max_abs_diff'].values()):.2g} within the training lengths,
{max(meta['parity']['max_abs_diff_long'].values(), default=0.0):.2g} beyond.

Rebuild: `{meta['command']}`
"""


def export(cfg, command=""):
    model = load_trained(cfg)
    ev, tr, out = run_records(cfg, "python -m build_models.memory")
    write_onnx(model, out / "model.onnx", cfg.weights_dtype)
    W, N, M, H = cfg.width, cfg.slots, cfg.mem_width, cfg.hidden
    meta = {
        "id": cfg.model_id, "kind": KIND,
        "created": datetime.date.today().isoformat(), "commit": commit(),
        "task": {"name": "copy", "width": W, "delimiter_channel": W, "train_max_len": cfg.train_max_len},
        "architecture": {"controller": "lstm", "hidden": H, "slots": N, "mem_width": M, "read_heads": 1,
                         "write_heads": 1, "shifts": [-1, 0, 1], "parameters": num_params(model),
                         "weights_dtype": cfg.weights_dtype},
        # the state before step 1: memory at a small constant, both heads on one slot
        "initial_state": {"memory": MEM_INIT, "weighting_slot": 0},
        "io": {"inputs": {"x": [1, W + 1], "h": [1, H], "c": [1, H], "memory": [1, N, M], "read": [1, M],
                          "w_read": [1, N], "w_write": [1, N]},
               "outputs": {"y": [1, W], "h_out": [1, H], "c_out": [1, H], "memory_out": [1, N, M],
                           "read_out": [1, M], "w_read_out": [1, N], "w_write_out": [1, N]}},
        "evaluation": ev,
        "training": {"steps": tr["steps"], "batch_size": cfg.batch_size, "learning_rate": cfg.learning_rate,
                     "seconds": tr["seconds"], "curve": tr["curve"], "machine": tr["machine"]},
        "command": (tr.get("command") or command).replace(" train ", " all ", 1),
        "files": {},
    }
    meta["evaluation"]["check_slice"] = check_slice(model, cfg)
    par = parity(model, out / "model.onnx", meta, range(1, cfg.eval_max_len + 1))
    worst, worst_long = max(par["max_abs_diff"].values()), max(par["max_abs_diff_long"].values(), default=0.0)
    if worst > PARITY_BOUND or worst_long > PARITY_BOUND_LONG:
        raise ValueError(f"ONNX parity failed: largest difference {worst} (bound {PARITY_BOUND}) within the training "
                         f"lengths, {worst_long} (bound {PARITY_BOUND_LONG}) beyond: {par}")
    meta["parity"] = par
    meta["architecture"]["weights_bytes"] = weights_dtypes(out / "model.onnx")
    f = "model.onnx"
    meta["files"][f] = {"bytes": (out / f).stat().st_size, "sha256": sha256_file(out / f)}
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    (out / "README.md").write_text(card(meta))
    print(f"exported {cfg.model_id} -> {out}: {meta['files'][f]['bytes']:,} B; parity {worst:.2g}")
    return meta
