"""build_models.scenes.vqa end to end on a tiny run: train a few steps, evaluate by question type
beside the prior, export an ONNX file whose outputs equal PyTorch's (weights scaled up so the
comparison means something), and refuse a bad config key."""
from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from build_models.scenes import questions
from build_models.scenes.vqa import main
from build_models.scenes.vqa_config import load_config
from build_models.scenes.vqa_export import VqaFile, write_onnx
from build_models.scenes.vqa_train import build, examples, tensors

TINY = ["--steps=3", "--batch_size=8", "--val_questions=8", "--eval_questions=24", "--slice_questions=6",
        "--prior_questions=60", "--channels=8", "--hidden=16", "--emb=8", "--att=8", "--fuse=16"]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    torch.set_num_threads(1)
    root = tmp_path_factory.mktemp("vqa")
    assert main(["all", "vqa-scenes", "--model_id=tiny", *TINY, f"--runs_dir={root / 'runs'}", f"--out_dir={root / 'out'}"]) == 0
    return root


def test_a_tiny_run_exports_one_onnx_file_with_its_card(tiny):
    meta = json.loads((tiny / "out" / "tiny" / "meta.json").read_text())
    assert meta["kind"] == "vqa" and set(meta["files"]) == {"model.onnx"}
    assert (tiny / "out" / "tiny" / "model.onnx").stat().st_size == meta["files"]["model.onnx"]["bytes"]
    assert meta["slice"]["questions"] == 6 and len(meta["slice"]["answers"]) == 6
    assert (tiny / "out" / "tiny" / "README.md").read_text().startswith("# tiny")


def test_the_evaluation_reports_every_type_beside_its_prior(tiny):
    ev = json.loads((tiny / "runs" / "tiny" / "evaluation.json").read_text())
    for split in ("test", "novel"):
        assert set(ev[split]) == {*questions.TYPES, "all"}
        assert sum(ev[split][t]["questions"] for t in questions.TYPES) == ev[split]["all"]["questions"] == 24
        assert all(0 <= ev[split][t]["prior"] <= 1 for t in questions.TYPES)


def test_onnx_equals_pytorch_with_large_weights(tiny, tmp_path):
    from coursekit.vqa import Answerer
    torch.manual_seed(0)
    cfg = load_config("vqa-scenes", TINY[6:])
    model = build(cfg).eval()
    with torch.no_grad():   # default weights give near-uniform outputs; scaled ones make parity mean something
        for p in model.parameters():
            p.mul_(3.0)
    write_onnx(model, tmp_path)
    meta = json.loads((tiny / "out" / "tiny" / "meta.json").read_text())
    (tmp_path / "meta.json").write_text(json.dumps(meta))
    m = Answerer(tmp_path)
    scenes, qs = examples("test", 0, 6)
    worst = 0.0
    for s, q in zip(scenes, qs):
        img, ques, length, _ = tensors([s], [q])
        logits, _, alpha = VqaFile(model)(img, ques, length)
        got = m.run(img.numpy(), list(q.words))
        assert np.abs(logits[0].detach().numpy()).max() > 1          # not a near-uniform output
        worst = max(worst, float(np.abs(got["logits"] - logits[0].detach().numpy()).max()),
                    float(np.abs(got["alpha"] - alpha[0].detach().numpy()).max()))
    assert worst <= 1e-4


def test_an_unknown_config_key_is_refused():
    with pytest.raises(KeyError, match="unknown vqa config key"):
        load_config("vqa-scenes", ["--hiden=3"])
