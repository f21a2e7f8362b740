"""The visual question answerer pretrained/ ships (build_models/scenes, kind vqa): its file matches
meta.json and the budget, the Python onnxruntime runner (coursekit.vqa) reproduces the answers
recorded for a slice of test questions, and the card quotes the evaluation by type."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_models.corpora import sha256_file
from build_models.scenes import questions
from build_models.scenes.vqa_train import examples
from coursekit import vqa

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "pretrained" / "vqa-scenes"
MAX_BYTES = 12 * 1024 * 1024


@pytest.fixture(scope="module")
def meta():
    return json.loads((FOLDER / "meta.json").read_text())


def test_the_file_matches_meta_and_fits_the_budget(meta):
    f = meta["files"]["model.onnx"]
    assert (FOLDER / "model.onnx").stat().st_size == f["bytes"] <= MAX_BYTES
    assert sha256_file(FOLDER / "model.onnx") == f["sha256"]
    assert meta["question_vocabulary"] == questions.QVOCAB and meta["answers"] == questions.ANSWERS


def test_onnx_reproduces_the_recorded_slice_of_answers(meta):
    m = vqa.load(FOLDER)
    n = 40   # a part of the recorded slice, enough to catch another model or another runner
    scenes, qs = examples("test", 0, n)
    got = [m.answer_scene(s, q.words)["answer"] for s, q in zip(scenes, qs)]
    assert got == meta["slice"]["answers"][:n]


def test_parity_with_pytorch_was_checked(meta):
    assert max(meta["parity"]["max_abs_diff"].values()) <= 1e-4


def test_the_card_quotes_accuracy_and_prior_by_type(meta):
    card = (FOLDER / "README.md").read_text()
    ev = meta["evaluation"]
    for t in (*questions.TYPES, "all"):
        assert f"| {ev['test'][t]['accuracy']:.1%} | {ev['test'][t]['prior']:.1%} |" in card, t


def test_a_model_of_another_kind_is_refused():
    with pytest.raises(ValueError, match="not a visual question answerer"):
        vqa.load(ROOT / "pretrained" / "captioner-soft")
