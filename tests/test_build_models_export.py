"""The ONNX step-model contract of build_models.export (DESIGN "Models in pretrained/")."""
import pathlib

import numpy as np
import onnx
import onnxruntime as ort
import pytest
import torch

from build_models.export import export_step_model, parity
from build_models.model import CharRNN, GATE_NAMES, StepCell

V, L, H = 30, 2, 24


def scaled_model(cell, scale=4.0):
    """Random weights scaled up so logits reach ~±10-20: default init gives tiny logits and a weak test."""
    torch.manual_seed(0)
    m = CharRNN(V, L, H, cell)
    with torch.no_grad():
        for p in m.parameters():
            p.mul_(scale)
        m.head.weight.mul_(4.0)  # |h| <= 1, so the decoder alone sets the logits' range
    return m.eval()


@pytest.fixture(scope="module", params=["lstm", "gru", "rnn"])
def exported(request, tmp_path_factory):
    m = scaled_model(request.param)
    path = tmp_path_factory.mktemp("onnx") / f"{request.param}.onnx"
    export_step_model(m, path)
    return m, path


def test_step_model_is_one_fp32_file_with_named_inputs_and_outputs(exported):
    m, path = exported
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no external .data file
    model = onnx.load(str(path))
    assert not any(init.data_location == onnx.TensorProto.EXTERNAL for init in model.graph.initializer)
    assert {init.data_type for init in model.graph.initializer if len(init.dims) > 1} == {onnx.TensorProto.FLOAT}
    sess = ort.InferenceSession(str(path))
    assert [i.name for i in sess.get_inputs()] == ["x", "h", "c"]
    assert [o.name for o in sess.get_outputs()] == ["logits", "h_out", "c_out", "gates"]


def test_embedding_is_folded_into_layer_0_input_weights(exported):
    """Layer 0's input is one token id: the file holds embed @ w_ih[0].t() + b_ih[0] as one [V, G*H]
    table (rounded once from float64), not the embedding and the layer-0 input matrix."""
    m, path = exported
    G = len(GATE_NAMES[m.cell])
    f64 = lambda t: t.detach().double()
    want = (f64(m.embed.weight) @ f64(m.rnn.weight_ih_l0).t() + f64(m.rnn.bias_ih_l0)).float()
    assert torch.equal(StepCell(m).in_table, want)
    shapes = [tuple(i.dims) for i in onnx.load(str(path)).graph.initializer]
    assert shapes.count((V, G * H)) == 1  # the table; for rnn (G = 1) it has the embedding's shape
    if G > 1:
        assert (V, H) not in shapes  # no separate embedding
    # 2L-1 matrices [H, G*H]: w_hh of every layer, w_ih of layers 1..L-1 (stored transposed or not)
    assert sum(s in ((H, G * H), (G * H, H)) for s in shapes) == 2 * L - 1


@pytest.mark.parametrize("batch", [1, 3])
def test_batch_dimension_is_dynamic(exported, batch):
    m, path = exported
    sess = ort.InferenceSession(str(path))
    z = np.zeros((L, batch, H), np.float32)
    logits, h, c, g = sess.run(None, {"x": np.arange(batch, dtype=np.int64), "h": z, "c": z})
    assert logits.shape == (batch, V) and h.shape == c.shape == (L, batch, H)
    assert g.shape == (L, len(GATE_NAMES[m.cell]), batch, H)


def test_onnx_matches_pytorch_on_a_text(exported):
    m, path = exported
    tokens = torch.randint(V, (400,), generator=torch.Generator().manual_seed(1))
    res = parity(m, path, tokens, batch=4)
    logits, _, _ = m(tokens.view(1, -1))
    assert logits.abs().max() > 5  # the test is only meaningful with large logits
    assert res["max_abs_logit_diff"] < 5e-4 and res["max_abs_state_gate_diff"] < 5e-4


def test_gates_are_the_ones_that_produce_the_state(exported):
    m, path = exported
    sess = ort.InferenceSession(str(path))
    rng = np.random.default_rng(0)
    h = rng.uniform(-1, 1, (L, 2, H)).astype(np.float32)
    c = rng.uniform(-1, 1, (L, 2, H)).astype(np.float32)
    _, h2, c2, g = sess.run(None, {"x": np.array([3, 7]), "h": h, "c": c})
    if m.cell == "lstm":  # rows i, f, g, o
        i, f, gg, o = g[:, 0], g[:, 1], g[:, 2], g[:, 3]
        np.testing.assert_allclose(c2, f * c + i * gg, atol=1e-5)
        np.testing.assert_allclose(h2, o * np.tanh(c2), atol=1e-5)
        assert (i >= 0).all() and (i <= 1).all() and (np.abs(gg) <= 1).all()
    elif m.cell == "gru":  # rows r, z, n; c is passed through
        z, n = g[:, 1], g[:, 2]
        np.testing.assert_allclose(h2, (1 - z) * n + z * h, atol=1e-5)
        np.testing.assert_array_equal(c2, c)
    else:  # the one row is the new hidden state
        np.testing.assert_allclose(h2, g[:, 0], atol=1e-6)
        np.testing.assert_array_equal(c2, c)


def test_export_is_byte_reproducible_and_free_of_local_paths(exported, tmp_path):
    m, path = exported
    again = tmp_path / "again.onnx"
    export_step_model(m, again)
    data = path.read_bytes()
    assert again.read_bytes() == data  # same weights, same bytes: a fresh clone rebuilds identical files
    assert str(pathlib.Path(__file__).resolve().parents[1]).encode() not in data and b"stack_trace" not in data


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_fp16_storage_halves_a_model_with_fp16_weights_and_changes_no_output(cell, tmp_path):
    m = scaled_model(cell)
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(p.half().float())  # a model trained in fp16, as the GPU checkpoints are
    export_step_model(m, tmp_path / "f32.onnx")
    export_step_model(m, tmp_path / "f16.onnx", "float16")
    f32, f16 = (tmp_path / "f32.onnx").stat().st_size, (tmp_path / "f16.onnx").stat().st_size
    half = [i for i in onnx.load(str(tmp_path / "f16.onnx")).graph.initializer if i.data_type == onnx.TensorProto.FLOAT16]
    assert half and f16 < 0.75 * f32
    feeds = {"x": np.array([3, 7], np.int64), "h": np.full((L, 2, H), 0.3, np.float32), "c": np.full((L, 2, H), -0.2, np.float32)}
    a = ort.InferenceSession(str(tmp_path / "f32.onnx")).run(None, feeds)
    b = ort.InferenceSession(str(tmp_path / "f16.onnx")).run(None, feeds)
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    assert parity(m, tmp_path / "f16.onnx", np.arange(200) % V)["max_abs_logit_diff"] < 1e-4


def test_fp16_storage_leaves_weights_fp16_cannot_hold_in_fp32(tmp_path):
    m = scaled_model("lstm")  # fp32 weights: fp16 would round nearly all of them
    export_step_model(m, tmp_path / "f16.onnx", "float16")
    inits = onnx.load(str(tmp_path / "f16.onnx")).graph.initializer
    assert not [i for i in inits if i.data_type == onnx.TensorProto.FLOAT16]
    assert parity(m, tmp_path / "f16.onnx", np.arange(200) % V)["max_abs_logit_diff"] < 1e-4
