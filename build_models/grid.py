"""
A learning-rate x hidden-size grid search, small enough for one CPU thread.

Every cell of the grid trains a fresh 1-layer model of the config's kind (its cell) for `grid_iters` steps at a
constant learning rate (no warmup or decay, so the rate is the only thing that
differs along a row) and records train and val loss every `grid_eval_every` steps.
All cells see the same batches (same seed). The result is one JSON file for the
site's Grid Search Visualizer: docs/data/grid-<corpus>.json.

    python -m build_models grid names     # 3 x 3 cells, a few minutes on one thread
"""
import dataclasses
import json
import time

import torch

from .config import to_dict
from .corpora import load_split, load_vocab
from .kinds import kind_of
from .train import estimate_loss, get_batch, machine


def run_cell(cfg, vocab, train_ids, val_ids, lr, n_hidden):
    """Train one cell of the grid; returns its loss curve and final losses."""
    torch.manual_seed(cfg.seed)  # the same initial weights for a given size
    model = kind_of(cfg).build(dataclasses.replace(cfg, n_layer=1, n_hidden=n_hidden, dropout=0.0), vocab)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.0)
    g = torch.Generator().manual_seed(cfg.seed)  # the same batches in every cell
    eval_cfg = dataclasses.replace(cfg, eval_iters=cfg.grid_eval_batches)
    splits = {"train": train_ids, "val": val_ids}
    curve, t0 = [], time.time()
    for it in range(cfg.grid_iters + 1):
        if it % cfg.grid_eval_every == 0 or it == cfg.grid_iters:
            losses = estimate_loss(model, splits, eval_cfg, "cpu", torch.autocast("cpu", enabled=False))
            curve.append({"iter": it, "train_loss": round(losses["train"], 4), "val_loss": round(losses["val"], 4)})
        if it == cfg.grid_iters:
            break
        x, y = get_batch(train_ids, cfg, g, "cpu")
        _, _, loss = model(x, targets=y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
        opt.step()
    final = curve[-1]
    return {"learning_rate": lr, "n_hidden": n_hidden, "parameters": model.num_params(),
            "final_train_loss": final["train_loss"], "final_val_loss": final["val_loss"],
            "seconds": round(time.time() - t0, 1), "curve": curve}


def grid(cfg, command=None):
    torch.set_num_threads(cfg.threads)
    vocab = load_vocab(cfg)
    train_ids = torch.from_numpy(load_split(cfg, "train"))
    val_ids = torch.from_numpy(load_split(cfg, "val"))
    runs, t0 = [], time.time()
    for n_hidden in cfg.grid_hidden_sizes:
        for lr in cfg.grid_learning_rates:
            cell = run_cell(cfg, vocab, train_ids, val_ids, lr, n_hidden)
            runs.append(cell)
            print(f"lr {lr:g}, hidden {n_hidden}: val loss {cell['final_val_loss']:.4f} "
                  f"({cell['seconds']:.0f}s)", flush=True)
    best = min(runs, key=lambda r: r["final_val_loss"])
    out = {
        "corpus": cfg.corpus, "vocab_size": len(vocab["chars"]), "cell": cfg.cell, "n_layer": 1,
        "iters": cfg.grid_iters, "batch_size": cfg.batch_size, "seq_len": cfg.seq_len,
        "eval_every": cfg.grid_eval_every, "eval_batches": cfg.grid_eval_batches, "grad_clip": cfg.grad_clip,
        "optimizer": "AdamW, constant learning rate", "seed": cfg.seed,
        "learning_rates": list(cfg.grid_learning_rates), "hidden_sizes": list(cfg.grid_hidden_sizes),
        "best": {"learning_rate": best["learning_rate"], "n_hidden": best["n_hidden"],
                 "final_val_loss": best["final_val_loss"]},
        "command": command, "machine": machine("cpu"), "seconds": round(time.time() - t0, 1),
        "config": {k: v for k, v in to_dict(cfg).items() if k.startswith(("grid_", "batch", "seq"))},
        "runs": runs,
    }
    path = cfg.path(cfg.grid_out_dir) / f"grid-{cfg.corpus}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"best: lr {best['learning_rate']:g}, hidden {best['n_hidden']}, val loss {best['final_val_loss']:.4f}; "
          f"{out['seconds']:.0f}s in all; wrote {path}")
    return out
