"""The training studio's hand-written ONNX writer (widgets/training-studio/onnx_export.py): its
bytes are a valid ONNX model, compute the trainer's step exactly as a NumPy reference does, load in
coursekit.stepper like a shipped model, and come with a meta.json the browser runtime accepts."""
import ast
import hashlib
import importlib.util
import json
import math
import pathlib
import sys
import time

import numpy as np
import onnx
import onnxruntime as ort
import pytest

from coursekit import stepper

ROOT = pathlib.Path(__file__).resolve().parents[1]
WRITER = ROOT / "widgets/training-studio/onnx_export.py"
GATES = {"lstm": 4, "gru": 3, "rnn": 1}
ROWS = {"lstm": ["i", "f", "g", "o"], "gru": ["r", "z", "n"], "rnn": ["h"]}
V, H, B = 7, 5, 3
VOCAB = list("abc de\n")


def load_writer():
    spec = importlib.util.spec_from_file_location("studio_onnx_export", WRITER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


ox = load_writer()


def config_of(cell, layers, hidden=H, vocab_size=V):
    return {"cell": cell, "layers": layers, "hidden": hidden, "vocab_size": vocab_size}


def random_params(config, seed=0):
    """The trainer's layout, with values large enough that the sigmoids and tanhs are not linear."""
    rng = np.random.default_rng(seed)
    GH, Hd, Vs = GATES[config["cell"]] * config["hidden"], config["hidden"], config["vocab_size"]
    p = {"Wy": rng.normal(0, 0.5, (Hd, Vs)), "by": rng.normal(0, 0.5, Vs)}
    for l in range(config["layers"]):
        p[f"Wx{l}"] = rng.normal(0, 0.5, (Vs if l == 0 else Hd, GH))
        p[f"Wh{l}"] = rng.normal(0, 0.5, (Hd, GH))
        p[f"bx{l}"] = rng.normal(0, 0.5, GH)
        p[f"bh{l}"] = rng.normal(0, 0.5, GH)
    return {k: v.astype(np.float32) for k, v in p.items()}


def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def reference_step(params, config, x, h, c):
    """The trainer's step in NumPy: x [B] int, h, c [L,B,H] -> logits [B,V], h', c' [L,B,H], gates [L,G,B,H]."""
    cell, Hd = config["cell"], config["hidden"]
    hs, cs, gates, inp = [], [], [], None
    for l in range(config["layers"]):
        xa = (params["Wx0"][x] if l == 0 else inp @ params[f"Wx{l}"]) + params[f"bx{l}"]  # [B, G*H]
        ha = h[l] @ params[f"Wh{l}"] + params[f"bh{l}"]  # [B, G*H]
        block = lambda a, k: a[:, k * Hd:(k + 1) * Hd]  # noqa: E731
        if cell == "lstm":
            a = xa + ha
            i, f, g, o = sigmoid(block(a, 0)), sigmoid(block(a, 1)), np.tanh(block(a, 2)), sigmoid(block(a, 3))
            cl = f * c[l] + i * g
            hl = o * np.tanh(cl)
            rows = [i, f, g, o]
        elif cell == "gru":
            r = sigmoid(block(xa, 0) + block(ha, 0))
            z = sigmoid(block(xa, 1) + block(ha, 1))
            n = np.tanh(block(xa, 2) + r * block(ha, 2))
            hl, cl = (1 - z) * n + z * h[l], c[l]
            rows = [r, z, n]
        else:
            hl, cl = np.tanh(xa + ha), c[l]
            rows = [hl]
        hs.append(hl); cs.append(cl); gates.append(np.stack(rows))
        inp = hl
    logits = inp @ params["Wy"] + params["by"]
    return logits, np.stack(hs), np.stack(cs), np.stack(gates)


def session(model_bytes):
    return ort.InferenceSession(model_bytes, providers=["CPUExecutionProvider"])


def write_folder(folder, cell, layers, params, loss=1.5):
    config = config_of(cell, layers)
    model = ox.export_step_model(params, config, VOCAB)
    meta = ox.meta_for(params, config, VOCAB, model_id="my-model", name="My model",
                       corpus_summary={"name": "toy", "characters": 1234}, validation_loss_nats=loss,
                       training={"description": "trained in the browser", "iterations": 10},
                       date="2026-01-01T00:00:00Z")
    (folder / "model.onnx").write_bytes(model)
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return model, meta


CASES = [(cell, layers) for cell in ("lstm", "gru", "rnn") for layers in (1, 2)]


@pytest.mark.parametrize("cell,layers", CASES)
def test_the_bytes_are_a_valid_onnx_model(cell, layers):
    config = config_of(cell, layers)
    proto = onnx.load_from_string(ox.export_step_model(random_params(config), config, VOCAB))
    onnx.checker.check_model(proto, full_check=True)
    assert [i.name for i in proto.graph.input] == ["x", "h", "c"]
    assert [o.name for o in proto.graph.output] == ["logits", "h_out", "c_out", "gates"]


@pytest.mark.parametrize("cell,layers", CASES)
def test_onnxruntime_steps_like_the_numpy_reference_with_its_state_fed_back(cell, layers):
    config = config_of(cell, layers)
    params = random_params(config, seed=layers)
    sess = session(ox.export_step_model(params, config, VOCAB))
    rng = np.random.default_rng(1)
    h = rng.normal(0, 0.5, (layers, B, H)).astype(np.float32)
    c = rng.normal(0, 0.5, (layers, B, H)).astype(np.float32)
    rh, rc = h, c
    for _ in range(5):
        x = rng.integers(0, V, B).astype(np.int64)
        logits, h, c, gates = sess.run(None, {"x": x, "h": h, "c": c})
        want = reference_step(params, config, x, rh, rc)
        rh, rc = want[1], want[2]
        assert gates.shape == (layers, GATES[cell], B, H)
        for got, ref in zip((logits, h, c, gates), want):
            np.testing.assert_allclose(got, ref, atol=1e-5, rtol=0)


@pytest.mark.parametrize("cell,layers", CASES)
def test_a_folder_with_the_model_and_its_meta_runs_in_coursekit_stepper(tmp_path, cell, layers):
    config = config_of(cell, layers)
    params = random_params(config, seed=7)
    write_folder(tmp_path, cell, layers, params)
    text = "abc de\nbad"
    got = stepper.load(tmp_path).run(text)
    h = c = np.zeros((layers, 1, H), np.float32)
    for t, ch in enumerate(text):
        logits, h, c, gates = reference_step(params, config, np.array([VOCAB.index(ch)]), h, c)
        np.testing.assert_allclose(got["logits"][t], logits[0], atol=1e-5, rtol=0)
        np.testing.assert_allclose(got["h"][t], h[:, 0], atol=1e-5, rtol=0)
        np.testing.assert_allclose(got["c"][t], c[:, 0], atol=1e-5, rtol=0)
        np.testing.assert_allclose(got["gates"][t], gates[:, :, 0], atol=1e-5, rtol=0)


def parse_meta_like_the_runtime(meta):
    """widgets/runtime/onnx/meta.ts parseMeta (lines 121-165, with its helpers specs 72-81, readVocab
    95-102, expectedBytes 108-113) and the kind dispatch (kinds/index.ts moduleFor line 42, kinds/char-step.ts
    KINDS line 15), in Python: no Python twin of them exists in tests/ or coursekit/.
    Returns (layers, hidden, gate count)."""
    io = meta["io"]
    for which in ("inputs", "outputs"):  # specs(): a dtype and a shape of positive sizes or names
        for spec in io[which].values():
            assert isinstance(spec["dtype"], str)
            assert all(isinstance(d, str) or (isinstance(d, int) and d > 0) for d in spec["shape"])
    assert set(io["inputs"]) >= {"x", "h", "c"} and set(io["outputs"]) >= {"logits", "h_out", "c_out", "gates"}
    vocab = meta["vocabulary"]  # readVocab(): non-empty, one character each, no repeats
    assert vocab and all(isinstance(ch, str) and len(ch) == 1 for ch in vocab) and len(set(vocab)) == len(vocab)
    L, _, Hd = io["inputs"]["h"]["shape"]
    assert isinstance(L, int) and isinstance(Hd, int)
    assert io["outputs"]["logits"]["shape"][1] == len(vocab)
    gL, G, _, gH = io["outputs"]["gates"]["shape"]
    assert (gL, gH) == (L, Hd) and isinstance(G, int)
    for spec in (io["inputs"]["c"], io["outputs"]["h_out"], io["outputs"]["c_out"]):
        assert len(spec["shape"]) == 3 and spec["shape"][0] == L and spec["shape"][2] == Hd
    assert len(io["outputs"]["gates"]["rows"]) == G  # else the runtime falls back to default names
    assert meta["kind"] in ("char-lstm-step", "char-gru-step", "char-rnn-step")  # kinds/char-step.ts KINDS
    assert isinstance(meta["files"]["model.onnx"]["bytes"], int)  # expectedBytes()
    return L, Hd, G


def check_session_like_the_runtime(meta, sess):
    """meta.ts checkSession (lines 178-197): the same names, and fixed dimensions agree."""
    specs = {**meta["io"]["inputs"], **meta["io"]["outputs"]}
    assert sorted(i.name for i in sess.get_inputs()) == sorted(meta["io"]["inputs"])
    assert sorted(o.name for o in sess.get_outputs()) == sorted(meta["io"]["outputs"])
    for v in [*sess.get_inputs(), *sess.get_outputs()]:
        want = specs[v.name]["shape"]
        assert len(v.shape) == len(want)
        assert all(d == w for d, w in zip(v.shape, want) if isinstance(d, int) and isinstance(w, int))


@pytest.mark.parametrize("cell,layers", CASES)
def test_meta_json_passes_the_browser_runtimes_checks(tmp_path, cell, layers):
    model, meta = write_folder(tmp_path, cell, layers, random_params(config_of(cell, layers)))
    assert parse_meta_like_the_runtime(meta) == (layers, H, GATES[cell])
    check_session_like_the_runtime(meta, session(model))
    assert meta["io"]["outputs"]["gates"]["rows"] == ROWS[cell]
    assert meta["io"]["c_used"] == (cell == "lstm")
    assert meta["kind"] == f"char-{cell}-step"


def test_meta_json_describes_the_file_and_the_training_honestly(tmp_path):
    config = config_of("lstm", 2)
    model, meta = write_folder(tmp_path, "lstm", 2, random_params(config), loss=1.5)
    assert meta["files"]["model.onnx"] == {"bytes": len(model), "sha256": hashlib.sha256(model).hexdigest()}
    assert meta["validation"] == {"loss_nats": 1.5, "bits_per_char": round(1.5 / math.log(2), 4)}
    arch = meta["architecture"]
    proto = onnx.load_from_string(model)
    floats = sum(int(np.prod(t.dims)) for t in proto.graph.initializer if t.data_type == onnx.TensorProto.FLOAT)
    assert arch["parameters"] == floats == sum(p.size for p in random_params(config).values())
    assert arch["dtype"] == arch["weights_dtype"] == "float32"
    assert arch["weight_bytes_by_dtype"]["float32"] == 4 * floats
    assert meta["training"] == {"description": "trained in the browser", "iterations": 10}
    assert meta["corpus"] == {"name": "toy", "characters": 1234}
    assert (meta["id"], meta["name"]) == ("my-model", "My model")


def test_a_parameter_of_the_wrong_shape_is_named():
    config = config_of("gru", 2)
    params = random_params(config)
    params["Wh1"] = params["Wh1"][:, :-1]
    with pytest.raises(ValueError, match="Wh1"):
        ox.export_step_model(params, config, VOCAB)


def test_the_writer_imports_only_numpy_and_the_standard_library():
    tree = ast.parse(WRITER.read_text(encoding="utf-8"))
    roots = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    roots |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level == 0}
    assert roots - {"numpy"} <= set(sys.stdlib_module_names), roots
    assert "numpy" in roots


def test_a_2x256_lstm_over_200_characters_serialises_quickly():
    config = config_of("lstm", 2, hidden=256, vocab_size=200)
    params = random_params(config)
    vocab = [chr(0x100 + i) for i in range(200)]
    start = time.perf_counter()
    model = ox.export_step_model(params, config, vocab)
    seconds = time.perf_counter() - start
    print(f"\n2x256 LSTM, V=200: {len(model):,} bytes in {seconds * 1000:.0f} ms")
    assert len(model) > 4 * sum(p.size for p in params.values())
