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
def char_losses(model, ids, chunk=1000, stream_chars=16384, warm=512):
    """
    Per-character loss in nats of predicting ids[1:], as if ids were read as one stream (state
    carried). A long split is cut into S = len // stream_chars contiguous pieces read side by side
    (a batch of S: a 3×512 model on a CPU is ~10× faster per character than one row at a time);
    each piece but the first starts reading `warm` characters early and scores nothing of those,
    so its state carries context into its first scored character, as the one stream's would.
    """
    model.eval()
    ids = np.asarray(ids, dtype=np.int64)
    n = len(ids) - 1                                          # characters scored
    S = max(1, n // stream_chars)
    bounds = np.linspace(0, n, S + 1).astype(int)             # piece k scores targets [bounds[k], bounds[k+1])
    starts = [max(0, int(b) - warm) for b in bounds[:-1]]    # where piece k starts reading
    lens = [int(bounds[k + 1]) - starts[k] for k in range(S)]
    x = np.zeros((S, max(lens) + 1), np.int64)               # [S, T+1], right-padded (causal: padding never leaks back)
    for k in range(S):
        seg = ids[starts[k]:bounds[k + 1] + 1]
        x[k, :len(seg)] = seg
    x = torch.from_numpy(x)
    state, losses = None, []
    for s in range(0, x.size(1) - 1, chunk):
        inp, tgt = x[:, s:s + chunk], x[:, s + 1:s + 1 + chunk]
        inp = inp[:, :tgt.size(1)]
        logits, state, _ = model(inp, state)  # [S, T, V]
        losses.append(F.cross_entropy(logits.transpose(1, 2), tgt, reduction="none"))  # [S, T]
    loss = torch.cat(losses, dim=1).numpy().astype(np.float64)  # [S, T]
    return np.concatenate([loss[k, int(bounds[k]) - starts[k]:lens[k]] for k in range(S)])  # [N-1]


def char_class(ch):
    if ch == "\n": return "newline"
    if ch == " ": return "space"
    if ch.isupper(): return "uppercase"
    if ch.isalpha(): return "lowercase"
    if ch.isdigit(): return "digit"
    return "punctuation"


def evaluate(cfg):
    vocab = load_vocab(cfg)
    model, ck = load_model(cfg.model_ckpt, vocab, cfg.kind)
    V = len(vocab["chars"])
    splits = {s: load_split(cfg, s) for s in ("train", "val", "test")}
    res = {"model_id": cfg.model_id, "iter": ck["iter"], "scored": "every character of the split but the first, read as one stream (long splits: side-by-side pieces, each warmed on the 512 characters before it)"}
    rnn = {}
    for s in ("val", "test"):
        rnn[s] = char_losses(model, splits[s])
        res[f"{s}_loss_nats"] = float(rnn[s].mean())
        res[f"{s}_loss_bits"] = float(rnn[s].mean() / LN2)
    print(f"{cfg.model_id} ({cfg.cell}): val {res['val_loss_nats']:.4f} nats = {res['val_loss_bits']:.4f} bits/char, "
          f"test {res['test_loss_nats']:.4f} nats = {res['test_loss_bits']:.4f} bits/char")
    if cfg.tail_eval_frac > 0:
        # another project's split, for a like-for-like comparison: nanoGPT's shakespeare_char
        # scores its val loss on the file's last 10 % (cut at int(0.9 * len), no newline rule)
        full = np.concatenate([splits["train"], splits["val"], splits["test"]])
        start = int((1 - cfg.tail_eval_frac) * len(full))
        tail = char_losses(model, full[start:])
        res["tail"] = {"frac": cfg.tail_eval_frac, "start": start, "chars": len(full) - start,
                       "loss_nats": float(tail.mean()), "loss_bits": float(tail.mean() / LN2),
                       "rule": f"characters [int({1 - cfg.tail_eval_frac:g} * len), len) of the whole file, one stream"}
        print(f"last {cfg.tail_eval_frac:.0%} of the file: {res['tail']['loss_nats']:.4f} nats/char")
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
