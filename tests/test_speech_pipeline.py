"""build_models/speech end to end on a tiny run: prepare → train a few steps → evaluate → export,
with the ONNX file's contract (frames [1,T,F] → probs [1,T,10], any T) and its parity with PyTorch."""
import dataclasses
import json
import shutil

import numpy as np
import onnxruntime as ort
import pytest
import torch

from build_models import checkpoint
from build_models.export import weights_dtypes
from build_models.speech import data
from build_models.speech.__main__ import main
from build_models.speech.config import load_config
from build_models.speech.export import File, read_wav
from build_models.speech.features import features
from build_models.speech.train import load_trained
from tests.conftest import missing

TINY = ["--train_voices=m1,f1", "--val_voices=m8", "--test_voices=m4,f2", "--bundle_voices=m4", "--train_repeats=1",
        "--test_repeats=1", "--hidden=8", "--steps=6", "--batch_size=8", "--test_snrs=clean,5"]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    if not shutil.which("espeak-ng"):
        missing("espeak-ng is not installed (make chromium installs it)")
    tmp = tmp_path_factory.mktemp("speech")
    args = TINY + [f"--runs_dir={tmp / 'runs'}", f"--out_dir={tmp / 'out'}", "--model_id=tiny"]
    for step in ("prepare", "train", "evaluate", "export"):
        assert main([step, "spoken-digits", *args]) == 0
    return load_config("spoken-digits", args), tmp / "out" / "tiny"


def test_the_tiny_run_writes_the_model_its_clips_and_meta(run):
    cfg, out = run
    meta = json.loads((out / "meta.json").read_text())
    assert meta["kind"] == "speech-frames" and meta["digits"] == data.DIGITS
    assert {c["voice"] for c in meta["clips"]} == {"m4"} and len(meta["clips"]) == 10
    for f, rec in meta["files"].items():
        assert (out / f).stat().st_size == rec["bytes"]
    assert meta["evaluation"]["voices"] == ["m4", "f2"] and [r["snr"] for r in meta["evaluation"]["by_snr"]] == ["clean", "5"]
    assert (out / "README.md").read_text().startswith("# tiny")


def test_the_tiny_run_stores_its_weights_as_fp16(run):
    cfg, out = run
    meta = json.loads((out / "meta.json").read_text())
    assert meta["architecture"]["weights_dtype"] == "float16"
    stored = weights_dtypes(out / "model.onnx")
    assert stored == meta["architecture"]["weight_bytes_by_dtype"] and stored.get("float16", 0) > 0


def test_evaluate_and_export_read_the_weights_rounded_to_fp16(run):
    """The model that evaluate measures and export ships is the checkpoint rounded to fp16;
    weights_dtype float32 reads the checkpoint as it is."""
    cfg, _ = run
    saved = checkpoint.load(cfg.run_dir / "ckpt.pt")["model"]
    rounded = load_trained(cfg).state_dict()
    as_trained = load_trained(dataclasses.replace(cfg, weights_dtype="float32")).state_dict()
    for k, w in saved.items():
        assert torch.equal(rounded[k], w.half().float()) and torch.equal(as_trained[k], w), k
    assert any(not torch.equal(w, w.half().float()) for w in saved.values()), "a trained model is not already fp16"


def test_the_onnx_model_reads_any_number_of_frames(run):
    cfg, out = run
    sess = ort.InferenceSession(str(out / "model.onnx"), providers=["CPUExecutionProvider"])
    for T in (1, 61, 200):
        probs = sess.run(None, {"frames": np.random.default_rng(T).normal(size=(1, T, cfg.n_mels)).astype(np.float32)})[0]
        assert probs.shape == (1, T, 10) and np.allclose(probs.sum(-1), 1, atol=1e-5)


def test_onnx_matches_pytorch_with_weights_scaled_up(run, tmp_path):
    """Default-initialised weights give nearly uniform outputs; scaled up, parity means something."""
    cfg, out = run
    model = load_trained(cfg)
    with torch.no_grad():
        for p in model.lstm.parameters():
            p.mul_(4)
        model.head.weight.mul_(8)
    from build_models.speech.export import write_onnx
    write_onnx(model, tmp_path / "m.onnx", cfg)
    sess = ort.InferenceSession(str(tmp_path / "m.onnx"), providers=["CPUExecutionProvider"])
    wave = read_wav(out / "clips" / "seven-m4.wav")[0]
    x = features(wave, cfg)[None]
    ref = File(model)(torch.from_numpy(x)).detach().numpy()
    got = sess.run(None, {"frames": x})[0]
    assert ref.max() > 0.5                  # not a flat distribution
    assert np.abs(got - ref).max() < 1e-4


def test_a_bundled_clip_is_the_test_clip_it_names(run):
    cfg, out = run
    meta = json.loads((out / "meta.json").read_text())
    c = meta["clips"][7]
    wave, rate = read_wav(out / c["file"])
    test = [x for x in data.load_split(cfg, "test") if x.voice == c["voice"] and x.digit == c["digit"]][0]
    assert rate == cfg.sample_rate and c["word"] == data.DIGITS[c["digit"]]
    scaled = test.wave / np.abs(test.wave).max() * 0.8
    assert np.abs(wave - scaled).max() < 2 / 32768   # 16-bit rounding


def test_training_resumes_and_refuses_other_settings(run):
    cfg, out = run
    from build_models.checkpoint import CheckpointError
    from build_models.speech.train import train
    other = load_config("spoken-digits", TINY + [f"--runs_dir={cfg.runs_dir}", "--model_id=tiny", "--hidden=9"])
    with pytest.raises(CheckpointError, match="hidden"):
        train(other, log=lambda *_: None)
