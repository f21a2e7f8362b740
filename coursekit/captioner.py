"""The reference captioner: a pretrained captioner (build_models/scenes) run in Python onnxruntime
the way the site's worker runs it (widgets/runtime/onnx/kinds/captioner.ts): the encoder once,
then the decoder word by word, from the same two ONNX files.

    from coursekit import captioner
    cap = captioner.load("pretrained/captioner-soft")
    out = cap.caption_scene(scene)                 # words, ids, weights [T,64], alphas [T,64], logits [T,V], fmap
    out = cap.caption_scene(scene, mode="sample", seed=7)

Attention modes: "soft" (each word reads the alpha-weighted grid), "hard" (the one cell alpha ranks
first), "sample" (one cell drawn from alpha with mulberry32(seed), as the page draws it). Rows
t of weights/alphas/logits belong to the step that wrote ids[t] (the last is </s> when it ended).
The page figures and the tests that check the browser's captions use this one loop.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from build_models.scenes import data

KINDS = ("captioner",)
MODES = ("soft", "hard", "sample")


def pick_cell(alpha: np.ndarray, u: float) -> int:
    """The cell whose cumulative share of alpha first exceeds u (float64 sums, as the page adds)."""
    acc = 0.0
    for i, a in enumerate(alpha.astype(np.float64)):
        acc += a
        if u < acc:
            return i
    return len(alpha) - 1


class Captioner:
    def __init__(self, folder: Path):
        import onnxruntime as ort
        self.folder = Path(folder)
        self.meta = json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))
        if self.meta.get("kind") not in KINDS:
            raise ValueError(f"{folder} holds a {self.meta.get('kind')!r} model, not a captioner")
        so = ort.SessionOptions()
        so.intra_op_num_threads = 1
        load = lambda f: ort.InferenceSession(str(self.folder / f), so, providers=["CPUExecutionProvider"])  # noqa: E731
        self.encoder, self.decoder = load("encoder.onnx"), load("decoder.onnx")
        self.vocab = self.meta["vocabulary"]
        self.bos, self.eos = self.vocab.index(data.BOS), self.vocab.index(data.EOS)
        self.max_words = self.meta["decoding"]["max_words"]

    def encode(self, image: np.ndarray) -> dict:
        """image float32 [1,3,64,64] in [0,1] -> grid, fmap, h, c, alpha."""
        names = [o.name for o in self.encoder.get_outputs()]
        return dict(zip(names, self.encoder.run(None, {"image": image.astype(np.float32)})))

    def caption_image(self, image: np.ndarray, mode: str = "soft", seed: int = 1) -> dict:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
        enc = self.encode(image)
        h, c, alpha, grid = enc["h"], enc["c"], enc["alpha"], enc["grid"]
        draws = data.mulberry32_block(seed, self.max_words + 1) if mode == "sample" else None
        ids, weights, alphas, logits = [], [], [], []
        word = self.bos
        for t in range(self.max_words + 1):
            a = alpha[0]
            if mode == "soft":
                w = a.astype(np.float32)
            else:
                cell = int(np.argmax(a)) if mode == "hard" else pick_cell(a, float(draws[t]))
                w = np.zeros_like(a, dtype=np.float32)
                w[cell] = 1.0
            lg, h, c, alpha = self.decoder.run(None, {"word": np.array([word], np.int64), "h": h, "c": c, "grid": grid,
                                                      "weights": w[None]})
            word = int(np.argmax(lg[0]))
            ids.append(word)
            weights.append(w)
            alphas.append(a)
            logits.append(lg[0])
            if word == self.eos:
                break
        words = [self.vocab[i] for i in ids if i != self.eos]
        return {"words": words, "ids": ids, "weights": np.array(weights), "alphas": np.array(alphas),
                "logits": np.array(logits), "fmap": enc["fmap"][0], "ended": ids[-1] == self.eos}

    def caption_scene(self, scene: data.Scene, mode: str = "soft", seed: int = 1) -> dict:
        return self.caption_image(data.to_input(data.render(scene))[None], mode, seed)


def load(folder: Path | str) -> Captioner:
    return Captioner(Path(folder))


def shipped(pretrained: Path) -> list[Path]:
    """The captioner folders of pretrained/, sorted by id."""
    return sorted(p.parent for p in Path(pretrained).glob("*/meta.json")
                  if json.loads(p.read_text(encoding="utf-8")).get("kind") in KINDS)
