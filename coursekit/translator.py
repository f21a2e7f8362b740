"""The reference translator: a pretrained translator (build_models/translate) run in Python
onnxruntime the way the site's worker runs it (widgets/runtime/onnx/kinds/seq2seq.ts): the same
tokeniser, the same greedy and beam rules, from the same two ONNX files.

    from coursekit import translator
    t = translator.load(Path("pretrained/fra-attn"))
    out = t.translate("She has a red car.")          # words, text, attention [T,S], contexts [T,2H], ...
    out = t.translate("She has a red car.", beam=4)

The generated Module 7 pages (coursekit.translation_pages) and the tests that check the browser's
translations use this one loop.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from build_models.translate.data import BOS, EOS, UNK, detokenise_fr, tokenise_en

KINDS = ("seq2seq-gru",)


def _log_softmax(z: np.ndarray) -> np.ndarray:
    z = z.astype(np.float64)
    m = z.max()
    return z - (m + np.log(np.exp(z - m).sum()))


class Translator:
    def __init__(self, folder: Path):
        import onnxruntime as ort
        self.folder = Path(folder)
        self.meta = json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))
        if self.meta.get("kind") not in KINDS:
            raise ValueError(f"{folder} holds a {self.meta.get('kind')!r} model, not a translator")
        so = ort.SessionOptions()
        so.intra_op_num_threads = 1
        load = lambda f: ort.InferenceSession(str(self.folder / f), so, providers=["CPUExecutionProvider"])  # noqa: E731
        self.encoder, self.decoder = load("encoder.onnx"), load("decoder.onnx")
        self.source = self.meta["vocabulary"]["source"]
        self.target = self.meta["vocabulary"]["target"]
        self.index = {w: i for i, w in enumerate(self.source)}
        dec = self.meta["decoding"]
        self.max_len, self.max_source = dec["max_len"], dec.get("max_source_tokens", 40)

    def encode(self, text: str) -> dict:
        words = tokenise_en(text)[: self.max_source]
        if not words:
            raise ValueError("There is nothing to translate: type an English sentence.")
        if not any(any(ch.isalnum() for ch in w) for w in words):
            raise ValueError("There are no words to translate, only punctuation or symbols: type an English sentence.")
        ids = [self.index.get(w, UNK) for w in words]
        states, final, init = self.encoder.run(None, {"src": np.array([ids], dtype=np.int64)})
        return {"words": words, "ids": ids, "states": states, "final": final[0], "init": init}

    def step(self, ys, state, states, focus=None):
        n, S = len(ys), states.shape[1]
        feeds = {"y": np.array(ys, dtype=np.int64), "state": state, "states": np.repeat(states, n, axis=0),
                 "mask": np.ones((n, S), np.float32), "focus": np.zeros((n, S), np.float32) if focus is None else focus}
        return self.decoder.run(None, feeds)  # logits [n,V], state_out [n,H], attention [n,S], context [n,2H]

    def translate(self, text: str, beam: int = 0) -> dict:
        enc = self.encode(text)
        if beam:
            return {**enc, **self._beam(enc, beam)}
        y, state, out, rows, contexts, logp_sum, ended = BOS, enc["init"], [], [], [], 0.0, False
        for _ in range(self.max_len):
            logits, state, att, ctx = self.step([y], state, enc["states"])
            logp = _log_softmax(logits[0])
            nxt = int(np.argmax(logp))
            logp_sum += float(logp[nxt])
            if nxt == EOS:
                ended = True
                break
            out.append(nxt)
            rows.append(att[0])
            contexts.append(ctx[0])
            y = nxt
        words = [self.target[i] for i in out]
        return {**enc, "out_words": words, "text": detokenise_fr(words), "attention": np.array(rows).reshape(len(rows), -1),
                "contexts": np.array(contexts), "log_prob": logp_sum, "ended": ended}

    def _beam(self, enc: dict, width: int) -> dict:
        alive = [([], [], 0.0, enc["init"][0])]
        finished = []
        V = len(self.target)
        for _ in range(self.max_len):
            if not alive:
                break
            logits, st, att, _ = self.step([h[0][-1] if h[0] else BOS for h in alive], np.stack([h[3] for h in alive]), enc["states"])
            cand = []
            for i, h in enumerate(alive):
                logp = _log_softmax(logits[i])
                for k in np.argsort(-logp, kind="stable")[:width]:
                    cand.append((h[2] + float(logp[k]), i * V + int(k)))
            cand.sort(key=lambda c: (-c[0], c[1]))
            nxt = []
            for total, flat in cand[:width]:
                i, tok = divmod(flat, V)
                ids, rows = alive[i][0], alive[i][1]
                if tok == EOS:
                    finished.append((ids, rows, total, total / (len(ids) + 1)))
                else:
                    nxt.append((ids + [tok], rows + [att[i]], total, st[i]))
            alive = nxt
            if len(finished) >= width:
                break
        pool = finished or [(ids, rows, total, total / max(1, len(ids))) for ids, rows, total, _ in alive]
        best = pool[0]
        for h in pool:
            if h[3] > best[3]:
                best = h
        words = [self.target[i] for i in best[0]]
        return {"out_words": words, "text": detokenise_fr(words), "attention": np.array(best[1]).reshape(len(best[1]), -1),
                "log_prob": best[2], "score": best[3], "ended": bool(finished)}


def load(folder: Path | str) -> Translator:
    return Translator(Path(folder))


def shipped(pretrained: Path) -> list[Path]:
    """The translator folders of pretrained/, sorted by id."""
    return sorted(p.parent for p in Path(pretrained).glob("*/meta.json")
                  if json.loads(p.read_text(encoding="utf-8")).get("kind") in KINDS)
