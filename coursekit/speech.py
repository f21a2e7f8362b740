"""
The spoken-digit recognisers of pretrained/ (kind speech-frames, build_models/speech) run as the
page runs them, in Python onnxruntime: a waveform at the model's rate -> log-mel frames (the
front-end of build_models/speech/features.py, with meta.json's parameters) -> the digit
distribution after every frame. tests/test_speech_browser.py compares the widget with it.
"""
import json
from pathlib import Path

import numpy as np

KINDS = ("speech-frames",)


class Recogniser:
    def __init__(self, folder):
        import onnxruntime as ort
        self.folder = Path(folder)
        self.meta = json.loads((self.folder / "meta.json").read_text())
        if self.meta["kind"] not in KINDS:
            raise ValueError(f"{self.folder} holds a {self.meta['kind']!r} model, not one of {KINDS}")
        so = ort.SessionOptions()
        so.intra_op_num_threads = 1
        self.session = ort.InferenceSession(str(self.folder / "model.onnx"), so, providers=["CPUExecutionProvider"])

    def frames(self, wave):
        """Log-mel frames [T, n_mels] of a waveform at meta.json's sample rate."""
        from build_models.speech.features import log_mel
        fe = self.meta["frontend"]
        return log_mel(wave, **{k: fe[k] for k in ("sample_rate", "n_fft", "hop", "n_mels", "fmin")})

    def probs(self, wave):
        """The digit distribution after every frame [T, 10]; the answer is the last row's argmax."""
        return self.session.run(None, {"frames": self.frames(wave)[None]})[0][0]

    def clip(self, file):
        """A bundled clip's samples (a file named in meta.json's `clips`)."""
        from build_models.speech.export import read_wav
        return read_wav(self.folder / file)[0]
