"""Training throughput (characters per second) of several model sizes on this machine
(char-rnn: the sizes are cells, layers and hidden widths)."""
import dataclasses
import json
import time

import torch

from .kinds import kind_of
from .train import pick_device, machine

SIZES = [("lstm", 1, 128), ("lstm", 2, 128), ("lstm", 2, 256), ("lstm", 2, 512), ("lstm", 3, 512),
         ("gru", 2, 256), ("rnn", 2, 256)]


def bench(cfg, sizes=SIZES, steps=10, warmup=2):
    torch.set_num_threads(cfg.threads)
    device = pick_device(cfg.device)
    use_amp = cfg.amp and device.startswith("cuda")
    V, B, T = 65, cfg.batch_size, cfg.seq_len
    vocab = {"chars": [chr(32 + i) for i in range(V)]}  # a stand-in of Tiny Shakespeare's size: no corpus needed
    rows = []
    for cell, L, H in sizes:
        torch.manual_seed(cfg.seed)
        size = dataclasses.replace(cfg, cell=cell, n_layer=L, n_hidden=H, dropout=0.0)
        model = kind_of(cfg).build(size, vocab).to(device)
        opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
        x = torch.randint(V, (B, T), device=device)
        for i in range(warmup + steps):
            if i == warmup:
                if device.startswith("cuda"):
                    torch.cuda.synchronize()
                t0 = time.time()
            with torch.autocast("cuda", dtype=torch.float16, enabled=use_amp):
                loss = model(x, targets=x)[2]
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        if device.startswith("cuda"):
            torch.cuda.synchronize()
        cps = steps * B * T / (time.time() - t0)
        rows.append({"cell": cell, "layers": L, "hidden": H, "parameters": model.num_params(), "chars_per_s": round(cps)})
        print(f"{cell} {L}x{H:<4} {model.num_params():>10,} params  {cps / 1e3:8.1f}k chars/s")
    res = {"machine": machine(device), "batch_size": B, "seq_len": T, "amp": use_amp, "rows": rows}
    path = cfg.path(cfg.runs_dir) / f"bench-{device.split(':')[0]}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(res, indent=1))
    print(f"wrote {path}")
    return res
