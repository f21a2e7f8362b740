"""
Train a translator: teacher forcing, Adam, gradient clipping, the learning rate halved whenever
an epoch does not lower the validation loss, and the best-validation weights kept (best.pt).
Resumable: ckpt.pt is written at the end of every epoch and when max_minutes runs out.

Each batch holds English sentences of one length (so the encoder never reads padding); the
French side is padded and the loss ignores the padding.
"""
import json
import random
import time

import torch

from .. import checkpoint
from ..train import machine
from . import data
from .config import to_dict
from .model import Seq2Seq


def batches(pairs, batch_size, rng):
    """Lists of pairs with one source length, shuffled within and across lengths."""
    by_len = {}
    for p in pairs:
        by_len.setdefault(len(p[0]), []).append(p)
    out = []
    for group in by_len.values():
        rng.shuffle(group)
        out += [group[i:i + batch_size] for i in range(0, len(group), batch_size)]
    rng.shuffle(out)
    return out


def tensors(batch):
    """(src [B,S], tgt_in [B,T], tgt_out [B,T]) with T = longest French side + 1."""
    T = max(len(t) for _, t in batch) + 1
    src = torch.tensor([s for s, _ in batch], dtype=torch.long)
    tin = torch.zeros(len(batch), T, dtype=torch.long)
    tout = torch.zeros(len(batch), T, dtype=torch.long)
    for i, (_, t) in enumerate(batch):
        tin[i, :len(t) + 1] = torch.tensor([data.BOS] + t)
        tout[i, :len(t) + 1] = torch.tensor(t + [data.EOS])
    return src, tin, tout


@torch.no_grad()
def validation_loss(model, pairs, batch_size=256, device="cpu"):
    model.eval()
    total, count = 0.0, 0
    for b in batches(pairs, batch_size, random.Random(0)):
        src, tin, tout = (t.to(device) for t in tensors(b))
        _, loss = model(src, tin, tout)
        n = int((tout != 0).sum())
        total, count = total + float(loss) * n, count + n
    model.train()
    return total / count


def build(cfg, d):
    return Seq2Seq(len(d["src_words"]), len(d["tgt_words"]), cfg.emb, cfg.hidden, cfg.attn_dim, cfg.attention, cfg.dropout)


def train(cfg, command=""):
    torch.set_num_threads(cfg.threads)
    d = data.load(cfg)
    run = cfg.run_dir
    run.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(cfg.seed)
    device = "cuda" if cfg.device == "auto" and torch.cuda.is_available() else "cpu" if cfg.device == "auto" else cfg.device
    model = build(cfg, d).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.learning_rate)
    state = {"epoch": 0, "step": 0, "best_val": float("inf"), "lr": cfg.learning_rate, "seconds": 0.0, "history": []}
    ck_path = run / "ckpt.pt"
    if ck_path.exists():
        ck = checkpoint.load(ck_path)
        model.load_state_dict(ck["model"])  # load_state_dict copies onto the model's device
        opt.load_state_dict(ck["optimizer"])
        state = ck["state"]
        print(f"resumed {cfg.model_id} at epoch {state['epoch']} (step {state['step']})")
    if state["epoch"] >= cfg.epochs:
        print(f"{cfg.model_id}: already trained ({state['epoch']} epochs)")
        return
    (run / "config.json").write_text(json.dumps({"config": to_dict(cfg), "command": command, "kind": "seq2seq",
                                                 "machine": machine(device), "parameters": model.num_params()},
                                                indent=1))
    print(f"{cfg.model_id}: {model.num_params():,} parameters, attention={cfg.attention}, "
          f"{len(d['train']):,} training pairs")

    def save(path, extra=None):
        checkpoint.save({"kind": "seq2seq", "model": {k: v.cpu() for k, v in model.state_dict().items()}, "model_args": model.model_args(),
                         "optimizer": opt.state_dict(), "state": state, "config": to_dict(cfg), **(extra or {})}, path)

    model.train()
    started = time.time() - state["seconds"]
    rng = random.Random(cfg.seed + state["epoch"])
    out_of_time = False
    while state["epoch"] < cfg.epochs and not out_of_time:
        for g in opt.param_groups:
            g["lr"] = state["lr"]
        epoch_batches = batches(d["train"][: cfg.train_pairs or None], cfg.batch_size, rng)
        t0, seen, run_loss = time.time(), 0, 0.0
        for i, b in enumerate(epoch_batches):
            src, tin, tout = (t.to(device) for t in tensors(b))
            _, loss = model(src, tin, tout)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
            opt.step()
            state["step"] += 1
            seen += len(b)
            run_loss = 0.98 * run_loss + 0.02 * loss.item() if i else loss.item()
            if i % 200 == 0:
                rate = seen / max(1e-9, time.time() - t0)
                print(f"epoch {state['epoch'] + 1} batch {i}/{len(epoch_batches)} loss {run_loss:.3f} "
                      f"{rate:.0f} pairs/s", flush=True)
            if cfg.max_minutes and time.time() - started > cfg.max_minutes * 60:
                out_of_time = True
                break
        if out_of_time:
            # the unfinished epoch is not counted; a rerun with a larger max_minutes continues
            state["seconds"] = time.time() - started
            save(ck_path)
            print(f"{cfg.model_id}: stopped after {cfg.max_minutes} minutes in epoch {state['epoch'] + 1}")
            break
        state["epoch"] += 1
        val = validation_loss(model, d["val"][: cfg.train_pairs or None], device=device)
        state["seconds"] = time.time() - started
        improved = val < state["best_val"]
        state["history"].append({"epoch": state["epoch"], "step": state["step"], "train_loss": round(run_loss, 4),
                                 "val_loss": round(val, 4), "lr": state["lr"], "seconds": round(state["seconds"], 1)})
        with open(run / "metrics.jsonl", "a") as f:
            f.write(json.dumps(state["history"][-1]) + "\n")
        print(f"epoch {state['epoch']}: train {run_loss:.3f} val {val:.3f} lr {state['lr']:.2e} "
              f"({state['seconds'] / 60:.1f} min)", flush=True)
        if improved:
            state["best_val"] = val
            save(run / "best.pt")
        else:
            state["lr"] /= 2
        save(ck_path)
