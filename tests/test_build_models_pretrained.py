"""Every model shipped in pretrained/ matches its meta.json, fits the budgets, and its ONNX
step model reproduces the PyTorch per-character losses recorded at export (losses.json)."""
import hashlib
import json
import math
import pathlib

import numpy as np
import onnx
import onnxruntime as ort
import pytest

from bench_onnx import ort_session, python_run
from build_models.corpora import read_manifest

REPO = pathlib.Path(__file__).resolve().parents[1]
PRETRAINED = REPO / "pretrained"
CORPORA = REPO.parent / "shared" / "corpora"
MODELS = sorted(p.parent.name for p in PRETRAINED.glob("*/meta.json"))
MB = 2**20


def meta_of(model_id):
    return json.loads((PRETRAINED / model_id / "meta.json").read_text())


def test_the_first_real_models_are_shipped():
    assert {"names", "tinyshakespeare"} <= set(MODELS)


def test_pretrained_fits_the_size_budget():
    files = [f for f in PRETRAINED.rglob("*") if f.is_file()]
    assert all(f.stat().st_size <= 12 * MB for f in files), "a file over 12 MB"
    assert sum(f.stat().st_size for f in files) <= 80 * MB


def test_a_size_variant_belongs_to_a_main_model_of_the_same_corpus_and_differs_only_in_size():
    for model_id in MODELS:
        meta = meta_of(model_id)
        if "variant_of" not in meta:
            continue
        main = meta_of(meta["variant_of"])
        assert "variant_of" not in main, f"{model_id}: its family's main model is itself a variant"
        assert main["corpus"] == meta["corpus"], f"{model_id}: another corpus than {meta['variant_of']}"
        same = ("cell", "layers")
        assert [main["architecture"][k] for k in same] == [meta["architecture"][k] for k in same], model_id
        assert main["architecture"]["hidden"] != meta["architecture"]["hidden"], model_id
        assert main["training"]["iterations"] == meta["training"]["iterations"], model_id


@pytest.mark.parametrize("model_id", MODELS)
def test_files_match_their_sizes_and_sha256(model_id):
    meta, folder = meta_of(model_id), PRETRAINED / model_id
    listed = set(meta["files"]) | {"meta.json", "README.md"}
    present = {str(f.relative_to(folder)) for f in folder.rglob("*") if f.is_file()}
    assert present == listed
    for name, rec in meta["files"].items():
        data = (folder / name).read_bytes()
        assert len(data) == rec["bytes"] and hashlib.sha256(data).hexdigest() == rec["sha256"], name


@pytest.mark.parametrize("model_id", MODELS)
def test_onnx_shapes_vocabulary_and_parameters_match_meta(model_id):
    meta = meta_of(model_id)
    a, io = meta["architecture"], meta["io"]
    assert meta["id"] == model_id and len(meta["vocabulary"]) == a["vocab_size"] == len(set(meta["vocabulary"]))
    model = onnx.load(str(PRETRAINED / model_id / "model.onnx"))
    # The step model folds the embedding [V,H], layer 0's w_ih [G*H,H] and b_ih [G*H] into one
    # lookup table [V,G*H] (model.StepCell); every other trained parameter is stored as it is.
    V, H, G = a["vocab_size"], a["hidden"], len(io["outputs"]["gates"]["rows"])
    folded = a["parameters"] - V * H - G * H * H - G * H + V * G * H
    assert sum(math.prod(i.dims) for i in model.graph.initializer if math.prod(i.dims) > 1) == folded
    sess = ort.InferenceSession(str(PRETRAINED / model_id / "model.onnx"))
    for got, spec in [(sess.get_inputs(), io["inputs"]), (sess.get_outputs(), io["outputs"])]:
        assert [t.name for t in got] == list(spec)
        for t in got:
            want = [d if isinstance(d, int) else None for d in spec[t.name]["shape"]]
            assert [d if isinstance(d, int) else None for d in t.shape] == want, t.name
    assert meta["validation"]["bits_per_char"] == pytest.approx(meta["validation"]["loss_nats"] / math.log(2), abs=1e-3)
    assert meta["parity"]["max_abs_logit_diff"] < 1e-4


@pytest.mark.parametrize("model_id", MODELS)
def test_vocabulary_and_corpus_match_the_manifest(model_id):
    # CI and maintainers have ../shared/corpora beside the checkout; a bare clone elsewhere does not.
    if not (CORPORA / "MANIFEST.md").is_file():
        pytest.skip(f"the corpora are not on this machine ({CORPORA})")
    meta = meta_of(model_id)
    rows = read_manifest(CORPORA)
    assert meta["corpus"]["sha256"] == rows[meta["corpus"]["name"]]["sha256"]
    text = (CORPORA / meta["corpus"]["file"]).read_text()
    assert meta["vocabulary"] == sorted(set(text))
    assert meta["corpus"]["split"]["test"][1] == len(text)


@pytest.mark.parametrize("model_id", MODELS)
def test_onnx_reproduces_the_pytorch_losses_on_the_test_passage(model_id):
    meta = meta_of(model_id)
    dump = json.loads((PRETRAINED / model_id / "losses.json").read_text())
    stoi = {ch: i for i, ch in enumerate(meta["vocabulary"])}
    text, n = dump["text"], 300
    sess = ort_session(PRETRAINED / model_id / "model.onnx")
    z = python_run(sess, [stoi[ch] for ch in text[:n]])["logits"].astype(np.float64)  # [n, V]
    logp = z - z.max(axis=1, keepdims=True)
    logp -= np.log(np.exp(logp).sum(axis=1, keepdims=True))
    got = -logp[np.arange(n), [stoi[ch] for ch in text[1:n + 1]]]
    np.testing.assert_allclose(got, dump["rnn_nats"][1:n + 1], atol=2e-3)
