"""
Train the visual question answerer on train questions (questions.question("train", i), i = step *
batch_size + j, so a resumed run reads the same batches), each with its rendered scene: cross-
entropy over the closed answer set, Adam with cosine decay, clipping. Resumable: ckpt.pt holds
model, optimiser, step, curve; written every `every` steps, at the end and when max_minutes runs out.
"""
import math
import time

import numpy as np
import torch
import torch.nn.functional as F

from .. import checkpoint
from ..export import write_train_record
from ..train import machine
from . import data, questions
from .vqa_config import NOT_TRAINING, to_dict
from .vqa_model import VqaModel, num_params

ANSWER_INDEX = {a: i for i, a in enumerate(questions.ANSWERS)}


def examples(split, start, n):
    """Questions start.. of a split: (scenes, Question list)."""
    got = [questions.question(split, i) for i in range(start, start + n)]
    return [data.make_scene(split, k) for k, _ in got], [q for _, q in got]


def tensors(scenes, qs, device="cpu"):
    """(image [B,3,64,64], question [B,T] int64, length [B] int64, answer [B] int64)."""
    img = torch.from_numpy(np.stack([data.to_input(data.render(s)) for s in scenes])).to(device)
    ques = torch.tensor([questions.encode(q.words) for q in qs], dtype=torch.long, device=device)
    length = torch.tensor([len(q.words) for q in qs], dtype=torch.long, device=device)
    ans = torch.tensor([ANSWER_INDEX[q.answer] for q in qs], dtype=torch.long, device=device)
    return img, ques, length, ans


def build(cfg):
    return VqaModel(len(questions.QVOCAB), len(questions.ANSWERS), cfg.channels, cfg.emb, cfg.hidden, cfg.att, cfg.fuse)


@torch.no_grad()
def validate(model, cfg, device):
    model.eval()
    img, q, n, a = tensors(*examples("val", 0, cfg.val_questions), device)
    logits, _ = model(img, q, n)
    model.train()
    return float(F.cross_entropy(logits, a)), float((logits.argmax(-1) == a).float().mean())


def train(cfg, command="", every=200, log=print):
    device = "cuda" if cfg.device == "auto" and torch.cuda.is_available() else ("cpu" if cfg.device == "auto" else cfg.device)
    torch.manual_seed(cfg.seed)
    model = build(cfg).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.learning_rate)
    ck_path = cfg.run_dir / "ckpt.pt"
    step, curve, seconds = 0, [], 0.0
    ck = checkpoint.resume(ck_path, to_dict(cfg), NOT_TRAINING, model, opt)
    if ck is not None:
        step, curve, seconds = ck["step"], ck["curve"], ck["seconds"]
        log(f"resuming {cfg.model_id} at step {step}")

    def save():
        checkpoint.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "step": step, "curve": curve,
                         "seconds": seconds, "config": to_dict(cfg), "args": model.args, "kind": "vqa"}, ck_path)

    start = time.time() - seconds
    model.train()
    while step < cfg.steps:
        lr = cfg.learning_rate * 0.5 * (1 + math.cos(math.pi * step / cfg.steps))
        for g in opt.param_groups:
            g["lr"] = lr
        img, q, n, a = tensors(*examples("train", step * cfg.batch_size, cfg.batch_size), device)
        logits, _ = model(img, q, n)
        loss = F.cross_entropy(logits, a)  # mean over the batch
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
        opt.step()
        step += 1
        seconds = time.time() - start
        if step % every == 0 or step == cfg.steps:
            val, acc = validate(model, cfg, device)
            curve.append({"step": step, "train": round(loss.item(), 4), "val": round(val, 4), "val_accuracy": round(acc, 4),
                          "seconds": round(seconds, 1)})
            log(f"{cfg.model_id} step {step}/{cfg.steps} train {loss.item():.4f} val {val:.4f} nats, "
                f"val accuracy {acc:.1%} ({seconds:.0f} s)")
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
    ck = checkpoint.load(cfg.run_dir / "ckpt.pt")
    model = VqaModel(**ck["args"])
    model.load_state_dict(ck["model"])
    return model.eval()
