"""The reference stepper: a pretrained step model run in Python onnxruntime, as the site's worker runs it.

    from coursekit import stepper
    m = stepper.load(Path("pretrained/tinyshakespeare"))
    out = m.run("ROMEO:")                     # logits [T,V], h, c [T,L,H], gates [T,L,G,H]
    ids = m.generate("ROMEO:\\n", 200, temperature=0.8, rng_seed=1)

The generated Module 5 pages (coursekit.samples) and every test that checks a widget's numbers
step models through this module, so "what Python computes" is one loop, not one per caller.
Sampling mirrors widgets/runtime/onnx/sampling.ts (mulberry32, temperature, top-k, top-p) and the
generate loop mirrors widgets/runtime/onnx/worker.ts, so browser output can be compared exactly.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from pathlib import Path

import numpy as np


class UnknownKindError(ValueError):
    """meta.json names a kind of model this module cannot step."""


# ---------------------------------------------------------------- sampling (sampling.ts in Python)

def mulberry32(seed: int) -> Callable[[], float]:
    """widgets/lib/random.ts's generator: the same seed gives the browser's draws, in [0, 1)."""
    a = seed & 0xFFFFFFFF
    imul = lambda x, y: (x * y) & 0xFFFFFFFF  # noqa: E731 (Math.imul: the low 32 bits)

    def draw() -> float:
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = imul(a ^ (a >> 15), a | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296
    return draw


def softmax(logits, temperature: float = 1.0) -> np.ndarray:
    """Probabilities [V] in float64; temperature 0 (or below) puts all mass on the argmax, as sampling.ts."""
    if not temperature > 0:
        p = np.zeros(len(logits))
        p[int(np.argmax(logits))] = 1.0
        return p
    z = np.exp((np.asarray(logits, np.float64) - np.max(logits)) / temperature)
    return z / z.sum()


def _keep_only(p: np.ndarray, keep: list[int]) -> np.ndarray:
    q = np.zeros_like(p)
    q[keep] = p[keep] / p[keep].sum()
    return q


def _by_probability(p: np.ndarray) -> list[int]:
    return sorted(range(len(p)), key=lambda i: (-p[i], i))  # ties keep index order, as sampling.ts


def sample_index(p, u: float) -> int:
    """sampling.ts's sampleIndex: the first index whose cumulative probability passes `u` (zeros skipped)."""
    cum, last = 0.0, 0
    for i, pi in enumerate(p):
        if pi <= 0:
            continue
        cum += pi
        last = i
        if u < cum:
            return i
    return last


def pick_next(logits, temperature: float, top_k: int, top_p: float, draw: Callable[[], float]) -> int:
    """sampling.ts's pickNext: argmax at temperature 0 (no draw), else one draw from the tempered
    distribution, cut to the top k (renormalised) and then to the nucleus of mass top_p."""
    if not temperature > 0:
        return int(np.argmax(logits))
    p = softmax(logits, temperature)
    if top_k and 0 < top_k < len(p):
        p = _keep_only(p, _by_probability(p)[:int(top_k)])
    if 0 < top_p < 1:
        keep, mass = [], 0.0
        for i in _by_probability(p):
            keep.append(i)
            mass += p[i]
            if mass >= top_p:
                break
        p = _keep_only(p, keep)
    return sample_index(p, draw())


# ---------------------------------------------------------------- step models

# run()'s outputs: the ONNX output each comes from, and how one step's batch of one becomes a row.
ROWS = {
    "logits": ("logits", lambda v: v[0]),        # [1,V] → [V]
    "h": ("h_out", lambda v: v[:, 0]),           # [L,1,H] → [L,H]
    "c": ("c_out", lambda v: v[:, 0]),
    "gates": ("gates", lambda v: v[:, :, 0]),    # [L,G,1,H] → [L,G,H]
}


class CharStepModel:
    """A character step model (build_models/export.py): x int64 [B], h, c float32 [L,B,H] in;
    logits [B,V], h_out, c_out [L,B,H], gates [L,G,B,H] out. LSTM, GRU and vanilla RNN share
    this contract (a GRU or RNN passes c through unchanged), so one class steps all three."""

    def __init__(self, folder: Path, meta: dict, model_file: str = "model.onnx"):
        import onnxruntime as ort

        self.folder, self.meta = Path(folder), meta
        self.id: str = meta["id"]
        self.vocab: list[str] = meta["vocabulary"]
        self.index = {ch: i for i, ch in enumerate(self.vocab)}
        opts = ort.SessionOptions()
        # One thread, sequential: the same numbers on every run, and the browser's single-thread reference.
        opts.intra_op_num_threads = opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        self.session = ort.InferenceSession(str(self.folder / model_file), opts, providers=["CPUExecutionProvider"])
        # The file, not meta.json, decides the state's shape: a test may hand us any exported model.
        layers, _, hidden = self.session.get_inputs()[1].shape
        self.layers, self.hidden = int(layers), int(hidden)

    def zero(self) -> tuple[np.ndarray, np.ndarray]:
        """The zero state (h, c), each [L, 1, H]."""
        shape = (self.layers, 1, self.hidden)
        return np.zeros(shape, np.float32), np.zeros(shape, np.float32)

    def encode(self, text: str, unknown: str = "error") -> list[int]:
        """Token ids of `text`; a character outside the vocabulary raises ValueError, or with
        unknown="skip" is left out (the widgets' two policies)."""
        if unknown == "skip":
            return [self.index[ch] for ch in text if ch in self.index]
        bad = next((n for n, ch in enumerate(text) if ch not in self.index), None)
        if bad is not None:
            raise ValueError(f"{text[bad]!r} at position {bad + 1} is not in the vocabulary of {self.id}")
        return [self.index[ch] for ch in text]

    def _ids(self, tokens: str | Sequence[int], unknown: str = "error") -> list[int]:
        return self.encode(tokens, unknown) if isinstance(tokens, str) else [int(t) for t in tokens]

    def step(self, token: int | str, h: np.ndarray, c: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Feed one token (id or character): logits [V], and the next h, c [L, 1, H]."""
        x = np.array([self.index[token] if isinstance(token, str) else token], np.int64)
        # Without the gates: generating does not need them, and they are the biggest output to copy.
        logits, h, c = self.session.run(["logits", "h_out", "c_out"], {"x": x, "h": h, "c": c})
        return logits[0], h, c

    def run(self, tokens: str | Sequence[int], unknown: str = "error",
            outputs: Sequence[str] = ("logits", "h", "c", "gates")) -> dict[str, np.ndarray]:
        """Every step's `outputs` from a zero state: logits [T,V], h, c [T,L,H], gates [T,L,G,H].
        Ask only for what you need on long texts: the gates alone are G times the size of h."""
        fetch = ["h_out", "c_out", *(ROWS[k][0] for k in outputs if k in ("logits", "gates"))]
        h, c = self.zero()
        rows: dict[str, list] = {k: [] for k in outputs}
        for t in self._ids(tokens, unknown):
            got = dict(zip(fetch, self.session.run(fetch, {"x": np.array([t], np.int64), "h": h, "c": c})))
            h, c = got["h_out"], got["c_out"]
            for k in outputs:
                name, row = ROWS[k]
                rows[k].append(row(got[name]))
        if not rows[outputs[0]]:
            raise ValueError("nothing to run: no token the model knows")
        return {k: np.stack(v) for k, v in rows.items()}

    def draws(self, seed: str | Sequence[int], temperature: float = 0.0, top_k: int = 0, top_p: float = 1.0,
              rng_seed: int = 0, clamp: tuple[int, str, int, float] | None = None,
              unknown: str = "error") -> Iterator[int]:
        """The worker's generate loop, endless: feed the seed, then pick a token and feed it back.
        `clamp` (layer, "h" or "c", unit, value) overwrites that cell of the state after every step,
        seed included, as protocol.ts's CellClamp. A token is fed only when the next one is asked
        for, so islice(…, n) runs exactly the worker's steps."""
        ids = self._ids(seed, unknown)
        if not ids:
            raise ValueError("the seed needs at least one token the model knows")
        h, c = self.zero()

        def step(t: int):
            logits, h2, c2 = self.step(t, h, c)
            if clamp:
                layer, kind, unit, value = clamp
                target = (h2 if kind == "h" else c2).copy()
                target[layer, 0, unit] = value
                h2, c2 = (target, c2) if kind == "h" else (h2, target)
            return logits, h2, c2

        for t in ids:
            logits, h, c = step(t)
        draw = mulberry32(rng_seed)
        while True:
            i = pick_next(logits, temperature, top_k, top_p, draw)
            yield i
            logits, h, c = step(i)

    def generate(self, seed: str | Sequence[int], length: int, temperature: float = 0.0, top_k: int = 0,
                 top_p: float = 1.0, rng_seed: int = 0, clamp: tuple[int, str, int, float] | None = None,
                 unknown: str = "error") -> list[int]:
        """`length` token ids after `seed`, as the worker's generate returns them (greedy at temperature 0)."""
        return list(islice(self.draws(seed, temperature, top_k, top_p, rng_seed, clamp, unknown), length))

    def decode(self, ids: Sequence[int]) -> str:
        return "".join(self.vocab[i] for i in ids)


# meta.json's `kind` → the class that steps it. A model of another shape (a word model, a
# sequence-at-once model) gets its own class here; callers keep calling load().
KINDS: dict[str, type[CharStepModel]] = {
    "char-lstm-step": CharStepModel,
    "char-gru-step": CharStepModel,
    "char-rnn-step": CharStepModel,
}


def load(folder: Path | str, model_file: str = "model.onnx") -> CharStepModel:
    """The model of `folder` (meta.json + `model_file`, by default model.onnx; a time-lapse
    checkpoint such as timelapse/iter_001200.onnx shares its model's meta.json)."""
    folder = Path(folder)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    kind = meta.get("kind")
    if kind not in KINDS:
        raise UnknownKindError(f"{folder / 'meta.json'}: kind {kind!r} is not one coursekit.stepper can run "
                               f"(it knows {', '.join(sorted(KINDS))}); add a class for it to stepper.KINDS")
    return KINDS[kind](folder, meta, model_file)
