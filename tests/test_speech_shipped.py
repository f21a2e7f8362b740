"""The shipped spoken-digit recogniser (pretrained/spoken-digits): its files match meta.json, it
reproduces its recorded accuracy on a slice of the held-out clips in onnxruntime, and the page's
figures are what build_models.speech's page step makes of meta.json."""
import json
import re
import shutil
from pathlib import Path

import numpy as np
import onnxruntime as ort
import pytest

from build_models.corpora import sha256_file
from build_models.export import weights_dtypes
from build_models.speech import data, page
from build_models.speech.config import load_config
from build_models.speech.evaluate import noisy_waves
from build_models.speech.features import batch_features
from tests.conftest import missing

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "pretrained" / "spoken-digits"
PAGE = ROOT / "docs" / "modules" / "06-beyond-text" / "speech.md"


@pytest.fixture(scope="module")
def meta():
    return json.loads((MODEL / "meta.json").read_text())


def test_every_file_matches_its_size_and_sha256(meta):
    assert "model.onnx" in meta["files"] and len(meta["clips"]) == len(meta["files"]) - 1
    for f, rec in meta["files"].items():
        assert (MODEL / f).stat().st_size == rec["bytes"] and sha256_file(MODEL / f) == rec["sha256"]
    assert meta["files"]["model.onnx"]["bytes"] < 12 * 2 ** 20
    assert sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file()) < 2 * 2 ** 20


def test_the_model_stores_most_weights_as_fp16(meta):
    """Shipped as the preset says (weights_dtype float16): the rounded weights stored as fp16."""
    assert meta["architecture"]["weights_dtype"] == load_config("spoken-digits").weights_dtype == "float16"
    stored = weights_dtypes(MODEL / "model.onnx")
    assert stored == meta["architecture"]["weight_bytes_by_dtype"]
    assert stored["float16"] > 0.7 * sum(stored.values())


def test_the_bundled_clips_are_held_out_voices_one_per_digit(meta):
    cfg = load_config("spoken-digits")
    voices = {c["voice"] for c in meta["clips"]}
    assert voices <= set(meta["evaluation"]["voices"]) and not voices & set(cfg.words("train_voices"))
    for v in voices:
        assert sorted(c["digit"] for c in meta["clips"] if c["voice"] == v) == list(range(10))


def test_the_model_reproduces_its_accuracy_on_the_first_test_voice(meta):
    """The first test voice's clips, made again by the generator, scored in onnxruntime at every SNR,
    give the accuracy evaluation.json recorded for that voice (PyTorch then; a near tie may flip)."""
    if not shutil.which("espeak-ng"):
        missing("espeak-ng is not installed (make chromium installs it)")
    cfg = load_config("spoken-digits")
    voice = meta["evaluation"]["voices"][0]
    clips = data.split_clips(cfg, "test", voices=[voice])
    sess = ort.InferenceSession(str(MODEL / "model.onnx"), providers=["CPUExecutionProvider"])
    right = 0
    for snr in meta["evaluation"]["snrs"]:
        probs = sess.run(None, {"frames": batch_features(noisy_waves(clips, data.parse_snr(snr)), cfg)})[0]   # [N,T,10]
        right += int((probs[:, -1].argmax(-1) == np.array([c.digit for c in clips])).sum())
    n = len(clips) * len(meta["evaluation"]["snrs"])
    recorded = next(r["accuracy"] for r in meta["evaluation"]["by_voice"] if r["voice"] == voice)
    assert abs(right / n - recorded) <= 1 / n + 1e-9


def test_the_accuracy_by_snr_adds_up_to_the_overall_and_the_confusion(meta):
    ev = meta["evaluation"]
    assert abs(np.mean([r["accuracy"] for r in ev["by_snr"]]) - ev["accuracy"]) < 1e-3
    total = np.array(ev["confusion"]["total"])
    assert total.sum() == ev["clips"] * len(ev["snrs"]) and abs(np.trace(total) / total.sum() - ev["accuracy"]) < 1e-3


def test_the_generated_page_figures_are_current(meta):
    for name, text in page.render(meta).items():
        assert (page.GENERATED / name).read_text() == text, f"{name} is stale: python -m build_models.speech page spoken-digits"


def test_the_page_includes_the_figures_and_states_the_front_end_it_uses(meta):
    text = PAGE.read_text()
    for name in page.render(meta):
        assert f'--8<-- "docs/includes/generated/{name}"' in text
    fe, cfg = meta["frontend"], load_config("spoken-digits")
    frames = 1 + (int(fe["sample_rate"] * fe["clip_seconds"]) - fe["n_fft"]) // fe["hop"]
    ms = lambda n: f"{1000 * n / fe['sample_rate']:.0f} ms"
    for said in (f"{fe['sample_rate']:,} samples per second", f"{fe['n_fft']} samples ({ms(fe['n_fft'])})",
                 f"{fe['hop']} samples ({ms(fe['hop'])})", f"{frames} frames", f"{fe['n_mels']} bands",
                 f"{['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'][len(cfg.words('accents'))]} English accents"):
        assert said in " ".join(text.split()), said
    assert re.search(r"```widget\nname: speech-digits\n```", text)
