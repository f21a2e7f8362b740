"""
Train an NTM on the copy task: each step a batch of fresh sequences of one random length in
1..train_max_len, binary cross-entropy on the output steps only (the model may output anything
while it reads), Adam with a cosine-decayed rate, gradient clipping. Resumable: ckpt.pt holds the
model, optimiser, step, generator state and the curve; written every `every` steps, at the end,
and when max_minutes runs out.
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
from .model import NTM, num_params

CHECK_SEED = 4242          # the held-out check in the curve: its own sequences, the same at every point


def build(cfg):
    return NTM(width=cfg.width, slots=cfg.slots, mem_width=cfg.mem_width, hidden=cfg.hidden)


def copy_loss(model, x, y):
    """Mean BCE (nats per bit) of the outputs during the answer. x [B,2L+1,W+1], y [B,L,W]."""
    L = y.shape[1]
    return F.binary_cross_entropy_with_logits(model(x)[:, L + 1:], y)


@torch.no_grad()
def held_out_check(model, cfg, per_length=8):
    """Bit accuracy over a fixed set of sequences of every training length."""
    rng = np.random.default_rng(CHECK_SEED)
    right = total = 0
    for L in range(1, cfg.train_max_len + 1):
        x, y = data.batch(rng, L, per_length, cfg.width)
        pred = model(torch.from_numpy(x))[:, L + 1:] > 0
        right += int((pred == torch.from_numpy(y).bool()).sum())
        total += y.size
    return right / total


def train(cfg, command="", every=500, log=print):
    torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    model = build(cfg)
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
                         "args": model.model_args(), "kind": "ntm-copy"}, ck_path)

    start = time.time() - seconds
    window = []
    model.train()
    while step < cfg.steps:
        # cosine decay to a tenth: late steps polish rather than jump out of the solution found
        lr = cfg.learning_rate * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * step / cfg.steps)))
        for g in opt.param_groups:
            g["lr"] = lr
        L = int(rng.integers(1, cfg.train_max_len + 1))
        x, y = data.batch(rng, L, cfg.batch_size, cfg.width)
        loss = copy_loss(model, torch.from_numpy(x), torch.from_numpy(y))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
        opt.step()
        step += 1
        window.append(loss.item())
        if step % cfg.log_every == 0 or step == cfg.steps:
            seconds = time.time() - start
            point = {"step": step, "loss": round(sum(window) / len(window), 5), "seconds": round(seconds, 1)}
            window = []
            if step % every == 0 or step == cfg.steps:
                point["check_bit_accuracy"] = round(held_out_check(model, cfg), 5)
                log(f"{cfg.model_id} step {step}/{cfg.steps} loss {point['loss']:.4f} "
                    f"check bits {point['check_bit_accuracy']:.4f} ({seconds:.0f} s)")
            curve.append(point)
            if step % every == 0:
                save()
        if cfg.max_minutes and time.time() - start > cfg.max_minutes * 60:
            seconds = time.time() - start
            save()
            log(f"{cfg.model_id}: stopped after {cfg.max_minutes} minutes at step {step}; run again to resume")
            return model
    seconds = time.time() - start
    save()
    write_train_record(cfg, to_dict(cfg), num_params(model), step, seconds, curve, machine(cfg.device), command)
    return model


def load_trained(cfg):
    """The model of a finished run, in eval mode."""
    ck = checkpoint.load(cfg.run_dir / "ckpt.pt")
    model = NTM(**ck["args"])
    model.load_state_dict(ck["model"])
    return model.eval()
