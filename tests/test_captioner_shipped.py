"""The captioners pretrained/ ships (build_models/scenes): their files match meta.json and the
budgets, the Python onnxruntime loop (coursekit.captioner) reproduces the metrics recorded for a
slice of held-out scenes, and the card quotes the evaluation."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_models.corpora import sha256_file
from build_models.export import weights_dtypes
from build_models.scenes import data, metrics
from coursekit import captioner

ROOT = Path(__file__).resolve().parent.parent
MODELS = captioner.shipped(ROOT / "pretrained")
MAX_BYTES = 12 * 1024 * 1024


def test_both_captioners_are_shipped():
    assert {json.loads((p / "meta.json").read_text())["architecture"]["attention"] for p in MODELS} == {"soft", "hard"}


@pytest.mark.parametrize("folder", MODELS, ids=lambda p: p.name)
def test_files_match_meta_and_fit_the_budget(folder):
    meta = json.loads((folder / "meta.json").read_text())
    for f, v in meta["files"].items():
        assert (folder / f).stat().st_size == v["bytes"] <= MAX_BYTES
        assert sha256_file(folder / f) == v["sha256"]
    assert meta["vocabulary"] == data.VOCAB


@pytest.mark.parametrize("folder", MODELS, ids=lambda p: p.name)
def test_the_files_store_most_weights_as_fp16(folder):
    """Shipped as the preset says (weights_dtype float16): the rounded weights stored as fp16."""
    meta = json.loads((folder / "meta.json").read_text())
    assert meta["architecture"]["weights_dtype"] == "float16"
    for f, v in meta["files"].items():
        stored = weights_dtypes(folder / f)
        assert stored == v["weight_bytes_by_dtype"]
        assert stored["float16"] > 0.7 * sum(stored.values()), f


@pytest.mark.parametrize("folder", MODELS, ids=lambda p: p.name)
def test_onnx_loop_reproduces_the_recorded_slice_metrics(folder):
    cap = captioner.load(folder)
    want = cap.meta["slice"]
    for split in ("test", "novel"):
        scenes = [data.make_scene(split, i) for i in range(want["scenes"])]
        got = metrics.summarise([data.caption(s) for s in scenes], [cap.caption_scene(s, want["mode"])["words"] for s in scenes])
        assert got == want[split], split


@pytest.mark.parametrize("folder", MODELS, ids=lambda p: p.name)
def test_the_card_quotes_the_evaluation(folder):
    meta = json.loads((folder / "meta.json").read_text())
    card = (folder / "README.md").read_text()
    for split in ("test", "novel"):
        assert f"| {meta['evaluation'][split]['bleu']:.1f} | {meta['evaluation'][split]['exact']:.1%} |" in card


def test_a_model_of_another_kind_is_refused():
    with pytest.raises(ValueError, match="not a captioner"):
        captioner.load(ROOT / "pretrained" / "stress-lstm")
