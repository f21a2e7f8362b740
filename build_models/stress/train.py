"""
Train a stress-test model: freshly generated batches (half agreement, half brackets; held-out
sequences never drawn), Adam with a cosine-decayed rate (after an optional linear warm-up), gradient clipping, cross-entropy on every
next token (padding ignored). Resumable: ckpt.pt holds the model, optimiser, step and generator
state; it is written every `every` steps, at the end, and when max_minutes runs out.
"""
import math
import time

import numpy as np
import torch
import torch.nn.functional as F

from .. import checkpoint
from ..export import write_train_record
from ..train import machine
from . import data
from .config import NOT_TRAINING, to_dict
from .model import build, model_args, num_params


def device_of(cfg):
    if cfg.device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return cfg.device


def loss_of(model, batch, device):
    x = torch.from_numpy(data.pad(batch)).to(device)              # [B,T] <s> w1 ... </s>
    logits, _ = model(x[:, :-1])                                  # [B,T-1,V]
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), x[:, 1:].reshape(-1), ignore_index=0)


@torch.no_grad()
def validation_loss(model, cfg, device, batches=8):
    model.eval()
    rng = np.random.default_rng(cfg.seed + 1)
    losses = []
    for _ in range(batches):
        seqs = []
        while len(seqs) < cfg.batch_size:   # validation sequences: those whose md5 falls in the val share
            ex = (data.agreement(rng, int(rng.integers(cfg.train_depth + 1))) if len(seqs) % 2 == 0
                  else data.brackets(rng, int(rng.integers(1, cfg.train_distance + 1))))
            if data.split_of(ex.text, cfg.val_frac, cfg.test_frac) == "val":
                seqs.append(data.encode(ex.words) + [data.INDEX[data.EOS]])
        losses.append(float(loss_of(model, seqs, device)))
    model.train()
    return sum(losses) / len(losses)


def train(cfg, command="", every=500, log=print):
    device = device_of(cfg)
    torch.manual_seed(cfg.seed)
    model = build(cfg, len(data.VOCAB)).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.learning_rate)
    rng = np.random.default_rng(cfg.seed)
    ck_path = cfg.run_dir / "ckpt.pt"
    step, curve, seconds = 0, [], 0.0
    ck = checkpoint.resume(ck_path, to_dict(cfg), NOT_TRAINING, model, opt, rng)
    if ck is not None:
        step, curve, seconds = ck["step"], ck["curve"], ck["seconds"]
        log(f"resuming {cfg.model_id} at step {step}")

    def save():
        checkpoint.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "rng": rng.bit_generator.state,
                         "step": step, "curve": curve, "seconds": seconds, "config": to_dict(cfg),
                         "args": model_args(cfg, len(data.VOCAB)), "kind": "stress-lm"}, ck_path)

    start = time.time() - seconds
    model.train()
    while step < cfg.steps:
        lr = cfg.learning_rate * 0.5 * (1 + math.cos(math.pi * step / cfg.steps)) * min(1.0, (step + 1) / (cfg.warmup + 1))
        for g in opt.param_groups:
            g["lr"] = lr
        loss = loss_of(model, data.training_batch(rng, cfg, cfg.batch_size), device)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
        opt.step()
        step += 1
        seconds = time.time() - start
        if step % every == 0 or step == cfg.steps:
            val = validation_loss(model, cfg, device)
            curve.append({"step": step, "train": round(loss.item(), 4), "val": round(val, 4), "seconds": round(seconds, 1)})
            log(f"{cfg.model_id} step {step}/{cfg.steps} train {loss.item():.4f} val {val:.4f} ({seconds:.0f} s)")
            save()
        if cfg.max_minutes and seconds > cfg.max_minutes * 60:
            save()
            log(f"{cfg.model_id}: stopped after {cfg.max_minutes} minutes at step {step}; run again to resume")
            return model
    save()
    write_train_record(cfg, to_dict(cfg), num_params(model), step, seconds, curve, machine(device), command)
    return model


def load_trained(cfg):
    """The model of a finished run, in eval mode on the CPU."""
    from .model import from_args
    ck = checkpoint.load(cfg.run_dir / "ckpt.pt")
    model = from_args(ck["args"])
    model.load_state_dict(ck["model"])
    return model.eval()
