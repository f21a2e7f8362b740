"""The training studio's NumPy trainer (widgets/training-studio/trainer.py), run in CPython.

The same file runs in Pyodide in the browser; here it is loaded by path, as the page does.
"""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

# The browser runs the trainer on one thread; small matmuls on a busy machine also run far
# slower with OpenBLAS's thread pool than without it. Only takes effect if NumPy is not loaded yet.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pytest

ROOT = Path(__file__).resolve().parent.parent

_spec = importlib.util.spec_from_file_location("studio_trainer", ROOT / "widgets/training-studio/trainer.py")
tr = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tr)

CELLS = ["rnn", "gru", "lstm"]
HELLO = "hello world " * 200


def _tiny_setup(cell, layers, seed=0):
    V, H, T, B = 5, 4, 4, 2
    rng = np.random.default_rng(seed)
    params = tr.init_params(cell, layers, H, V, seed=seed, dtype=np.float64)
    # Larger weights than the default make the nonlinearities work harder, a stricter check.
    params = {k: v * 2.0 for k, v in params.items()}
    X = rng.integers(0, V, size=(T, B))
    Y = rng.integers(0, V, size=(T, B))
    h0 = rng.normal(0, 0.5, size=(layers, B, H))  # a carried-in state
    c0 = rng.normal(0, 0.5, size=(layers, B, H))
    return params, X, Y, h0, c0


def _loss(params, cell, layers, X, Y, h0, c0):
    logits, _ = tr.forward(params, cell, layers, X, h0, c0)
    return tr._cross_entropy(logits, Y)[0]


@pytest.mark.parametrize("layers", [1, 2])
@pytest.mark.parametrize("cell", CELLS)
def test_gradients_match_central_differences(cell, layers):
    params, X, Y, h0, c0 = _tiny_setup(cell, layers)
    _, grads, _, _ = tr.loss_and_grads(params, cell, layers, X, Y, h0, c0)
    eps = 1e-6
    for name, p in params.items():
        numeric = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + eps
            up = _loss(params, cell, layers, X, Y, h0, c0)
            p[idx] = old - eps
            down = _loss(params, cell, layers, X, Y, h0, c0)
            p[idx] = old
            numeric[idx] = (up - down) / (2 * eps)
        err = np.linalg.norm(numeric - grads[name]) / max(
            np.linalg.norm(numeric) + np.linalg.norm(grads[name]), 1e-12)
        assert err < 1e-5, f"{cell} x{layers} {name}: relative error {err:.2e}"


def _load_as_in_the_browser():
    """trainer.py as Pyodide loads it: sys.platform is "emscripten" there, which picks einsum kernels."""
    import sys
    spec = importlib.util.spec_from_file_location("studio_trainer_browser", ROOT / "widgets/training-studio/trainer.py")
    module = importlib.util.module_from_spec(spec)
    real, sys.platform = sys.platform, "emscripten"
    try:
        spec.loader.exec_module(module)
    finally:
        sys.platform = real
    return module


@pytest.mark.parametrize("cell", CELLS)
def test_the_browsers_einsum_kernels_give_the_same_loss_and_gradients(cell):
    browser = _load_as_in_the_browser()
    assert browser.IN_BROWSER and not tr.IN_BROWSER
    params, X, Y, h0, c0 = _tiny_setup(cell, 2)
    loss, grads, h, c = tr.loss_and_grads(params, cell, 2, X, Y, h0, c0)
    loss_b, grads_b, h_b, c_b = browser.loss_and_grads(params, cell, 2, X, Y, h0, c0)
    assert loss_b == pytest.approx(loss, abs=1e-12)
    for k in grads:
        np.testing.assert_allclose(grads_b[k], grads[k], atol=1e-12, err_msg=k)
    np.testing.assert_allclose(h_b, h, atol=1e-12)
    np.testing.assert_allclose(c_b, c, atol=1e-12)


def test_trainer_runs_in_float64_when_asked():
    corpus = tr.Corpus.from_text(HELLO)
    trainer = tr.Trainer(corpus, cell="gru", hidden=8, seq_len=8, batch=4, dtype=np.float64)
    trainer.train_steps(2)
    assert all(p.dtype == np.float64 for p in trainer.params.values())
    assert trainer.h.dtype == np.float64


def test_trainer_keeps_float32_by_default():
    corpus = tr.Corpus.from_text(HELLO)
    trainer = tr.Trainer(corpus, cell="lstm", hidden=8, seq_len=8, batch=4)
    trainer.train_steps(2)
    assert all(p.dtype == np.float32 for p in trainer.params.values())
    assert all(m.dtype == np.float32 for m in trainer.m.values())
    assert trainer.h.dtype == np.float32 and trainer.c.dtype == np.float32


@pytest.mark.parametrize("cell", CELLS)
def test_loss_falls_below_half_a_nat_on_repetitive_text(cell):
    corpus = tr.Corpus.from_text(HELLO)
    trainer = tr.Trainer(corpus, cell=cell, hidden=32, seq_len=16, batch=8, lr=1e-2, seed=1)
    first = trainer.train_steps(1)[0]["loss"]
    records = trainer.train_steps(300)
    last = float(np.mean([r["loss"] for r in records[-10:]]))
    assert first > 1.5
    assert last < 0.5, f"{cell}: loss {first:.3f} -> {last:.3f}"


# ------------------------------------------------------------------ corpus


def test_vocabulary_is_sorted_by_code_point():
    corpus = tr.Corpus.from_text("cab" * 100)
    assert corpus.vocabulary == ["a", "b", "c"]
    assert corpus.decode(corpus.train_ids[:3]) == "cab"


def test_vocabulary_is_capped_and_rare_characters_fold_into_replacement():
    # 5,000 distinct characters: 'a'..'j' frequent, 4,990 CJK characters once each.
    frequent = "".join(chr(ord("a") + i) * (50 + i) for i in range(10))
    rare = "".join(chr(0x4E00 + i) for i in range(4990))
    corpus = tr.Corpus.from_text(frequent + rare, max_vocab=20)
    s = corpus.summary()
    assert s["distinct"] == 5000
    assert len(corpus.vocabulary) == 20
    assert tr.REPLACEMENT in corpus.vocabulary
    # 19 kept: the 10 letters plus the 9 lowest-code-point CJK characters (ties by code point)
    assert s["folded_distinct"] == 5000 - 19
    assert s["folded_count"] == 5000 - 19
    assert all(chr(ord("a") + i) in corpus.vocabulary for i in range(10))


def test_summary_reports_split_sizes_and_is_json_able():
    import json
    corpus = tr.Corpus.from_text("abcdefghij" * 100, val_fraction=0.1)
    s = corpus.summary()
    assert s["characters"] == 1000
    assert s["train_chars"] == 900 and s["val_chars"] == 100
    assert s["top"][0][1] == 100
    json.dumps(s)


def test_validation_is_the_contiguous_tail():
    text = "ab" * 450 + "cd" * 50  # 1,000 characters, the last 100 validation
    corpus = tr.Corpus.from_text(text, val_fraction=0.1)
    assert corpus.decode(corpus.val_ids) == "cd" * 50


def test_empty_text_is_refused():
    with pytest.raises(ValueError, match="empty"):
        tr.Corpus.from_text("")


def test_one_repeated_character_is_refused():
    with pytest.raises(ValueError, match="only one distinct character"):
        tr.Corpus.from_text("a" * 1000)


def test_too_short_text_is_refused():
    with pytest.raises(ValueError, match="too short"):
        tr.Corpus.from_text("abc" * 10)


def test_trainer_refuses_windows_longer_than_the_text():
    corpus = tr.Corpus.from_text("abcd" * 50, min_train_chars=10)
    with pytest.raises(ValueError, match="windows of 200"):
        tr.Trainer(corpus, seq_len=200)


# ------------------------------------------------------------------ checkpoints and agreement


@pytest.mark.parametrize("cell", CELLS)
def test_checkpoint_resumes_exactly(cell):
    corpus = tr.Corpus.from_text(HELLO)
    kwargs = dict(cell=cell, layers=2, hidden=16, seq_len=16, batch=4, seed=3)
    straight = tr.Trainer(corpus, **kwargs)
    straight.train_steps(50)
    first = tr.Trainer(corpus, **kwargs)
    first.train_steps(30)
    first.evaluate()
    resumed = tr.Trainer.from_bytes(first.to_bytes(), corpus)
    resumed.train_steps(20)
    assert resumed.step == straight.step == 50
    assert resumed.chars_seen == straight.chars_seen
    for k in straight.params:
        np.testing.assert_allclose(resumed.params[k], straight.params[k], rtol=0, atol=1e-6)
    assert resumed.best_step == 30 and resumed.best_params is not None
    assert [r["loss"] for r in resumed.history] == [r["loss"] for r in straight.history]


@pytest.mark.parametrize("cell", CELLS)
def test_step_agrees_with_training_forward_pass(cell):
    corpus = tr.Corpus.from_text(HELLO)
    trainer = tr.Trainer(corpus, cell=cell, layers=2, hidden=16, seq_len=8, batch=4, seed=2)
    trainer.train_steps(5)
    X = trainer.corpus.train_ids[trainer.starts[None, :] + np.arange(8)[:, None]]  # [T, B]
    L, B, H = 2, 4, 16
    h0 = np.zeros((L, B, H), np.float32)
    c0 = np.zeros((L, B, H), np.float32)
    logits, _ = tr.forward(trainer.params, cell, L, X, h0, c0)
    logits = logits.reshape(8, B, -1)
    h, c = h0, c0
    for t in range(8):
        step_logits, h, c, gates = tr.step(trainer.params, trainer.config, X[t], h, c)
        np.testing.assert_allclose(step_logits, logits[t], rtol=1e-4, atol=1e-5)
    assert gates.shape == (L, tr.CELLS[cell], B, H)
    if cell != "lstm":
        assert np.array_equal(c, c0)


def test_exported_weights_load_again_and_sample_the_same():
    corpus = tr.Corpus.from_text(HELLO)
    trainer = tr.Trainer(corpus, cell="gru", hidden=16, seq_len=16, batch=4)
    trainer.train_steps(20)
    blob = trainer.export_weights_bytes()
    other = tr.Trainer(corpus, cell="gru", hidden=16, seq_len=16, batch=4, seed=9)
    other.load_weights(blob)
    assert other.sample("hel", 40, rng_seed=5) == trainer.sample("hel", 40, rng_seed=5)
    weights = tr.load_weights(blob)
    assert weights["vocabulary"] == corpus.vocabulary
    assert all(weights[k].dtype == np.float32 for k in tr.param_names(1))


# ------------------------------------------------------------------ sampling


def _trained_hello(cell="lstm"):
    corpus = tr.Corpus.from_text(HELLO)
    trainer = tr.Trainer(corpus, cell=cell, hidden=32, seq_len=16, batch=8, lr=1e-2, seed=1)
    trainer.train_steps(150)
    return trainer


def test_sample_is_deterministic_for_a_seed():
    trainer = _trained_hello()
    a = trainer.sample("hello", 60, temperature=1.0, rng_seed=7)
    b = trainer.sample("hello", 60, temperature=1.0, rng_seed=7)
    assert a == b and len(a) == 60


def test_temperature_zero_is_argmax():
    trainer = _trained_hello()
    text = trainer.sample("hello wor", 20, temperature=0)
    assert text == trainer.sample("hello wor", 20, temperature=0, rng_seed=99)
    # the argmax continuation of a well-learnt loop is the loop itself
    assert text.startswith("ld hello world")


def test_unknown_seed_characters_are_skipped_without_a_replacement_character():
    trainer = _trained_hello()
    assert tr.REPLACEMENT not in trainer.corpus.vocabulary
    assert trainer.sample("hel\u00e9lo wor", 10, temperature=0) == \
        trainer.sample("hello wor", 10, temperature=0)


def test_unknown_seed_characters_become_the_replacement_when_it_exists():
    corpus = tr.Corpus.from_text(HELLO + "\ufffd" * 3)
    assert corpus.encode("h\u00e9") == [corpus.index["h"], corpus.index["\ufffd"]]


# ------------------------------------------------------------------ bookkeeping


def test_early_stopping_waits_for_patience_and_remembers_the_best_step():
    stop = tr.EarlyStopping(patience=2, min_delta=0.01)
    assert not stop.update(2.0, step=10)
    assert not stop.update(1.5, step=20)
    assert not stop.update(1.495, step=30)  # within min_delta: no improvement
    assert stop.update(1.6, step=40)
    assert stop.best_step == 20 and stop.best_loss == 1.5


def test_evaluate_is_deterministic_and_keeps_the_best_parameters():
    trainer = _trained_hello("rnn")
    a = trainer.evaluate(max_chars=200)
    b = trainer.evaluate(max_chars=200)
    assert a == b
    assert trainer.best_step == trainer.step
    np.testing.assert_array_equal(trainer.best_params["Wy"], trainer.params["Wy"])


def test_sizes_follow_from_shapes():
    corpus = tr.Corpus.from_text(HELLO)  # 8 distinct characters
    trainer = tr.Trainer(corpus, cell="lstm", layers=2, hidden=10, seq_len=8, batch=4)
    V, H = 8, 10
    expected = (V * 40 + H * 40 + 80) + (H * 40 + H * 40 + 80) + H * V + V
    assert trainer.parameter_count() == expected
    assert trainer.memory_bytes() > 4 * expected * 4


def test_train_for_runs_at_least_one_step_and_respects_max_steps():
    corpus = tr.Corpus.from_text(HELLO)
    trainer = tr.Trainer(corpus, cell="rnn", hidden=8, seq_len=8, batch=2)
    assert len(trainer.train_for(0.0)) == 1
    assert len(trainer.train_for(60.0, max_steps=3)) == 3
    assert trainer.step == 4 and len(trainer.history) == 4


def test_streams_wrap_and_reset_their_state():
    corpus = tr.Corpus.from_text("abcdefgh" * 40, min_train_chars=10)  # 288 training chars
    trainer = tr.Trainer(corpus, cell="rnn", hidden=4, seq_len=16, batch=2)
    trainer.train_steps(9)  # stream 1 starts at 144 and runs past the end within 9 windows
    assert trainer.pos[1] < 144
    assert (trainer.pos >= 0).all() and (trainer.pos + 16 <= len(corpus.train_ids)).all()


def test_throughput_reports_characters_per_second():
    cps = tr.throughput("rnn", 1, 16, 4, 8, seconds=0.2)
    assert cps > 0


def test_train_for_reports_progress_when_the_browser_hook_exists(monkeypatch):
    import sys
    import types
    calls = []
    hook = types.ModuleType("rnn_progress")
    hook.report_progress = lambda step, total=None, text=None, **values: calls.append((step, values))
    monkeypatch.setitem(sys.modules, "rnn_progress", hook)
    corpus = tr.Corpus.from_text(HELLO)
    trainer = tr.Trainer(corpus, cell="rnn", hidden=8, seq_len=8, batch=2)
    trainer.train_for(60.0, max_steps=2)
    assert [step for step, _ in calls] == [1, 2] and "loss" in calls[0][1]
