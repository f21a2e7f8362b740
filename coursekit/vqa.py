"""The reference visual question answerer: a pretrained VQA model (build_models/scenes, kind "vqa")
run in Python onnxruntime the way the site's worker runs it (widgets/runtime/onnx/kinds/vqa.ts):
one pass of model.onnx over the image and the question's word ids.

    from coursekit import vqa
    m = vqa.load("pretrained/vqa-scenes")
    out = m.answer_scene(scene, "what colour is the triangle")   # answer, probs [A], alpha [64], unknown words

The page's figures and the tests that check the browser's answers use this one function.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from build_models.scenes import data, questions

KINDS = ("vqa",)


class Answerer:
    def __init__(self, folder: Path):
        import onnxruntime as ort
        self.folder = Path(folder)
        self.meta = json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))
        if self.meta.get("kind") not in KINDS:
            raise ValueError(f"{folder} holds a {self.meta.get('kind')!r} model, not a visual question answerer")
        so = ort.SessionOptions()
        so.intra_op_num_threads = 1
        self.session = ort.InferenceSession(str(self.folder / "model.onnx"), so, providers=["CPUExecutionProvider"])
        self.vocab, self.answers = self.meta["question_vocabulary"], self.meta["answers"]
        self.index = {w: i for i, w in enumerate(self.vocab)}
        self.max_words = self.meta["max_words"]

    def run(self, image: np.ndarray, words) -> dict:
        """image float32 [1,3,64,64] in [0,1], words (all in the vocabulary, 1..max_words) ->
        logits [A], probs [A], alpha [64], answer."""
        ids = [self.index[w] for w in words] + [self.index[questions.PAD]] * (self.max_words - len(words))
        feeds = {"image": image.astype(np.float32), "question": np.array([ids], np.int64),
                 "length": np.array([len(words)], np.int64)}
        logits, probs, alpha = self.session.run(["logits", "probs", "alpha"], feeds)
        return {"logits": logits[0], "probs": probs[0], "alpha": alpha[0], "answer": self.answers[int(np.argmax(logits[0]))]}

    def answer_scene(self, scene: data.Scene, text) -> dict:
        """Answer a typed question (text) or a word list about a scene; unknown words are reported,
        not answered ({"unknown": [...]})."""
        words, unknown = questions.tokenise(text) if isinstance(text, str) else (list(text), [])
        if unknown or not words or len(words) > self.max_words:
            return {"unknown": unknown, "words": words}
        return {**self.run(data.to_input(data.render(scene))[None], words), "words": words, "unknown": []}


def load(folder: Path | str) -> Answerer:
    return Answerer(Path(folder))


def shipped(pretrained: Path) -> list[Path]:
    """The VQA folders of pretrained/, sorted by id."""
    return sorted(p.parent for p in Path(pretrained).glob("*/meta.json")
                  if json.loads(p.read_text(encoding="utf-8")).get("kind") in KINDS)
