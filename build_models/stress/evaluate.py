"""
Measure a trained stress-test model on held-out sequences, and time it.

- Agreement, by depth (0..6; training saw 0..train_depth): the share of test sentences where the
  model gives the main verb's correct form more probability than its other form, on `hard`
  sentences (every attractor of the other number) and on `mixed` ones (attractors' numbers drawn
  at random); also the mean P(correct) / (P(correct) + P(wrong)).
- Brackets, by distance (5..640; training saw 1..train_distance): the share where the most
  probable `\\end{...}` is the one that closes the first `\\begin{...}`, and its mean probability
  among the `\\end` tokens; also apart for sequences with and without an inner environment, and
  how often the inner one's name was chosen instead.
- Speed: milliseconds per sequence of each length in speed_lengths, batch 1, one thread, PyTorch
  on this machine (the median of speed_repeats runs).
Writes runs/<model_id>/evaluation.json.
"""
import json
import statistics
import time

import numpy as np
import torch

from ..train import machine
from . import data
from .train import load_trained

TEST_SEED = {"agreement": 101, "agreement-hard": 102, "brackets": 103}


@torch.no_grad()
def last_logits(model, prefixes):
    """Logits after the last token of each prefix (token id lists) [N,V], in batches of one length."""
    out = [None] * len(prefixes)
    by_len = {}
    for i, p in enumerate(prefixes):
        by_len.setdefault(len(p), []).append(i)
    for idx in by_len.values():
        for s in range(0, len(idx), 128):
            chunk = idx[s:s + 128]
            x = torch.tensor([prefixes[i] for i in chunk], dtype=torch.long)   # [b,T]
            logits, _ = model(x)
            for j, i in enumerate(chunk):
                out[i] = logits[j, -1].double()
    return torch.stack(out)


def agreement_scores(model, examples):
    """(correct?, P(correct)/(P(correct)+P(wrong))) for each example."""
    logits = last_logits(model, [data.encode(e.words[:e.verb_at]) for e in examples])
    res = []
    for row, e in zip(logits, examples):
        right, wrong = e.forms()
        a, b = float(row[data.INDEX[right]]), float(row[data.INDEX[wrong]])
        res.append((a > b, 1.0 / (1.0 + np.exp(b - a))))
    return res


END_IDS = [data.INDEX[w] for w in data.END]


def bracket_scores(model, examples):
    """(correct?, P(the right \\end | an \\end comes), the inner environment's index or None,
    the chosen index) for each example."""
    logits = last_logits(model, [data.encode(e.words[:-1]) for e in examples])
    probs = torch.softmax(logits[:, END_IDS], dim=-1)                     # [N,8]
    out = []
    for p, e in zip(probs, examples):
        inner = next((data.BEGIN.index(w) for w in e.words[1:-1] if w in data.BEGIN), None)
        out.append((int(p.argmax()) == e.env, float(p[e.env]), inner, int(p.argmax())))
    return out


def bracket_summary(scores):
    """Accuracy over all, over sequences without an inner environment (plain) and with one
    (nested), and how often a nested one was closed with the inner environment's name instead:
    the mistake of a model that closes whatever it saw opened last."""
    nested = [s for s in scores if s[2] is not None]
    plain = [s for s in scores if s[2] is None]
    acc = lambda xs: round(sum(s[0] for s in xs) / len(xs), 4) if xs else None  # noqa: E731
    return {**summary([s[:2] for s in scores]),
            "plain": {"n": len(plain), "accuracy": acc(plain)},
            "nested": {"n": len(nested), "accuracy": acc(nested),
                       "closed_inner": round(sum(s[3] == s[2] for s in nested) / len(nested), 4) if nested else None}}


def summary(scores):
    return {"n": len(scores), "accuracy": round(sum(c for c, _ in scores) / len(scores), 4),
            "mean_p": round(float(np.mean([p for _, p in scores])), 4)}


@torch.no_grad()
def speed(model, lengths, repeats):
    rows = []
    rng = np.random.default_rng(7)
    for T in lengths:
        ex = data.brackets(rng, max(T - 2, 1))
        x = torch.tensor([data.encode(ex.words)[:T]], dtype=torch.long)
        model(x)  # warm-up
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            model(x)
            times.append((time.perf_counter() - t) * 1000)
        rows.append({"length": T, "ms": round(statistics.median(times), 3)})
    return rows


def measure_speed(cfg, log=print):
    """Only the speed part of evaluation.json, measured again (on an idle machine, after training)."""
    torch.set_num_threads(1)
    path = cfg.run_dir / "evaluation.json"
    result = json.loads(path.read_text())
    result["speed"] = {"machine": machine("cpu"), "batch": 1, "repeats": cfg.speed_repeats,
                       "rows": speed(load_trained(cfg), cfg.ints("speed_lengths"), cfg.speed_repeats)}
    path.write_text(json.dumps(result, indent=1) + "\n")
    log(f"{cfg.model_id} ms by length: {[(r['length'], r['ms']) for r in result['speed']['rows']]}")
    return result


def evaluate(cfg, log=print):
    torch.set_num_threads(1)
    model = load_trained(cfg)
    f, t, n = cfg.val_frac, cfg.test_frac, cfg.eval_per_size
    depths, distances = cfg.ints("eval_depths"), cfg.ints("eval_distances")
    mixed = data.held_out("agreement", depths, n, TEST_SEED["agreement"], "test", f, t)
    hard = data.held_out("agreement", depths, n, TEST_SEED["agreement-hard"], "test", f, t, hard=True)
    br = data.held_out("brackets", distances, n, TEST_SEED["brackets"], "test", f, t)
    result = {
        "model_id": cfg.model_id,
        "train_depth": cfg.train_depth, "train_distance": cfg.train_distance,
        "agreement": [{"depth": d, "hard": summary(agreement_scores(model, hard[d])),
                       "mixed": summary(agreement_scores(model, mixed[d]))} for d in depths],
        "brackets": [{"distance": d, **bracket_summary(bracket_scores(model, br[d]))} for d in distances],
        "speed": {"machine": machine("cpu"), "batch": 1, "repeats": cfg.speed_repeats,
                  "rows": speed(model, cfg.ints("speed_lengths"), cfg.speed_repeats)},
    }
    for r in result["agreement"]:
        log(f"{cfg.model_id} agreement depth {r['depth']}: hard {r['hard']['accuracy']:.3f} (n={r['hard']['n']}), "
            f"mixed {r['mixed']['accuracy']:.3f}")
    for r in result["brackets"]:
        log(f"{cfg.model_id} brackets distance {r['distance']}: {r['accuracy']:.3f} (plain {r['plain']['accuracy']}, "
            f"nested {r['nested']['accuracy']}, closed the inner one {r['nested']['closed_inner']})")
    (cfg.run_dir / "evaluation.json").write_text(json.dumps(result, indent=1) + "\n")
    return result
