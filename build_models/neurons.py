"""
Neuron analysis: score every cell (h and c, every layer) against named text features, keep
the top cells per feature with example spans, and measure gate saturation per layer.
Writes runs/<model_id>/neurons.json.

score = Pearson correlation over the analysed test characters between a cell's value after
reading character t and the feature at t (features.py). Sign matters: a cell that is low
inside quotes scores negative; cells are ranked by |score|.
"""
import json

import numpy as np
import torch

from .corpora import load_split, decode
from .features import text_features
from .model import StepCell, GATE_NAMES

SPAN = 120   # characters per example span
TOP = 5      # top cells kept per feature


@torch.no_grad()
def run_cells(model, ids):
    """Step the explicit cell (the exported computation) over ids: h, c [T, L, H]; gates [T, L, G, H]."""
    step = StepCell(model).eval()
    h, c = model.init_state(1)
    hs, cs, gs = [], [], []
    for t in range(len(ids)):
        _, h, c, g = step(torch.tensor([int(ids[t])]), h, c)  # h, c: [L, 1, H]; g: [L, G, 1, H]
        hs.append(h[:, 0]); cs.append(c[:, 0]); gs.append(g[:, :, 0])
    return torch.stack(hs).numpy(), torch.stack(cs).numpy(), torch.stack(gs).numpy()


def correlations(acts, feat):
    """acts [T, N], feat [T] -> Pearson r per column [N] (0 where either side is constant)."""
    a = acts - acts.mean(0)
    f = feat - feat.mean()
    den = np.sqrt((a * a).sum(0) * (f * f).sum())
    return np.where(den > 0, (a * f[:, None]).sum(0) / np.where(den > 0, den, 1), 0.0)


def best_span(act, feat, span=SPAN):
    """Start of the window where this cell and the feature co-vary most (largest covariance share)."""
    contrib = (act - act.mean()) * (feat - feat.mean())  # [T]
    csum = np.concatenate([[0], np.cumsum(contrib)])
    starts = np.arange(0, max(1, len(act) - span + 1))
    return int(starts[np.argmax(np.abs(csum[starts + min(span, len(act))] - csum[starts]))])


def saturation(gates, cell):
    """Per layer and gate: fraction of (step, cell) with the gate near its lower or upper bound."""
    out = []
    for l in range(gates.shape[1]):
        layer = {}
        for k, name in enumerate(GATE_NAMES[cell]):
            g = gates[:, l, k]  # [T, H]
            tanh = (cell == "lstm" and name == "g") or (cell == "gru" and name == "n") or cell == "rnn"
            lo_t, hi_t = (-0.9, 0.9) if tanh else (0.1, 0.9)
            lo, hi = (g < lo_t).mean(0), (g > hi_t).mean(0)  # [H] per-cell fractions
            layer[name] = {"range": "tanh" if tanh else "sigmoid", "low_below": lo_t, "high_above": hi_t,
                           "low_fraction": round(float(lo.mean()), 4), "high_fraction": round(float(hi.mean()), 4),
                           "per_cell_low": np.round(lo, 3).tolist(), "per_cell_high": np.round(hi, 3).tolist()}
        out.append(layer)
    return out


def analyse_text(model, vocab, ids):
    """The neurons.json record for the text `ids` (a 1-D token array)."""
    text = decode(vocab, ids)
    h, c, gates = run_cells(model, ids)
    T, L, H = h.shape
    kinds = {"h": h.reshape(T, L * H)}  # column j = layer j // H, cell j % H
    if model.cell == "lstm":  # GRU and RNN carry no cell state
        kinds["c"] = c.reshape(T, L * H)
    feats = text_features(text)
    scores, top = {}, {}
    for name, feat in feats.items():
        if feat.std() == 0:
            continue  # the feature never varies on this text (e.g. no comments in Shakespeare)
        scores[name] = {k: np.round(correlations(a, feat), 4).reshape(L, H).tolist() for k, a in kinds.items()}
        cand = [(abs(s), k, j) for k in kinds for j, s in enumerate(np.asarray(scores[name][k]).ravel())]
        top[name] = []
        for _, k, j in sorted(cand, reverse=True)[:TOP]:
            act = kinds[k][:, j]
            s0 = best_span(act, feat)
            top[name].append({"kind": k, "layer": j // H, "cell": j % H,
                              "score": scores[name][k][j // H][j % H],
                              "example": {"start": s0, "text": text[s0:s0 + SPAN],
                                          "activation": np.round(act[s0:s0 + SPAN], 3).tolist()}})
    return {"chars": T, "layers": L, "hidden": H, "score": "pearson r between cell value after reading char t and feature at t",
            "features": sorted(scores), "skipped_constant": sorted(set(feats) - set(scores)),
            "top": top, "scores": scores, "gate_saturation": saturation(gates, model.cell)}


def shortest_float32(x: float) -> float:
    """x as the shortest decimal that reads back as the same float32, when x is a float32 value
    (np.round of a float32 array gives -772.5830078125 for -772.583: json would print all of it);
    any other float (one rounded in float64, say 0.1234) is returned unchanged."""
    f = np.float32(x)
    return float(str(f)) if np.isfinite(f) and float(f) == x else x


def compact_floats(record):
    """The record with every float through shortest_float32 (dicts and lists walked): what json writes
    is then each float32 value's shortest decimal, and reading it back gives the same float32."""
    if isinstance(record, float):
        return shortest_float32(record)
    if isinstance(record, dict):
        return {k: compact_floats(v) for k, v in record.items()}
    if isinstance(record, (list, tuple)):
        return [compact_floats(v) for v in record]
    return record


def dumps(record) -> str:
    """neurons.json's text: floats compacted (compact_floats), no spaces after separators: the zoo ships
    eleven of these files, and every byte of them counts against pretrained/'s 120 MB budget."""
    return json.dumps(compact_floats(record), ensure_ascii=False, separators=(",", ":"))


def analyse(cfg, model, vocab):
    """The char-rnn kind's `analyse` step: neurons.json of `model` (the run's checkpoint) over the test split."""
    ids = load_split(cfg, "test")[: cfg.analyse_chars]
    res = {"model_id": cfg.model_id, "split": "test", "start": vocab["split"]["test"][0]}
    res.update(analyse_text(model, vocab, ids))
    (cfg.run_dir / "neurons.json").write_text(dumps(res))
    for name in res["features"]:
        b = res["top"][name][0]
        print(f"{name:>18}: best {b['kind']}[{b['layer']}][{b['cell']}] r={b['score']:+.3f}")
    for l, layer in enumerate(res["gate_saturation"]):
        print(f"layer {l} gates: " + ", ".join(f"{g} low {v['low_fraction']:.2f} high {v['high_fraction']:.2f}"
                                              for g, v in layer.items()))
    return res
