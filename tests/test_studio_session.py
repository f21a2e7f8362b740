"""The training studio's session (widgets/training-studio/session.py) in CPython: what the page asks
Python, call by call. The trainer and the ONNX writer have their own tests; these check that the
session ties them together as the page relies on: a lost session is said, a checkpoint resumes the
run exactly, early stopping keeps the best check, and the exported ONNX model runs in onnxruntime
as the trainer's own step does."""
from __future__ import annotations

import base64
import json
import sys

import numpy as np
import onnxruntime as ort
import pytest

from studio_python import studio_session

TEXT = "the cat sat on the mat and the dog sat on the log.\n" * 60
CONFIG = {"cell": "lstm", "layers": 1, "hidden": 16, "seq_len": 16, "batch": 4, "lr": 0.01, "seed": 0}


@pytest.fixture(scope="module")
def session():
    """session.py with its two modules, registered under the names the page gives them."""
    return studio_session()


def started(session, key="k", config=CONFIG, text=TEXT):
    session.prepare(text, key)
    session.start(key, config)
    return key


def test_the_summary_gives_the_loss_of_character_frequencies_alone(session):
    s = session.prepare(TEXT, "k")
    corpus = session.SESSION["corpus"]
    vocab = corpus.vocabulary
    train = TEXT[: s["train_chars"]]
    val = TEXT[s["train_chars"]:]
    counts = np.array([train.count(c) + 1 for c in vocab], float)
    p = counts / counts.sum()
    want = -np.mean([np.log(p[vocab.index(c)]) for c in val])
    assert s["unigram_nats"] == pytest.approx(want, abs=1e-9)
    json.loads(session.as_json(s))  # what the page reads back


def test_a_call_for_a_session_this_worker_does_not_hold_says_so(session):
    key = started(session)
    with pytest.raises(LookupError, match="session-lost"):
        session.train("another", 0.01)
    session.prepare(TEXT, "fresh")  # a new text drops the old run
    with pytest.raises(LookupError, match="session-lost"):
        session.train(key, 0.01)


def test_a_checkpoint_resumes_the_run_exactly(session):
    key = started(session)
    session.train(key, 0.0, max_steps=6)
    session.validate(key)
    saved = session.checkpoint(key)
    json.loads(session.as_json(saved))
    straight = session.train(key, 0.0, max_steps=5)["records"]
    session.prepare(TEXT, key)  # what a restarted worker gets: the text again, then the checkpoint
    session.resume(key, saved["data"], saved["extra"])
    assert session.SESSION["val"] == saved["extra"]["val"]
    resumed = session.train(key, 0.0, max_steps=5)["records"]
    assert [r["loss"] for r in resumed] == pytest.approx([r["loss"] for r in straight], abs=1e-6)


def test_early_stopping_state_survives_a_checkpoint(session):
    key = started(session)
    for _ in range(3):
        session.train(key, 0.0, max_steps=3)
        session.validate(key)
    saved = session.checkpoint(key)
    before = session.SESSION["stopper"].state()
    session.prepare(TEXT, key)
    session.resume(key, saved["data"], saved["extra"])
    assert session.SESSION["stopper"].state() == before


def test_stopping_early_goes_back_to_the_parameters_of_the_best_check(session):
    key = started(session)
    session.train(key, 0.0, max_steps=20)
    best = session.validate(key)
    best_params = {k: v.copy() for k, v in session.SESSION["trainer"].params.items()}
    # Force a worse model: the next check is not the best, so use_best must go back.
    for v in session.SESSION["trainer"].params.values():
        v += 0.5
    worse = session.validate(key)
    assert worse["loss"] > best["loss"] and worse["best_step"] == best["step"]
    session.use_best(key)
    for k, v in best_params.items():
        np.testing.assert_array_equal(session.SESSION["trainer"].params[k], v)


def test_the_downloaded_model_file_loads_back_and_samples_the_same(session):
    key = started(session)
    session.train(key, 0.0, max_steps=5)
    data = base64.b64decode(session.export_weights(key)["data"])
    weights = sys.modules["studio_trainer"].load_weights(data)
    trainer = session.SESSION["trainer"]
    assert weights["vocabulary"] == trainer.corpus.vocabulary
    generate = sys.modules["studio_trainer"].generate
    assert generate(weights, weights["config"], weights["vocabulary"], "the ", 40, 0.8, 3) == trainer.sample("the ", 40, 0.8, 3)


@pytest.mark.parametrize("cell", ["lstm", "gru", "rnn"])
def test_the_exported_onnx_model_steps_as_the_trainer_does(session, cell):
    key = started(session, config=dict(CONFIG, cell=cell, layers=2))
    session.train(key, 0.0, max_steps=5)
    session.validate(key)
    out = session.export_onnx(key, "mine", "My model", "the cat text")
    meta = out["meta"]
    assert meta["kind"] == f"char-{cell}-step" and meta["vocabulary"] == session.SESSION["corpus"].vocabulary
    assert meta["validation"]["loss_nats"] == pytest.approx(session.SESSION["val"][-1][1], abs=1e-4)
    model = base64.b64decode(out["onnx"])
    assert meta["files"]["model.onnx"]["bytes"] == len(model)
    sess = ort.InferenceSession(model, providers=["CPUExecutionProvider"])
    trainer = session.SESSION["trainer"]
    step = sys.modules["studio_trainer"].step
    L, H = 2, CONFIG["hidden"]
    h = np.zeros((L, 1, H), np.float32)
    c = np.zeros((L, 1, H), np.float32)
    for x in trainer.corpus.encode("the dog"):
        ids = np.array([x], np.int64)
        got = dict(zip(["logits", "h_out", "c_out", "gates"], sess.run(["logits", "h_out", "c_out", "gates"], {"x": ids, "h": h, "c": c})))
        want = step(trainer.params, trainer.config, ids, h, c)
        for name, w in zip(["logits", "h_out", "c_out", "gates"], want):
            np.testing.assert_allclose(got[name], w, atol=1e-5, err_msg=name)
        h, c = got["h_out"], got["c_out"]


def test_a_model_file_loaded_back_generates_and_exports_as_the_trained_model(session):
    key = started(session)
    session.train(key, 0.0, max_steps=5)
    want = session.sample(key, "the ", 40, 0.8, 3)["text"]
    data = session.export_weights(key)["data"]
    info = session.load_model("loaded", data)
    assert info["config"]["cell"] == "lstm" and info["parameters"] == session.SESSION["loaded"]["Wy"].size + sum(
        session.SESSION["loaded"][k].size for k in sys.modules["studio_trainer"].param_names(1) if k != "Wy")
    assert session.sample("loaded", "the ", 40, 0.8, 3)["text"] == want
    out = session.export_onnx("loaded", "mine", "Mine", "a file")
    assert out["meta"]["validation"] is None or "loss_nats" not in (out["meta"]["validation"] or {})
    with pytest.raises(LookupError, match="session-lost"):
        session.train("loaded", 0.01)  # a loaded model has no text to train on


def test_a_file_that_is_not_a_model_is_refused_with_a_sentence(session):
    with pytest.raises(ValueError, match="not a model file of this page"):
        session.load_model("bad", base64.b64encode(b"PK\x03\x04 not really a zip").decode())


def test_a_check_can_also_measure_the_loss_on_the_training_text(session):
    key = started(session, "fit")
    session.train(key, 60.0, max_steps=30)
    trainer = session.SESSION["trainer"]
    v = session.validate(key, None, 200)
    assert v["train_loss"] == pytest.approx(trainer.train_text_loss(max_chars=200))
    assert "train_loss" not in session.validate(key, None)


def test_the_loss_on_the_training_text_is_the_mean_over_what_it_reads(session):
    key = started(session, "mean")
    trainer = session.SESSION["trainer"]
    # Before training every character is about equally likely: the loss is near log(vocabulary).
    assert trainer.train_text_loss(max_chars=500) == pytest.approx(np.log(trainer.corpus.vocab_size), abs=0.15)
    session.train(key, 60.0, max_steps=60)
    assert trainer.train_text_loss(max_chars=500) < np.log(trainer.corpus.vocab_size) - 0.5


def test_a_text_is_scored_as_the_validation_text_is(session):
    key = started(session, "score")
    session.train(key, 60.0, max_steps=20)
    trainer = session.SESSION["trainer"]
    val_text = trainer.corpus.decode(np.concatenate([trainer.corpus.train_ids[-1:], trainer.corpus.val_ids]))
    s = session.score(key, val_text)
    assert s["nats"] == pytest.approx(trainer.evaluate(record=False), rel=1e-6)
    assert s["chars"] == len(val_text) - 1 and s["outside"] == 0 and s["step"] == 20
    assert s["model"] == {"cell": "lstm", "layers": 1, "hidden": 16}


def test_scoring_counts_the_characters_the_model_does_not_know(session):
    key = started(session, "outside")
    s = session.score(key, "the cat sat on the mat. ¿Qué?")
    assert s["outside"] == 5  # ¿ Q u é ?: the text above has no u
    with pytest.raises(ValueError, match="fewer than two characters"):
        session.score(key, "ζ")
