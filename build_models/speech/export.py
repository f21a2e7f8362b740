"""
Export a trained recogniser to pretrained/<model_id>/:
  model.onnx  frames float32 [B,T,n_mels] (log-mel, features.py) -> probs [B,T,10] (a digit
              distribution at every frame; the answer is the last frame's), any B and T (the page: B = 1)
  clips/      one test clip per digit for each of bundle_voices (held-out voices), 16-bit mono WAV
              at sample_rate, listed in meta.json's `clips` (file, digit, voice, accent, speed, pitch)
  meta.json   digits, front-end parameters, architecture, io, evaluation, training, parity, files, command
  README.md   the card
With weights_dtype float16 (the preset's) the weights are rounded to fp16 (train.load_trained),
stored as fp16 and computed in fp32 (export.store_fp16): half the download, and the figures in
meta.json are those of the rounded model. Parity runs every bundled clip and a slice of test clips
at every SNR through PyTorch (the rounded weights) and onnxruntime (<= PARITY).
"""
import datetime
import json
import wave

import numpy as np
import torch
import torch.nn as nn

from ..corpora import sha256_file
from ..export import run_records, weights_dtypes
from ..stress.export import commit
from . import data
from .evaluate import noisy_waves
from .features import LOG_FLOOR, batch_features, features, frontend_of
from .model import num_params
from .train import load_trained

KIND = "speech-frames"
PARITY = 1e-4
# The page calls a recording silent when no 16 ms frame reaches this RMS (about -50 dBFS): the
# front-end peak-normalises, so silence would otherwise become loud noise and a made-up digit.
SILENCE_RMS = 0.003


class File(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, frames):                           # [1,T,F]
        return torch.softmax(self.model(frames), -1)     # [1,T,10]


def write_onnx(model, path, cfg):
    """model.onnx with ONNX's LSTM operator, which takes any number of frames. The TorchScript
    exporter writes that operator directly; the dynamo exporter, asked twice in one process (the
    tests), fixed T at the example's length the second time."""
    import logging
    import warnings
    import onnx
    from ..export import store_fp16, strip_metadata
    x = torch.zeros(1, 7, cfg.n_mels)
    logging.getLogger("torch.onnx").setLevel(logging.ERROR)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(File(model).eval(), (x,), str(path), dynamo=False, input_names=["frames"], output_names=["probs"],
                          dynamic_axes={"frames": {0: "B", 1: "T"}, "probs": {0: "B", 1: "T"}}, opset_version=18)
    proto = onnx.load(str(path))
    strip_metadata(proto)
    if cfg.weights_dtype == "float16":
        store_fp16(proto)
    onnx.save_model(proto, str(path), save_as_external_data=False)


@torch.no_grad()
def parity(model, path, inputs):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    sess = ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])
    worst = 0.0
    for f in inputs:
        ref = File(model)(torch.from_numpy(f[None])).numpy()
        got = sess.run(None, {"frames": f[None]})[0]
        worst = max(worst, float(np.abs(got - ref).max()))
    return {"max_abs_diff": float(f"{worst:.3g}"), "clips": len(inputs), "longest_frames": max(len(f) for f in inputs)}


def write_wav(path, x, rate):
    pcm = np.clip(np.round(np.asarray(x) * 32767), -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())


def read_wav(path):
    """A 16-bit mono WAV as float64 in [-1, 1] and its rate."""
    with wave.open(str(path), "rb") as w:
        assert w.getnchannels() == 1 and w.getsampwidth() == 2
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768.0, w.getframerate()


def bundle(clips, cfg, out):
    """The page's clips: the first test clip of each digit said by each of bundle_voices,
    peak-scaled to 0.8 so that a 16-bit file keeps them whole."""
    folder = out / "clips"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.wav"):
        old.unlink()
    listed = []
    for v in cfg.words("bundle_voices"):
        for d in range(len(data.DIGITS)):
            c = next(c for c in clips if c.voice == v and c.digit == d)
            name = f"{data.DIGITS[d]}-{v}.wav"
            write_wav(folder / name, c.wave / max(1e-9, np.abs(c.wave).max()) * 0.8, cfg.sample_rate)
            listed.append({"file": f"clips/{name}", "digit": d, "word": data.DIGITS[d], "voice": v,
                           "accent": c.accent, "speed": c.speed, "pitch": c.pitch})
    return listed


def stored(a):
    """The card's sentence on how the weights are stored."""
    if a["weights_dtype"] == "float16":
        return ("the trained fp32 weights rounded to fp16, stored as fp16 in model.onnx and computed in fp32 "
                "(the accuracies and parity below are the rounded model's).")
    return "fp32, as trained."


def card(meta):
    a, ev, tr = meta["architecture"], meta["evaluation"], meta["training"]
    snr = "\n".join(f"| {r['snr']}{' dB' if r['snr'] != 'clean' else ''} | {r['n']} | {r['accuracy']:.1%} |" for r in ev["by_snr"])
    dig = "\n".join(f"| {r['digit']} ({r['word']}) | {r['accuracy']:.1%} |" for r in ev["by_digit"])
    voice = ", ".join(f"{r['voice']} {r['accuracy']:.1%}" for r in ev["by_voice"])
    fe = meta["frontend"]
    return f"""# {meta['id']}: Module 6's spoken-digit recogniser

An LSTM that reads log-mel frames of a one-second clip and gives a distribution over the ten digits
at every frame; the answer is the last frame's. It knows ten words said by espeak-ng's synthetic voices
(build_models/speech/data.py): not human speech, and nothing but these ten words.

- **Front-end**: peak-normalised waveform at {fe['sample_rate']:,} Hz, Hann frames of {fe['n_fft']} samples
  every {fe['hop']} ({1000 * fe['hop'] / fe['sample_rate']:.0f} ms), power spectrum, {fe['n_mels']} mel bands from
  {fe['fmin']:.0f} Hz, natural log (+{fe['log_floor']:g}).
- **Architecture**: {a['layers']} stacked LSTM layer{'s' if a['layers'] > 1 else ''} of {a['hidden']} units, a linear layer to 10 digits;
  {a['parameters']:,} parameters.
- **Data**: {tr['clips']:,} training clips of {len(ev['train_voices'])} voices, each clip in one of {len(ev['accents'])} accents at a
  random speed, pitch and offset, with white noise (0-30 dB SNR, or none); tested on {len(ev['voices'])} voices never heard
  in training ({', '.join(ev['voices'])}).
- **Training**: {tr['steps']:,} steps of {tr['batch_size']} clips, {tr['seconds'] / 60:.1f} minutes on {tr['machine']['device']}.
- **Weights**: {stored(a)}

**Accuracy on held-out voices** ({ev['clips']} clips, each at every SNR): {ev['accuracy']:.1%} overall.

| SNR | clips | accuracy |
|---|---|---|
{snr}

| digit | accuracy (all SNRs) |
|---|---|
{dig}

By voice: {voice}.

ONNX parity with PyTorch ({meta['parity']['clips']} inputs): largest difference {meta['parity']['max_abs_diff']:.2g}.

Rebuild: `{meta['command']}`
"""


def export(cfg, command=""):
    model = load_trained(cfg)
    ev, tr, out = run_records(cfg, "python -m build_models.speech")
    write_onnx(model, out / "model.onnx", cfg)
    test = data.load_split(cfg, "test")
    listed = bundle(test, cfg, out)
    inputs = [features(read_wav(out / c["file"])[0], cfg) for c in listed]
    for snr in cfg.words("test_snrs"):
        inputs += list(batch_features(noisy_waves(test[::40], data.parse_snr(snr)), cfg))
    inputs.append(np.concatenate([inputs[0], inputs[1], inputs[2]]))   # a longer input than any clip
    par = parity(model, out / "model.onnx", inputs)
    if par["max_abs_diff"] > PARITY:
        raise ValueError(f"ONNX parity failed: largest difference {par['max_abs_diff']} (bound {PARITY})")
    meta = {
        "id": cfg.model_id, "kind": KIND,
        "created": datetime.date.today().isoformat(), "commit": commit(),
        "digits": data.DIGITS,
        "frontend": {**frontend_of(cfg), "log_floor": LOG_FLOOR, "window": "hann (periodic)", "mel": "htk, no normalisation",
                     "normalise": "peak", "clip_seconds": cfg.clip_seconds, "silence_rms": SILENCE_RMS},
        "architecture": {"cell": "lstm", "layers": cfg.layers, "hidden": cfg.hidden, "parameters": num_params(model),
                         # what the file stores; the model computes in fp32 either way (export.store_fp16)
                         "weights_dtype": cfg.weights_dtype, "weight_bytes_by_dtype": weights_dtypes(out / "model.onnx")},
        "io": {"inputs": {"frames": ["B", "T", cfg.n_mels]}, "outputs": {"probs": ["B", "T", 10]}, "answer": "last frame"},
        "evaluation": ev,
        "training": {"steps": tr["steps"], "batch_size": cfg.batch_size, "learning_rate": cfg.learning_rate,
                     "seconds": tr["seconds"], "curve": tr["curve"], "machine": tr["machine"],
                     "clips": cfg.train_repeats * len(cfg.words("train_voices")) * 10},
        "parity": par,
        "clips": listed,
        "command": (tr.get("command") or command).replace(" train ", " all ", 1),
        "files": {},
    }
    for f in ["model.onnx"] + [c["file"] for c in listed]:
        meta["files"][f] = {"bytes": (out / f).stat().st_size, "sha256": sha256_file(out / f)}
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    (out / "README.md").write_text(card(meta))
    print(f"exported {cfg.model_id} -> {out}: {meta['files']['model.onnx']['bytes']:,} B; parity {par['max_abs_diff']:.2g}")
    return meta
