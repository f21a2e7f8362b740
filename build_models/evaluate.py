"""
Evaluate a trained run: validation and test loss (nats and bits per character) over the whole
splits, the n-gram baseline on the same splits, and a per-character loss dump of a test passage.

Writes runs/<model_id>/evaluation.json (numbers) and losses.json (the dump, for the lessons'
error analysis: where the RNN beats the n-gram and where it loses).
"""
import json
import math

import numpy as np
import torch
from torch.nn import functional as F

from .checkpoint import load_model
from .corpora import load_vocab, load_split, decode
from .ngram import ngram_probs

LN2 = math.log(2)


@torch.no_grad()
def char_losses(model, ids, chunk=1000):
    """Per-character loss in nats of predicting ids[1:], reading ids as one stream (state carried)."""
    model.eval()
    x = torch.as_tensor(ids, dtype=torch.long).view(1, -1)  # [1, N]
    state, out = None, []
    for s in range(0, x.size(1) - 1, chunk):
        inp, tgt = x[:, s:s + chunk], x[:, s + 1:s + 1 + chunk]
        inp = inp[:, :tgt.size(1)]
        logits, state, _ = model(inp, state)  # [1, T, V]
        out.append(F.cross_entropy(logits[0], tgt[0], reduction="none"))
    return torch.cat(out).numpy().astype(np.float64)  # [N-1]


def char_class(ch):
    if ch == "\n": return "newline"
    if ch == " ": return "space"
    if ch.isupper(): return "uppercase"
    if ch.isalpha(): return "lowercase"
    if ch.isdigit(): return "digit"
    return "punctuation"


def evaluate(cfg):
    vocab = load_vocab(cfg)
    model, ck = load_model(cfg.run_dir / "ckpt.pt", vocab)
    V = len(vocab["chars"])
    splits = {s: load_split(cfg, s) for s in ("train", "val", "test")}
    res = {"model_id": cfg.model_id, "iter": ck["iter"], "scored": "every character of the split but the first, read as one stream"}
    rnn = {}
    for s in ("val", "test"):
        rnn[s] = char_losses(model, splits[s])
        res[f"{s}_loss_nats"] = float(rnn[s].mean())
        res[f"{s}_loss_bits"] = float(rnn[s].mean() / LN2)
    print(f"{cfg.model_id} ({cfg.cell}): val {res['val_loss_nats']:.4f} nats = {res['val_loss_bits']:.4f} bits/char, "
          f"test {res['test_loss_nats']:.4f} nats = {res['test_loss_bits']:.4f} bits/char")
    # n-gram baseline on the same splits; the order is chosen on val, reported on test
    pv, pt = ngram_probs(splits["train"], [splits["val"], splits["test"]], V, cfg.ngram_max)
    table = [{"n": n + 1, "val_bits": float(-np.log2(pv[n]).mean()), "test_bits": float(-np.log2(pt[n]).mean())}
             for n in range(cfg.ngram_max)]
    best = min(table, key=lambda r: r["val_bits"])
    res["ngram"] = {"smoothing": "interpolated absolute discounting, D=0.75", "table": table, "best_n": best["n"],
                    "best_val_bits": best["val_bits"], "best_test_bits": best["test_bits"]}
    print("n-gram bits/char on val: " + ", ".join(f"{r['n']}:{r['val_bits']:.3f}" for r in table))
    print(f"best n-gram n={best['n']}: val {best['val_bits']:.4f}, test {best['test_bits']:.4f} bits/char")
    # where the RNN wins and loses against the best n-gram, by class of the predicted character
    ng_test = -np.log(pt[best["n"] - 1])  # [N-1] nats
    test_text = decode(vocab, splits["test"])
    classes = np.array([char_class(ch) for ch in test_text[1:]])
    res["by_class_test_bits"] = {c: {"count": int((classes == c).sum()),
                                     "rnn": float(rnn["test"][classes == c].mean() / LN2),
                                     "ngram": float(ng_test[classes == c].mean() / LN2)}
                                 for c in sorted(set(classes.tolist()))}
    n = min(cfg.dump_chars, len(test_text))
    dump = {"model_id": cfg.model_id, "split": "test", "start": vocab["split"]["test"][0], "text": test_text[:n],
            "note": "loss of predicting text[i] (i >= 1) after reading text[:i]; nats",
            "rnn_nats": [None] + [round(float(v), 4) for v in rnn["test"][:n - 1]],
            "ngram_n": best["n"], "ngram_nats": [None] + [round(float(v), 4) for v in ng_test[:n - 1]]}
    if cfg.novelty_samples > 0:
        from .sample import novelty
        res["novelty"] = novelty(model, vocab, decode(vocab, splits["train"]), cfg.novelty_samples, cfg.sample_seed)
        print(f"novel lines: {res['novelty']['novel_share']:.1%} of {res['novelty']['non_empty']} sampled "
              f"(e.g. {', '.join(res['novelty']['examples_novel'][:8])})")
    (cfg.run_dir / "evaluation.json").write_text(json.dumps(res, indent=1, ensure_ascii=False))
    (cfg.run_dir / "losses.json").write_text(json.dumps(dump, ensure_ascii=False))
    return res
