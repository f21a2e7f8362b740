"""build_models.scenes end to end on a tiny run: train a few steps (soft, then hard from it),
evaluate, export two ONNX files whose outputs equal PyTorch's, and say clearly what is wrong with
a bad config or a missing soft run."""
from __future__ import annotations

import json

import pytest
import torch

from build_models import checkpoint
from build_models.export import weights_dtypes
from build_models.scenes import config as cfgmod
from build_models.scenes.__main__ import main
from build_models.scenes.train import load_trained

TINY = ["--steps=3", "--batch_size=8", "--val_scenes=8", "--eval_scenes=12", "--slice_scenes=4",
        "--channels=8", "--hidden=16", "--emb=8", "--att=8"]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    torch.set_num_threads(1)
    root = tmp_path_factory.mktemp("captioner")
    dirs = [f"--runs_dir={root / 'runs'}", f"--out_dir={root / 'out'}"]
    assert main(["all", "captioner-soft", "--model_id=tiny-soft", *TINY, *dirs]) == 0
    assert main(["all", "captioner-hard", "--model_id=tiny-hard", "--init_from=tiny-soft", *TINY, *dirs]) == 0
    return root


@pytest.mark.parametrize("model", ["tiny-soft", "tiny-hard"])
def test_a_tiny_run_exports_two_onnx_files_with_parity(tiny, model):
    meta = json.loads((tiny / "out" / model / "meta.json").read_text())
    assert meta["kind"] == "captioner"
    assert set(meta["files"]) == {"encoder.onnx", "decoder.onnx"}
    assert all((tiny / "out" / model / f).stat().st_size == v["bytes"] for f, v in meta["files"].items())
    assert max(meta["parity"]["max_abs_diff"].values()) <= 1e-4
    assert meta["slice"]["test"]["scenes"] == 4
    assert (tiny / "out" / model / "README.md").read_text().startswith(f"# {model}")


def test_a_tiny_run_stores_its_weights_as_fp16(tiny):
    meta = json.loads((tiny / "out" / "tiny-soft" / "meta.json").read_text())
    assert meta["architecture"]["weights_dtype"] == "float16"
    for f, v in meta["files"].items():
        assert weights_dtypes(tiny / "out" / "tiny-soft" / f) == v["weight_bytes_by_dtype"]
        assert v["weight_bytes_by_dtype"].get("float16", 0) > 0, f


def test_evaluate_and_export_read_the_weights_rounded_to_fp16(tiny):
    """The model that evaluate measures and export ships is the checkpoint rounded to fp16;
    weights_dtype float32 reads the checkpoint as it is."""
    over = ["--model_id=tiny-soft", f"--runs_dir={tiny / 'runs'}", *TINY]
    saved = checkpoint.load(tiny / "runs" / "tiny-soft" / "ckpt.pt")["model"]
    rounded = load_trained(cfgmod.load_config("captioner-soft", over)).state_dict()
    as_trained = load_trained(cfgmod.load_config("captioner-soft", over + ["--weights_dtype=float32"])).state_dict()
    for k, w in saved.items():
        assert torch.equal(rounded[k], w.half().float()) and torch.equal(as_trained[k], w), k
    assert any(not torch.equal(w, w.half().float()) for w in saved.values()), "a trained model is not already fp16"


def test_the_hard_run_starts_from_the_soft_weights_and_says_so(tiny):
    meta = json.loads((tiny / "out" / "tiny-hard" / "meta.json").read_text())
    assert meta["architecture"]["attention"] == "hard"
    assert meta["training"]["init_from"] == "tiny-soft"


def test_a_hard_run_without_its_soft_run_names_the_command(tmp_path):
    with pytest.raises(FileNotFoundError, match="train nowhere first"):
        main(["train", "captioner-hard", "--init_from=nowhere", f"--runs_dir={tmp_path}", *TINY])


def test_an_unknown_attention_is_refused():
    with pytest.raises(ValueError, match="attention must be one of soft, hard"):
        cfgmod.load_config("captioner-soft", ["--attention=fuzzy"])
