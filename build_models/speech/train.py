"""
Train the recogniser: batches of training clips with fresh white noise (an SNR drawn from
train_snr_range, or none for a clean_share of clips), Adam with a cosine-decayed rate, gradient
clipping. The loss is the last frame's cross-entropy plus frame_loss_weight times the mean over
frames of t/T-weighted cross-entropy: the answer is read at the end, and the per-frame reading the
page draws is asked to firm up as the word goes by. Resumable (ckpt.pt: model, optimiser, step,
generator state), checkpointed every `every` steps and when max_minutes runs out.
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
from .features import batch_features
from .model import from_args, model_args, num_params


def noisy_batch(clips, idx, cfg, rng):
    """Features [B,T,F] and digits [B] of clips[idx], each with noise drawn from rng."""
    lo, hi = cfg.floats("train_snr_range")
    waves = []
    for i in idx:
        c = clips[i]
        snr = None if rng.random() < cfg.clean_share else float(rng.uniform(lo, hi))
        waves.append(data.add_noise(c.wave, snr, rng, c.start, c.length))
    x = torch.from_numpy(batch_features(np.stack(waves), cfg))
    y = torch.tensor([clips[i].digit for i in idx])
    return x, y


def loss_of(logits, y, weight):
    B, T, V = logits.shape
    last = F.cross_entropy(logits[:, -1], y)
    per_frame = F.cross_entropy(logits.reshape(-1, V), y.repeat_interleave(T), reduction="none").view(B, T)
    ramp = torch.arange(1, T + 1, dtype=logits.dtype) / T                     # [T] later frames count more
    return last + weight * (per_frame * ramp).mean()


@torch.no_grad()
def accuracy(model, clips, cfg, snr=None, seed=7):
    """Share of clips whose last-frame answer is right (noise at `snr`, per-clip seeds)."""
    model.eval()
    right = 0
    for s in range(0, len(clips), 128):
        chunk = clips[s:s + 128]
        waves = [data.add_noise(c.wave, snr, np.random.default_rng([seed, data.clip_seed(c)]), c.start, c.length) for c in chunk]
        logits = model(torch.from_numpy(batch_features(np.stack(waves), cfg)))
        right += int((logits[:, -1].argmax(-1) == torch.tensor([c.digit for c in chunk])).sum())
    model.train()
    return right / len(clips)


def standardiser(clips, cfg, n=512):
    """Per-band mean and std of the log-mel frames of (up to n) clean training clips."""
    rng = np.random.default_rng(cfg.seed)
    idx = rng.choice(len(clips), size=min(n, len(clips)), replace=False)
    f = batch_features(np.stack([clips[i].wave for i in idx]), cfg).reshape(-1, cfg.n_mels)
    return torch.from_numpy(f.mean(0)), torch.from_numpy(f.std(0) + 1e-3)


def train(cfg, command="", every=250, log=print):
    torch.manual_seed(cfg.seed)
    clips, val = data.load_split(cfg, "train"), data.load_split(cfg, "val")
    model = from_args(model_args(cfg))
    model.mean, model.std = standardiser(clips, cfg)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.learning_rate)
    rng = np.random.default_rng([cfg.seed, 99])
    ck_path = cfg.run_dir / "ckpt.pt"
    step, curve, seconds = 0, [], 0.0
    ck = checkpoint.resume(ck_path, to_dict(cfg), NOT_TRAINING, model, opt, rng)
    if ck is not None:
        step, curve, seconds = ck["step"], ck["curve"], ck["seconds"]
        log(f"resuming {cfg.model_id} at step {step}")

    def save():
        checkpoint.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "rng": rng.bit_generator.state,
                         "step": step, "curve": curve, "seconds": seconds, "config": to_dict(cfg),
                         "args": model_args(cfg), "kind": "speech-frames"}, ck_path)

    start = time.time() - seconds
    model.train()
    while step < cfg.steps:
        lr = cfg.learning_rate * 0.5 * (1 + math.cos(math.pi * step / cfg.steps))
        for g in opt.param_groups:
            g["lr"] = lr
        x, y = noisy_batch(clips, rng.integers(0, len(clips), cfg.batch_size), cfg, rng)
        loss = loss_of(model(x), y, cfg.frame_loss_weight)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
        opt.step()
        step += 1
        seconds = time.time() - start
        if step % every == 0 or step == cfg.steps:
            acc = accuracy(model, val, cfg, snr=10.0)
            curve.append({"step": step, "train_loss": round(loss.item(), 4), "val_accuracy_10db": round(acc, 4),
                          "seconds": round(seconds, 1)})
            log(f"{cfg.model_id} step {step}/{cfg.steps} loss {loss.item():.4f} val acc (10 dB) {acc:.3f} ({seconds:.0f} s)")
            save()
        if cfg.max_minutes and seconds > cfg.max_minutes * 60:
            save()
            log(f"{cfg.model_id}: stopped after {cfg.max_minutes} minutes at step {step}; run again to resume")
            return model
    save()
    write_train_record(cfg, to_dict(cfg), num_params(model), step, seconds, curve, machine(cfg.device), command)
    return model


def load_trained(cfg):
    """The model of a finished run, in eval mode on the CPU; with weights_dtype float16 its weights
    rounded to fp16 and kept as fp32 (the model that export ships, and that evaluate measures)."""
    ck = checkpoint.load(cfg.run_dir / "ckpt.pt")
    model = from_args(ck["args"])
    sd = ck["model"]
    if cfg.weights_dtype == "float16":
        sd = {k: v.half().float() if v.is_floating_point() else v for k, v in sd.items()}
    model.load_state_dict(sd)
    return model.eval()
