"""Sample text from a CharRNN at a fixed seed and temperature (reproducible on CPU)."""
import torch
from torch.nn import functional as F

from .corpora import encode, decode


@torch.no_grad()
def generate(model, vocab, prompt="\n", n=400, temperature=0.8, seed=42, batch=1):
    """Feed `prompt`, then draw `n` characters per row; returns a list of `batch` strings."""
    model.eval()
    device = next(model.parameters()).device
    g = torch.Generator(device="cpu").manual_seed(seed)
    idx = torch.tensor([encode(vocab, prompt)] * batch, device=device)  # [B, P]
    logits, state, _ = model(idx)
    out = []
    for _ in range(n):
        probs = F.softmax(logits[:, -1].float().cpu() / max(temperature, 1e-6), dim=-1)  # [B, V]
        nxt = torch.multinomial(probs, 1, generator=g)  # [B, 1], drawn on CPU so GPU and CPU agree
        out.append(nxt)
        logits, state, _ = model(nxt.to(device), state)
    ids = torch.cat(out, dim=1)  # [B, n]
    return [decode(vocab, row) for row in ids.tolist()]


def sample_lines(model, vocab, count, temperature=1.0, seed=42, max_len=40):
    """Generate `count` lines (e.g. names), each started after a newline and cut at the next one."""
    rows = generate(model, vocab, "\n", max_len, temperature, seed, batch=count)
    return [r.split("\n", 1)[0] for r in rows]


def novelty(model, vocab, train_text, count, seed=42):
    """Share of generated lines (temperature 1) that are not lines of the training split."""
    known = set(train_text.split("\n"))
    lines = [l for l in sample_lines(model, vocab, count, seed=seed) if l]
    new = [l for l in lines if l not in known]
    return {"samples": count, "non_empty": len(lines), "novel": len(new),
            "novel_share": len(new) / max(len(lines), 1), "examples_novel": new[:20],
            "examples_known": [l for l in lines if l in known][:10]}
