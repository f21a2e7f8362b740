"""build_models/memory: the copy task's generator, the NTM's addressing, writing and reading against
NumPy written from the equations of Graves et al. (2014), and a tiny train → evaluate → export run
with ONNX parity (the shipped models are checked in test_memory_shipped.py)."""
import json

import numpy as np
import onnx
import pytest
import torch

from build_models.memory import data, model as ntm
from build_models.memory.config import load_config

RNG = np.random.default_rng(5)


def softmax(x):
    e = np.exp(x - x.max())
    return e / e.sum()


# ---- NumPy from the equations, one slot at a time ---------------------------

def np_content(k, beta, mem):
    cos = np.array([mem[i] @ k / (np.linalg.norm(mem[i]) * np.linalg.norm(k) + ntm.EPS) for i in range(len(mem))])
    return softmax(beta * cos)


def np_shift(w, s):
    """w~(i) = sum_j w(j) s(i - j), s indexed by the move -1, 0, +1."""
    N = len(w)
    out = np.zeros(N)
    for i in range(N):
        for j in range(N):
            move = (i - j) % N
            for k, d in enumerate((-1, 0, 1)):
                if move == d % N:
                    out[i] += w[j] * s[k]
    return out


def np_sharpen(w, gamma):
    p = (w + ntm.EPS) ** gamma
    return p / p.sum()


def t64(*xs):
    return [torch.tensor(np.asarray(x)[None], dtype=torch.float64) for x in xs]


# ---- data -------------------------------------------------------------------

@pytest.mark.parametrize("length", [1, 4, 11])
def test_a_copy_example_is_the_bits_then_one_delimiter_step_then_blanks(length):
    x, y = data.copy_example(np.random.default_rng(length), length, width=8)
    assert x.shape == (2 * length + 1, 9) and y.shape == (length, 8)
    assert np.array_equal(x[:length, :8], y) and not x[:length, 8].any()
    assert x[length, 8] == 1 and not x[length, :8].any()
    assert not x[length + 1:].any()
    assert set(np.unique(y)) <= {0.0, 1.0}


def test_encode_of_the_bits_is_the_generators_input():
    x, y = data.copy_example(np.random.default_rng(3), 6)
    assert np.array_equal(data.encode(y), x)


def test_a_batch_holds_different_sequences_of_one_length():
    x, y = data.batch(np.random.default_rng(0), 5, 16)
    assert x.shape == (16, 11, 9) and y.shape == (16, 5, 8)
    assert len({row.tobytes() for row in y}) == 16


# ---- addressing, writing, reading -------------------------------------------

def test_content_addressing_is_a_softmax_of_beta_times_cosine_similarity():
    mem, k = RNG.normal(size=(6, 4)), RNG.normal(size=4)
    got = ntm.content(*t64(k), torch.tensor([[2.5]], dtype=torch.float64), *t64(mem))[0].numpy()
    assert np.allclose(got, np_content(k, 2.5, mem), atol=1e-12)


def test_shift_is_a_circular_convolution_over_moves_of_minus_one_zero_and_plus_one():
    w, s = softmax(RNG.normal(size=7)), softmax(RNG.normal(size=3))
    got = ntm.shift(*t64(w, s))[0].numpy()
    assert np.allclose(got, np_shift(w, s), atol=1e-12)
    one_hot = np.eye(7)[6]          # a full step forward from the last slot wraps round to the first
    assert np.allclose(ntm.shift(*t64(one_hot, [0.0, 0.0, 1.0]))[0].numpy(), np.eye(7)[0])


def test_sharpening_raises_to_gamma_and_renormalises():
    w = softmax(RNG.normal(size=5))
    got = ntm.sharpen(*t64(w), torch.tensor([[3.0]], dtype=torch.float64))[0].numpy()
    assert np.allclose(got, np_sharpen(w, 3.0), atol=1e-12)
    assert got.max() > w.max()


def test_address_chains_content_interpolation_shift_and_sharpening():
    mem, k, w_prev = RNG.normal(size=(8, 5)), RNG.normal(size=5), softmax(RNG.normal(size=8))
    beta, g, s, gamma = 4.0, 0.3, softmax(RNG.normal(size=3)), 1.7
    want = np_sharpen(np_shift(g * np_content(k, beta, mem) + (1 - g) * w_prev, s), gamma)
    got = ntm.address(*t64(k), torch.tensor([[beta]], dtype=torch.float64), torch.tensor([[g]], dtype=torch.float64),
                      *t64(s), torch.tensor([[gamma]], dtype=torch.float64), *t64(w_prev, mem))[0].numpy()
    assert np.allclose(got, want, atol=1e-12)


def test_writing_erases_then_adds_in_proportion_to_each_slots_weight():
    mem, w = RNG.normal(size=(5, 3)), softmax(RNG.normal(size=5))
    e, a = 1 / (1 + np.exp(-RNG.normal(size=3))), RNG.normal(size=3)
    want = np.array([mem[i] * (1 - w[i] * e) + w[i] * a for i in range(5)])
    assert np.allclose(ntm.write(*t64(mem, w, e, a))[0].numpy(), want, atol=1e-12)


def test_reading_is_the_weighted_sum_of_the_slots():
    mem, w = RNG.normal(size=(5, 3)), softmax(RNG.normal(size=5))
    assert np.allclose(ntm.read(*t64(mem, w))[0].numpy(), sum(w[i] * mem[i] for i in range(5)), atol=1e-12)


def test_head_parameters_land_in_their_ranges():
    key, beta, g, s, gamma = ntm.head_params(torch.randn(64, 4 + 6) * 30, 4)
    assert key.abs().max() <= 1 and (beta >= 0).all() and ((g >= 0) & (g <= 1)).all()
    assert torch.allclose(s.sum(-1), torch.ones(64)) and (gamma >= 1).all()


# ---- config -----------------------------------------------------------------

def test_presets_differ_only_in_the_number_of_slots():
    cfgs = [load_config(f"ntm-copy-{n}").__dict__ for n in (8, 16, 32)]
    for c in cfgs[1:]:
        assert {k for k in c if c[k] != cfgs[0][k]} == {"model_id", "slots"}


@pytest.mark.parametrize("bad", [["--nope=1"], ["--train_max_len=0"], ["--weights_dtype=int8"]])
def test_a_bad_setting_is_refused(bad):
    with pytest.raises((KeyError, ValueError)):
        load_config("ntm-copy-8", bad)


# ---- a tiny run, end to end -------------------------------------------------

@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    from build_models.memory.evaluate import evaluate
    from build_models.memory.export import export
    from build_models.memory.train import train
    root = tmp_path_factory.mktemp("ntm")
    cfg = load_config("ntm-copy-8", [f"--runs_dir={root / 'runs'}", f"--out_dir={root / 'out'}", "--model_id=ntm-tiny",
                                     "--slots=4", "--hidden=16", "--mem_width=6", "--train_max_len=3", "--eval_max_len=5",
                                     "--eval_per_length=8", "--steps=40", "--batch_size=8", "--log_every=10"])
    logs = []
    train(cfg, command="python -m build_models.memory train ntm-tiny", every=20, log=logs.append)
    evaluate(cfg, log=logs.append)
    meta = export(cfg, command="")
    return cfg, meta, logs


def test_tiny_training_records_a_learning_curve_that_falls(tiny):
    cfg, meta, _ = tiny
    curve = meta["training"]["curve"]
    assert [p["step"] for p in curve] == list(range(10, 41, 10))
    assert curve[-1]["loss"] < curve[0]["loss"]


def test_tiny_evaluation_covers_every_length_beyond_training(tiny):
    cfg, meta, _ = tiny
    rows = meta["evaluation"]["by_length"]
    assert [r["length"] for r in rows] == list(range(1, cfg.eval_max_len + 1))
    assert all(0 <= r["sequence_accuracy"] <= r["bit_accuracy"] <= 1 for r in rows)


def test_tiny_export_writes_a_step_model_within_parity_and_its_card(tiny):
    from build_models.memory.export import INPUTS, OUTPUTS, PARITY_BOUND
    cfg, meta, _ = tiny
    out = cfg.path(cfg.out_dir) / cfg.model_id
    proto = onnx.load(str(out / "model.onnx"))
    assert [i.name for i in proto.graph.input] == INPUTS and [o.name for o in proto.graph.output] == OUTPUTS
    assert max(meta["parity"]["max_abs_diff"].values()) <= PARITY_BOUND
    assert json.loads((out / "meta.json").read_text()) == meta
    card = (out / "README.md").read_text()
    assert "| 5 (beyond training) |" in card and meta["command"] in card
    assert meta["command"].startswith("python -m build_models.memory all ")


def test_resuming_a_finished_run_with_other_settings_is_refused(tiny):
    from build_models.checkpoint import CheckpointError
    from build_models.memory.train import train
    cfg, _, _ = tiny
    other = load_config("ntm-copy-8", [f"--runs_dir={cfg.runs_dir}", "--model_id=ntm-tiny", "--slots=5"])
    with pytest.raises(CheckpointError, match="slots"):
        train(other, log=lambda *_: None)
