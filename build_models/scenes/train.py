"""
Train a captioner on freshly rendered train scenes (scene index = step * batch_size + j, so a
resumed run reads the same batches). Soft attention: cross-entropy on every word, Adam, cosine
decay, clipping. Hard attention (Xu et al. 2015): one grid cell sampled from alpha per word; the
loss is the caption's cross-entropy given the sampled cells plus REINFORCE on the sampling
(reward = the caption's log-likelihood minus a moving-average baseline) and an entropy bonus;
it starts from a trained soft model (`init_from`). Resumable: ckpt.pt holds model, optimiser,
step, baseline, curve; written every `every` steps, at the end, and when max_minutes runs out.
"""
import math
import time

import torch
import torch.nn.functional as F

from .. import checkpoint
from ..export import write_train_record
from ..train import machine
from . import data
from .config import NOT_TRAINING, to_dict
from .model import Captioner, num_params


def device_of(cfg):
    if cfg.device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return cfg.device


def tensors(split, start, n, device):
    """Scenes start.. of a split as (img [n,3,64,64] float in [0,1], tokens [n,T] int64)."""
    _, imgs, caps = data.batch(split, start, n)
    img = torch.from_numpy(imgs).to(device).permute(0, 3, 1, 2).float() / 255.0
    return img, torch.from_numpy(data.pad_captions(caps)).to(device)


def word_losses(logits, tokens):
    """[B] summed cross-entropy per caption, and the number of words [B] (padding ignored)."""
    tgt = tokens[:, 1:]
    ce = F.cross_entropy(logits.transpose(1, 2), tgt, ignore_index=data.INDEX[data.PAD], reduction="none")  # [B,T-1]
    mask = (tgt != data.INDEX[data.PAD]).float()
    return (ce * mask).sum(1), mask.sum(1), mask


def loss_of(model, img, tokens, cfg, baseline):
    """(loss, mean cross-entropy per word, new baseline)."""
    if cfg.attention == "soft":
        logits, _ = model(img, tokens)
        per, n, _ = word_losses(logits, tokens)
        return per.sum() / n.sum(), float(per.detach().sum() / n.sum()), baseline
    logits, _, logp, ent = model(img, tokens, hard=True)
    per, n, mask = word_losses(logits, tokens)
    reward = -per.detach()                                         # [B] log-likelihood of the caption
    b = float(reward.mean()) if baseline is None else baseline
    advantage = reward - b
    reinforce = -(advantage[:, None] * logp * mask).sum() / n.sum()
    entropy = (ent * mask).sum() / n.sum()
    loss = per.sum() / n.sum() + cfg.reinforce_weight * reinforce - cfg.entropy_weight * entropy
    b = cfg.baseline_decay * b + (1 - cfg.baseline_decay) * float(reward.mean())
    return loss, float(per.detach().sum() / n.sum()), b


@torch.no_grad()
def validation_loss(model, cfg, device):
    model.eval()
    img, tokens = tensors("val", 0, cfg.val_scenes, device)
    torch.manual_seed(0)   # hard attention samples its cells: the same draws at every validation
    logits = model(img, tokens, hard=cfg.attention == "hard")[0]
    per, n, _ = word_losses(logits, tokens)
    model.train()
    return float(per.detach().sum() / n.sum())


def build(cfg):
    return Captioner(len(data.VOCAB), cfg.channels, cfg.emb, cfg.hidden, cfg.att)


def train(cfg, command="", every=200, log=print):
    device = device_of(cfg)
    torch.manual_seed(cfg.seed)
    model = build(cfg).to(device)
    if cfg.init_from:
        src = cfg.path(cfg.runs_dir) / cfg.init_from / "ckpt.pt"
        if not src.exists():
            raise FileNotFoundError(f"{src} is missing: train {cfg.init_from} first "
                                    f"(python -m build_models.scenes all {cfg.init_from})")
        model.load_state_dict(checkpoint.load(src)["model"])
    opt = torch.optim.Adam(model.parameters(), lr=cfg.learning_rate)
    ck_path = cfg.run_dir / "ckpt.pt"
    step, curve, seconds, baseline = 0, [], 0.0, None
    ck = checkpoint.resume(ck_path, to_dict(cfg), NOT_TRAINING, model, opt)
    if ck is not None:
        step, curve, seconds, baseline = ck["step"], ck["curve"], ck["seconds"], ck["baseline"]
        torch.set_rng_state(ck["torch_rng"])
        log(f"resuming {cfg.model_id} at step {step}")

    def save():
        checkpoint.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "step": step, "curve": curve,
                         "seconds": seconds, "baseline": baseline, "torch_rng": torch.get_rng_state(),
                         "config": to_dict(cfg), "args": model.args, "kind": "captioner"}, ck_path)

    start = time.time() - seconds
    model.train()
    while step < cfg.steps:
        lr = cfg.learning_rate * 0.5 * (1 + math.cos(math.pi * step / cfg.steps))
        for g in opt.param_groups:
            g["lr"] = lr
        img, tokens = tensors("train", step * cfg.batch_size, cfg.batch_size, device)
        loss, ce, baseline = loss_of(model, img, tokens, cfg, baseline)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
        opt.step()
        step += 1
        seconds = time.time() - start
        if step % every == 0 or step == cfg.steps:
            val = validation_loss(model, cfg, device)
            curve.append({"step": step, "train": round(ce, 4), "val": round(val, 4), "seconds": round(seconds, 1)})
            log(f"{cfg.model_id} step {step}/{cfg.steps} train {ce:.4f} val {val:.4f} nats/word ({seconds:.0f} s)")
            save()
        if cfg.max_minutes and seconds > cfg.max_minutes * 60:
            save()
            log(f"{cfg.model_id}: stopped after {cfg.max_minutes} minutes at step {step}; run again to resume")
            return model
    save()
    write_train_record(cfg, to_dict(cfg), num_params(model), step, seconds, curve, machine(device), command)
    return model


def load_trained(cfg):
    """The model of a finished run, in eval mode on the CPU; with weights_dtype float16 its weights
    rounded to fp16 and kept as fp32 (the model that export ships, and that evaluate measures)."""
    ck = checkpoint.load(cfg.run_dir / "ckpt.pt")
    model = Captioner(**ck["args"])
    sd = ck["model"]
    if cfg.weights_dtype == "float16":
        sd = {k: v.half().float() if v.is_floating_point() else v for k, v in sd.items()}
    model.load_state_dict(sd)
    return model.eval()
