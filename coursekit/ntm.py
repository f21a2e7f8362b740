"""The Neural Turing Machines (pretrained/<id>/, kind ntm-copy-step, build_models/memory) run with
onnxruntime the way the site's worker runs them (widgets/runtime/onnx/kinds/ntm.ts, job `remember`):
the copy task's input (build_models/memory/data.py's encode) fed one step at a time from the state
meta.json describes, every step's outputs, weightings and memory kept. The export's parity check,
the shipped-model tests and the browser tests use this loop.

    from coursekit import ntm
    sess, meta = ntm.load(ntm.PRETRAINED / "ntm-copy-16")
    trace = ntm.run(sess, meta, x)     # x [2L+1, W+1] -> {y [T,W], w_read, w_write [T,N], memory [T,N,M]}
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
PRETRAINED = ROOT / "pretrained"
KINDS = ("ntm-copy-step",)
STATE = ["h", "c", "memory", "read", "w_read", "w_write"]
INPUTS = ["x"] + STATE
OUTPUTS = ["y"] + [s + "_out" for s in STATE]


def initial_feeds(meta: dict) -> dict[str, np.ndarray]:
    """The state before the first step, as meta.json describes it (batch 1)."""
    a = meta["architecture"]
    N, M, H = a["slots"], a["mem_width"], a["hidden"]
    w0 = np.zeros((1, N), np.float32)
    w0[0, meta["initial_state"]["weighting_slot"]] = 1.0
    return {"h": np.zeros((1, H), np.float32), "c": np.zeros((1, H), np.float32),
            "memory": np.full((1, N, M), meta["initial_state"]["memory"], np.float32),
            "read": np.zeros((1, M), np.float32), "w_read": w0, "w_write": w0.copy()}


def run(sess, meta: dict, x: np.ndarray) -> dict[str, np.ndarray]:
    """Loop the step model over x [T,W+1]: {y [T,W], w_read [T,N], w_write [T,N], memory [T,N,M]}."""
    state = initial_feeds(meta)
    out: dict[str, list] = {"y": [], "w_read": [], "w_write": [], "memory": []}
    for t in range(len(x)):
        got = dict(zip(OUTPUTS, sess.run(OUTPUTS, {"x": x[t:t + 1].astype(np.float32), **state})))
        state = {s: got[s + "_out"] for s in STATE}
        for k in out:
            out[k].append((got["y"] if k == "y" else got[k + "_out"])[0])
    return {k: np.stack(v) for k, v in out.items()}


def session(path: Path):
    """An onnxruntime session on one thread (as everywhere in the course's Python)."""
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])


def load(folder: Path):
    """(session, meta) of a shipped model folder; an unknown kind is refused by name."""
    meta = json.loads((Path(folder) / "meta.json").read_text(encoding="utf-8"))
    if meta.get("kind") not in KINDS:
        raise ValueError(f"{folder} holds a model of kind {meta.get('kind')!r}, not one of {', '.join(KINDS)}")
    return session(Path(folder) / "model.onnx"), meta


def shipped(pretrained: Path = PRETRAINED) -> list[Path]:
    """The folders of pretrained/ that hold a model of these kinds, by name."""
    return [p.parent for p in sorted(pretrained.glob("*/meta.json"))
            if json.loads(p.read_text(encoding="utf-8")).get("kind") in KINDS]
