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

from build_models.config import PRESETS, load_config, to_dict, training_keys
from build_models.corpora import read_manifest
from conftest import CORPORA, missing_shared
from coursekit import stepper

REPO = pathlib.Path(__file__).resolve().parents[1]
PRETRAINED = REPO / "pretrained"
GPU_RUNS = REPO.parent / "shared" / "gpu-runs"
# the character models (the translators, kind seq2seq-*, have their own tests: test_translate_shipped.py)
MODELS = sorted(p.parent.name for p in PRETRAINED.glob("*/meta.json") if json.loads(p.read_text())["kind"].startswith("char-"))
MB = 2**20


def meta_of(model_id):
    return json.loads((PRETRAINED / model_id / "meta.json").read_text())


def test_the_gpu_zoo_and_names_are_shipped():
    zoo = {"tinyshakespeare", "tinyshakespeare-2x128", "tinyshakespeare-2x256", "tinyshakespeare-2x480",
           "tinyshakespeare-gru", "tinyshakespeare-rnn", "warandpeace", "linux", "latex", "shakespeare"}
    assert set(MODELS) == zoo | {"names"}
    for model_id in zoo:
        assert "CPU" not in meta_of(model_id)["training"]["machine"]["device"], f"{model_id} is not the GPU model"


def test_pretrained_fits_the_size_budget():
    files = [f for f in PRETRAINED.rglob("*") if f.is_file()]
    assert all(f.stat().st_size <= 12 * MB for f in files), "a file over 12 MB"
    assert sum(f.stat().st_size for f in files) <= 120 * MB


ZOO_PRESETS = sorted(p.stem for p in PRESETS.glob("*.py") if load_config(p.stem).gpu_run)


def test_every_shipped_gpu_model_has_a_preset_naming_its_run():
    gpu = sorted(m for m in MODELS if meta_of(m)["training"].get("gpu_run"))
    assert gpu == ZOO_PRESETS
    for model_id in gpu:
        assert meta_of(model_id)["training"]["gpu_run"] == load_config(model_id).gpu_run


@pytest.mark.parametrize("preset", ZOO_PRESETS)
def test_a_zoo_preset_trains_what_its_shipped_model_was_trained_with(preset):
    ours = training_keys(to_dict(load_config(preset)))
    shipped = training_keys(meta_of(preset)["training"]["config"])  # recorded before `kind` existed: char-rnn
    assert {k: v for k, v in ours.items() if shipped.get(k) != v} == {}
    assert set(ours) == set(shipped)


@pytest.mark.parametrize("preset", ZOO_PRESETS)
def test_a_zoo_preset_equals_the_recorded_config_of_its_gpu_run(preset):
    cfg = load_config(preset)
    recorded = GPU_RUNS / cfg.gpu_run / "config.json"
    if not recorded.is_file():
        pytest.skip(f"the GPU runs are not on this machine ({GPU_RUNS})")
    theirs = training_keys(json.loads(recorded.read_text())["config"])
    assert training_keys(to_dict(cfg)) == theirs


def family_members(axis):
    fams = {}
    for model_id in MODELS:
        name = meta_of(model_id).get("families", {}).get(axis)
        if name:
            fams.setdefault(name, []).append(model_id)
    return fams


@pytest.mark.parametrize("axis, key", [("size", "n_hidden"), ("cell", "cell")])
def test_the_members_of_a_comparison_family_differ_only_in_its_one_key(axis, key):
    fams = family_members(axis)
    assert fams, f"no {axis} family is shipped"
    for name, members in fams.items():
        assert len(members) >= 2, f"{axis} family {name} has one member"
        configs = {m: meta_of(m)["training"]["config"] for m in members}
        first = configs[members[0]]
        for m, c in configs.items():
            assert {k: v for k, v in c.items() if k != key} == {k: v for k, v in first.items() if k != key}, m
        assert len({c[key] for c in configs.values()}) == len(members), f"two members of {name} share a {key}"


def test_the_cell_family_holds_an_lstm_a_gru_and_a_vanilla_rnn():
    (members,) = family_members("cell").values()
    assert sorted(meta_of(m)["architecture"]["cell"] for m in members) == ["gru", "lstm", "rnn"]


@pytest.mark.parametrize("model_id", MODELS)
def test_fp16_storage_keeps_every_weight_the_model_computes_with(model_id):
    """An fp16-stored file holds each weight once, as fp16 that a Cast turns back into fp32, or
    as fp32 where fp16 would change it; the graph computes in fp32 and gives the PyTorch logits."""
    meta = meta_of(model_id)
    model = onnx.load(str(PRETRAINED / model_id / "model.onnx"))
    inits = {i.name: i for i in model.graph.initializer}
    half = [n for n, i in inits.items() if i.data_type == onnx.TensorProto.FLOAT16]
    if meta["architecture"]["weights_dtype"] == "float32":
        assert half == []
        return
    cast_of = {n.input[0]: n for n in model.graph.node if n.op_type == "Cast"}
    for name in half:
        cast = cast_of[name]
        assert cast.attribute[0].i == onnx.TensorProto.FLOAT, name
        readers = [n for n in model.graph.node if name in n.input]
        assert readers == [cast], f"{name} is read other than through its Cast"
    fp16_bytes = sum(math.prod(inits[n].dims) * 2 for n in half)
    assert fp16_bytes == meta["architecture"]["weight_bytes_by_dtype"]["float16"]
    assert fp16_bytes > 0.7 * sum(meta["architecture"]["weight_bytes_by_dtype"].values()), "most weights fp16"
    assert all(o.type.tensor_type.elem_type == onnx.TensorProto.FLOAT for o in model.graph.output if o.name != "x")
    assert meta["parity"]["max_abs_logit_diff"] < 1e-4


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
    weights = (onnx.TensorProto.FLOAT, onnx.TensorProto.FLOAT16)  # not the exporter's int64 shape constants
    assert sum(math.prod(i.dims) for i in model.graph.initializer
               if math.prod(i.dims) > 1 and i.data_type in weights) == folded
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
        missing_shared("the corpora are not on this machine")
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
    z = stepper.load(PRETRAINED / model_id).run(text[:n], outputs=("logits",))["logits"].astype(np.float64)  # [n, V]
    logp = z - z.max(axis=1, keepdims=True)
    logp -= np.log(np.exp(logp).sum(axis=1, keepdims=True))
    got = -logp[np.arange(n), [stoi[ch] for ch in text[1:n + 1]]]
    np.testing.assert_allclose(got, dump["rnn_nats"][1:n + 1], atol=2e-3)


def test_the_benchmarks_fp32_copy_of_an_fp16_model_computes_the_same_logits(tmp_path):
    """make bench compares fp16 storage with an fp32 copy of the same model: a fair pair only if
    the copy is the same model, bigger on disk and nothing else."""
    from bench_onnx import fp32_copy
    model_id = min((m for m in MODELS if meta_of(m)["architecture"]["weights_dtype"] == "float16"),
                   key=lambda m: meta_of(m)["files"]["model.onnx"]["bytes"])
    copy = fp32_copy(PRETRAINED / model_id, tmp_path / "copy")
    f16, f32 = PRETRAINED / model_id / "model.onnx", copy / "model.onnx"
    assert not [i for i in onnx.load(str(f32)).graph.initializer if i.data_type == onnx.TensorProto.FLOAT16]
    assert f32.stat().st_size > 1.7 * f16.stat().st_size
    ids = [i % meta_of(model_id)["architecture"]["vocab_size"] for i in range(0, 700, 7)]
    a = stepper.load(PRETRAINED / model_id).run(ids, outputs=("logits",))["logits"]
    b = stepper.load(copy).run(ids, outputs=("logits",))["logits"]
    np.testing.assert_array_equal(a, b)
