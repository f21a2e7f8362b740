"""
Accuracy of a trained NTM by sequence length, 1..eval_max_len (beyond train_max_len too), on
sequences of their own seed (training draws from another generator, and 2^(8L) possible sequences
make a repeat unlikely beyond the shortest lengths): bit accuracy (output logit > 0 is a 1) and
exact-sequence accuracy (every bit of the copy right).
"""
import json

import numpy as np
import torch

from . import data
from .train import load_trained

EVAL_SEED = 2024


@torch.no_grad()
def accuracy_by_length(model, lengths, per_length, width, seed=EVAL_SEED):
    """[{length, n, bit_accuracy, sequence_accuracy}] for each length."""
    rng = np.random.default_rng(seed)
    rows = []
    for L in lengths:
        x, y = data.batch(rng, L, per_length, width)
        pred = (model(torch.from_numpy(x))[:, L + 1:] > 0).numpy()     # [B,L,W]
        right = pred == y.astype(bool)
        rows.append({"length": L, "n": per_length, "bit_accuracy": round(float(right.mean()), 5),
                     "sequence_accuracy": round(float(right.all(axis=(1, 2)).mean()), 5)})
    return rows


def evaluate(cfg, log=print):
    model = load_trained(cfg)
    rows = accuracy_by_length(model, range(1, cfg.eval_max_len + 1), cfg.eval_per_length, cfg.width)
    out = {"train_max_len": cfg.train_max_len, "slots": cfg.slots, "seed": EVAL_SEED, "by_length": rows}
    (cfg.run_dir / "evaluation.json").write_text(json.dumps(out, indent=1) + "\n")
    for r in rows:
        log(f"{cfg.model_id} length {r['length']:2d}: bits {r['bit_accuracy']:.3f}, sequences {r['sequence_accuracy']:.3f}")
    return out
