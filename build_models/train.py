"""
Train the config's kind of model (kinds/, e.g. the char-rnn's CharRNN) on random windows of the
train split; resumable from runs/<model_id>/ckpt.pt.

Writes beside the checkpoint: config.json (the resolved config and command) and
metrics.jsonl (one JSON line per eval). With keep_best (the default) it also keeps best.pt,
the weights at the lowest validation estimate so far: a run that overfits late still ships
its best model (the later steps read cfg.model_ckpt). With timelapse_iters it also keeps a small
checkpoint and a fixed-seed sample at each of those iterations (timelapse/).
"""
import json
import math
import platform
import time
from contextlib import nullcontext

import torch

from . import checkpoint
from .config import to_dict
from .corpora import load_vocab, load_split
from .kinds import kind_of


def pick_device(name):
    if name == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return name


def machine(device):
    """Where this runs, for the model card."""
    if device.startswith("cuda"):
        return {"device": torch.cuda.get_device_name(), "torch": torch.__version__}
    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"device": f"CPU ({cpu})", "threads": torch.get_num_threads(), "torch": torch.__version__}


# --8<-- [start:batch]
def get_batch(ids, cfg, g, device):
    ix = torch.randint(len(ids) - cfg.seq_len - 1, (cfg.batch_size,), generator=g)  # [B] window starts
    x = torch.stack([ids[i:i + cfg.seq_len] for i in ix])          # [B, T]
    y = torch.stack([ids[i + 1:i + 1 + cfg.seq_len] for i in ix])  # [B, T] next characters
    return x.to(device), y.to(device)
# --8<-- [end:batch]


@torch.no_grad()
def estimate_loss(model, splits, cfg, device, ctx):
    """Mean loss over eval_iters batches per split; the same batches at every eval (fixed seed)."""
    model.eval()
    out = {}
    for name, ids in splits.items():
        g = torch.Generator().manual_seed(cfg.seed + 1)
        losses = []
        for _ in range(cfg.eval_iters):
            x, y = get_batch(ids, cfg, g, device)
            with ctx:
                losses.append(model(x, targets=y)[2].item())
        out[name] = sum(losses) / len(losses)
    model.train()
    return out


def get_lr(it, cfg):
    if it < cfg.warmup_iters:
        return cfg.learning_rate * (it + 1) / (cfg.warmup_iters + 1)
    ratio = (it - cfg.warmup_iters) / max(1, cfg.max_iters - cfg.warmup_iters)
    return cfg.min_lr + 0.5 * (1 + math.cos(math.pi * min(ratio, 1.0))) * (cfg.learning_rate - cfg.min_lr)


def fmt_time(s):
    return f"{int(s // 3600)}h{int(s % 3600 // 60):02d}m" if s >= 3600 else f"{int(s // 60)}m{int(s % 60):02d}s"


def train(cfg, command=None):
    torch.set_num_threads(cfg.threads)
    device = pick_device(cfg.device)
    torch.backends.cudnn.benchmark = False
    vocab = load_vocab(cfg)
    train_ids = torch.from_numpy(load_split(cfg, "train"))
    val_ids = torch.from_numpy(load_split(cfg, "val"))
    run = cfg.run_dir
    ckpt_path = run / "ckpt.pt"
    kind = kind_of(cfg)
    if cfg.timelapse_iters:
        kind.require("timelapse")  # its points hold samples: stop before training, not at the first point
    torch.manual_seed(cfg.seed)
    model = kind.build(cfg, vocab).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.learning_rate, weight_decay=cfg.weight_decay)
    use_amp = cfg.amp and device.startswith("cuda")
    # fp16 autocast runs the fused cuDNN LSTM in half precision; the scaler keeps small gradients alive
    ctx = torch.autocast("cuda", dtype=torch.float16) if use_amp else nullcontext()
    scaler = torch.amp.GradScaler("cuda", enabled=use_amp)
    g = torch.Generator().manual_seed(cfg.seed)  # batch positions; its state is checkpointed
    it, train_seconds, wall_seconds, last_val = 0, 0.0, 0.0, float("nan")
    best_val = float("inf")
    t_start = time.time()
    if ckpt_path.exists():
        ck = checkpoint.load(ckpt_path)
        if (checkpoint.kind_name(ck) != kind.name or ck["chars"] != vocab["chars"]
                or ck["model_args"] != model.model_args()):
            raise checkpoint.CheckpointError(f"{ckpt_path} belongs to another model or corpus; use another model_id")
        model.load_state_dict(ck["model"]); opt.load_state_dict(ck["optimizer"])
        g.set_state(ck["batch_rng"]); torch.set_rng_state(ck["torch_rng"])
        it, train_seconds, last_val = ck["iter"], ck["train_seconds"], ck["val_loss"]
        wall_seconds = ck.get("wall_seconds", 0.0)
        best_val = ck.get("best_val_loss", float("inf"))
        if use_amp and ck.get("scaler"):
            scaler.load_state_dict(ck["scaler"])  # the loss scale it had reached
        print(f"resuming {cfg.model_id} from step {it}")
    run.mkdir(parents=True, exist_ok=True)
    info = {"config": to_dict(cfg), "command": command, "machine": machine(device),
            "parameters": model.num_params()}
    (run / "config.json").write_text(json.dumps(info, indent=1, ensure_ascii=False))
    print(f"{cfg.model_id}: {cfg.n_layer}x{cfg.n_hidden} {cfg.cell}, {model.num_params():,} parameters, "
          f"vocab {len(vocab['chars'])}, on {info['machine']['device']}")

    def weights_record():
        """What export needs of the model now: weights, shape, step, loss, timings, machine."""
        return {"kind": kind.name, "model": model.state_dict(), "model_args": model.model_args(),
                "iter": it, "val_loss": last_val,
                "config": to_dict(cfg), "chars": vocab["chars"], "train_seconds": train_seconds,
                "machine": info["machine"],
                # wall clock of all calls so far, evaluation and checkpointing included
                "wall_seconds": wall_seconds + time.time() - t_start}

    def save_ckpt():
        checkpoint.save({**weights_record(), "optimizer": opt.state_dict(), "batch_rng": g.get_state(),
                         "torch_rng": torch.get_rng_state(), "scaler": scaler.state_dict() if use_amp else None,
                         "best_val_loss": best_val}, ckpt_path)

    def save_best():
        """best.pt: the weights and bookkeeping export needs, without the optimiser (not resumable)."""
        checkpoint.save({**weights_record(), "best_of_run": True}, run / "best.pt")

    def timelapse_point(losses):
        sample = kind.sample(cfg, model, vocab)
        checkpoint.save({"kind": kind.name, "model": model.state_dict(), "model_args": model.model_args(), "iter": it,
                         "chars": vocab["chars"]}, run / "timelapse" / f"iter_{it:06d}.pt")
        with open(run / "timelapse" / "points.jsonl", "a") as f:
            f.write(json.dumps({"iter": it, "train_loss": losses["train"], "val_loss": losses["val"],
                                "sample": sample}, ensure_ascii=False) + "\n")
        model.train()

    metrics = open(run / "metrics.jsonl", "a")
    model.train()
    chars_per_iter = cfg.batch_size * cfg.seq_len
    t_log, it_log = time.time(), it
    while True:
        is_tl = it in cfg.timelapse_iters or (it == cfg.max_iters and cfg.timelapse_iters)
        if it % cfg.eval_interval == 0 or it == cfg.max_iters or is_tl:
            t0 = time.time()
            losses = estimate_loss(model, {"train": train_ids, "val": val_ids}, cfg, device, ctx)
            last_val = losses["val"]
            metrics.write(json.dumps({"iter": it, "train_loss": losses["train"], "val_loss": losses["val"],
                                      "lr": get_lr(it, cfg), "train_seconds": round(train_seconds, 2)}) + "\n")
            metrics.flush()
            print(f"step {it}: train loss {losses['train']:.4f}, val loss {losses['val']:.4f}")
            if is_tl:
                timelapse_point(losses)
            if it > 0:
                if cfg.keep_best and last_val < best_val:
                    best_val = last_val
                    save_best()
                save_ckpt()
            t_log += time.time() - t0  # evaluation time does not count as training throughput
        if it >= cfg.max_iters:
            break
        if cfg.stop_at and it == cfg.stop_at:  # a deliberate interruption: same schedule, resumed by the next call
            save_ckpt()
            print(f"stopped at step {it} (stop_at); run again to resume")
            break
        # --8<-- [start:step]
        lr = get_lr(it, cfg)
        for pg in opt.param_groups:
            pg["lr"] = lr
        x, y = get_batch(train_ids, cfg, g, device)
        with ctx:
            _, _, loss = model(x, targets=y)
        opt.zero_grad(set_to_none=True)
        scaler.scale(loss).backward()
        scaler.unscale_(opt)
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)  # LSTMs need clipping (exploding gradients)
        scaler.step(opt)
        scaler.update()
        # --8<-- [end:step]
        it += 1
        if it % cfg.log_interval == 0 or it == cfg.max_iters:
            if device.startswith("cuda"):
                torch.cuda.synchronize()
            dt = time.time() - t_log
            train_seconds += dt
            cps = (it - it_log) * chars_per_iter / dt
            eta = (cfg.max_iters - it) * chars_per_iter / cps
            print(f"step {it}/{cfg.max_iters}: train loss {loss.item():.4f}, val loss {last_val:.4f}, "
                  f"{cps / 1e3:.1f}k chars/s, ETA {fmt_time(eta)}", flush=True)
            metrics.write(json.dumps({"iter": it, "loss": loss.item(), "lr": lr, "chars_per_s": round(cps)}) + "\n")
            t_log, it_log = time.time(), it
    metrics.close()
    print(f"done: {it} steps, {fmt_time(train_seconds)} of training, "
          f"{it * chars_per_iter / max(train_seconds, 1e-9) / 1e3:.1f}k chars/s average")
    return model
