"""The stress test's word models (pretrained/<id>/, kind word-lm, build_models/stress) run with
onnxruntime the way the site's worker runs them (widgets/runtime/onnx/kinds/word-lm.ts): <s> first,
one pass over the whole sequence, softmax of the logits at every position. The generated pages
quote these numbers, and the browser tests compare the page's with them.

    from coursekit import wordlm
    models = wordlm.load_all()                   # {"rnn": WordModel, "gru": ..., "lstm": ..., "transformer": ...}
    models["lstm"].verb_share("the cat that the dogs chase".split(), ("sleeps", "sleep"))
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
PRETRAINED = ROOT / "pretrained"
KINDS = ("word-lm",)
ORDER = ("rnn", "gru", "lstm", "transformer")


class WordModel:
    def __init__(self, folder: Path):
        import onnxruntime as ort
        self.folder = Path(folder)
        self.meta = json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))
        self.id = self.meta["id"]
        self.cell = self.meta["architecture"]["cell"]
        self.vocab = self.meta["vocabulary"]
        self.index = {w: i for i, w in enumerate(self.vocab)}
        so = ort.SessionOptions()
        so.intra_op_num_threads = 1
        self.session = ort.InferenceSession(str(self.folder / "model.onnx"), so, providers=["CPUExecutionProvider"])
        self.extra = "attention" if self.cell == "transformer" else "states"

    def ids(self, words: list[str]) -> np.ndarray:
        unknown = sorted({w for w in words if w not in self.index})
        if unknown:
            raise KeyError(f"{self.id} does not know {unknown}")
        return np.array([[self.index["<s>"]] + [self.index[w] for w in words]], dtype=np.int64)

    def run(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(P(next word) after each position [T,V], states [T,H] or attention [L,heads,T,T])."""
        logits, extra = self.session.run(["logits", self.extra], {"tokens": self.ids(words)})
        z = logits[0] - logits[0].max(-1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(-1, keepdims=True), extra[0]

    def verb_share(self, prefix: list[str], verb: tuple[str, str]) -> tuple[float, float]:
        """P(singular form), P(plural form) after `prefix`, renormalised over the two."""
        probs, _ = self.run(prefix)
        a, b = float(probs[-1, self.index[verb[0]]]), float(probs[-1, self.index[verb[1]]])
        return a / (a + b), b / (a + b)

    def end_share(self, words: list[str], env: int) -> float:
        """P(the right \\end{...} | an \\end comes) after `words` (\\begin{X} first)."""
        probs, _ = self.run(words)
        ends = np.array([probs[-1, self.index[w]] for w in self.meta["tasks"]["brackets"]["end"]], dtype=np.float64)
        return float(ends[env] / ends.sum())


def shipped(pretrained: Path = PRETRAINED) -> list[Path]:
    return sorted(p.parent for p in Path(pretrained).glob("*/meta.json")
                  if json.loads(p.read_text(encoding="utf-8"))["kind"] in KINDS)


def load_all(pretrained: Path = PRETRAINED) -> dict[str, WordModel]:
    """The shipped word models by cell, in the order RNN, GRU, LSTM, Transformer."""
    models = {m.cell: m for m in (WordModel(p) for p in shipped(pretrained))}
    return {c: models[c] for c in ORDER if c in models}
