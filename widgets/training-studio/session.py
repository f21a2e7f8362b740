"""The training studio's session: what the page asks Python to do, one short call at a time.

The page (widgets/training-studio/python.ts) registers trainer.py as the module `studio_trainer`,
onnx_export.py as `studio_onnx` and this file as `studio_session` in the Pyodide worker, then calls
the functions below; each returns a JSON-able dict. Training runs in slices of about a second, so
between two calls the page can pause, stop, save a checkpoint or draw a sample, and a Stop never
waits on more than one slice. The session lives as long as the worker: after a worker restart
(a Stop that had to terminate it) `active(key)` is false and the page rebuilds the session from
its text and its last checkpoint. tests/test_studio_session.py runs this file in CPython.
"""
import base64
import io
import json
import time

import numpy as np

import studio_onnx
import studio_trainer

SESSION = {"key": None, "corpus": None, "trainer": None, "stopper": None, "val": [], "loaded": None}


def _b64(data):
    return base64.b64encode(data).decode("ascii")


class SessionLost(LookupError):
    """This worker does not hold the run the page asks about (it was restarted, or never had it)."""


def _trainer(key):
    if SESSION["key"] != key or SESSION["trainer"] is None:
        raise SessionLost("session-lost")
    return SESSION["trainer"]


def prepare(text, key, max_vocab=200, val_fraction=0.1):
    """Read a text: its vocabulary, split and statistics (a ValueError says why a text cannot be used)."""
    corpus = studio_trainer.Corpus.from_text(text, val_fraction=val_fraction, max_vocab=max_vocab)
    SESSION.update(key=key, corpus=corpus, trainer=None, stopper=None, val=[], loaded=None)
    return dict(corpus.summary(), unigram_nats=unigram_nats(corpus))


def unigram_nats(corpus):
    """The validation loss of a model that knows only the training text's character frequencies
    (add-one smoothed): the line a trained model has to get below to have learned any context."""
    counts = np.bincount(np.asarray(corpus.train_ids, dtype=np.intp), minlength=corpus.vocab_size) + 1.0
    logp = np.log(counts / counts.sum())
    return float(-logp[np.asarray(corpus.val_ids)].mean())


def _describe(trainer):
    return {
        "config": trainer.config,
        "parameters": int(trainer.parameter_count()),
        "memory_bytes": int(trainer.memory_bytes()),
        "step": int(trainer.step),
        "chars_seen": int(trainer.chars_seen),
    }


def start(key, config, patience=3, min_delta=0.01):
    """A fresh model for the text prepared under `key`."""
    if SESSION["key"] != key or SESSION["corpus"] is None:
        raise SessionLost("session-lost")
    trainer = studio_trainer.Trainer(SESSION["corpus"], **config)
    SESSION.update(trainer=trainer, stopper=studio_trainer.EarlyStopping(patience=patience, min_delta=min_delta), val=[])
    return _describe(trainer)


def train(key, seconds, max_steps=None):
    """Train for about `seconds` (at least one iteration); the iterations run, for the curves."""
    trainer = _trainer(key)
    before = trainer.chars_seen
    start = time.perf_counter()
    records = trainer.train_for(seconds, max_steps=max_steps)
    return {
        "seconds": time.perf_counter() - start,
        "records": [{k: (float(v) if isinstance(v, (float, np.floating)) else int(v)) for k, v in r.items()} for r in records],
        "step": int(trainer.step),
        "chars": int(trainer.chars_seen - before),
        "memory_bytes": int(trainer.memory_bytes()),
        "heap_bytes": worker_heap_bytes(),
    }


def validate(key, max_chars=None, train_chars=0):
    """The validation loss now; whether early stopping says to stop; the best step so far; and,
    when `train_chars` > 0, the loss on that much of the training text (a challenge scores it)."""
    trainer = _trainer(key)
    stopper = SESSION["stopper"]
    loss = float(trainer.evaluate(max_chars=max_chars))
    stop = bool(stopper.update(loss, trainer.step))
    SESSION["val"].append([int(trainer.step), loss])
    # The trainer keeps the parameters of its best check (evaluate); early stopping decides when.
    out = {"step": int(trainer.step), "loss": loss, "best_step": int(trainer.best_step), "best_loss": float(trainer.best_val_loss), "stop": stop}
    if train_chars:
        out["train_loss"] = float(trainer.train_text_loss(max_chars=train_chars))
    return out


def score(key, text):
    """The run's model on a text it never trained on (the Boss level's hidden text): mean loss in
    nats per character over every character after the first, and how many characters fell
    outside the model's vocabulary (they are read as U+FFFD where the vocabulary has it)."""
    trainer = _trainer(key)
    corpus = trainer.corpus
    ids = corpus.encode(text)
    outside = sum(1 for ch in text if ch not in corpus.index)
    if len(ids) < 2:
        raise ValueError("The text to score has fewer than two characters the model knows.")
    cfg = trainer.config
    return {"nats": float(trainer.stream_loss(ids)), "chars": len(ids) - 1, "outside": outside, "step": int(trainer.step),
            "model": {"cell": cfg["cell"], "layers": cfg["layers"], "hidden": cfg["hidden"]}}


def use_best(key):
    """Early stop: go back to the parameters of the best validation loss."""
    trainer = _trainer(key)
    if trainer.best_params is not None:
        trainer.params = {k: v.copy() for k, v in trainer.best_params.items()}
    return {"step": int(trainer.step), "best_step": trainer.best_step}


def load_model(key, data):
    """A model file the reader downloaded earlier (export_weights), to generate from and keep."""
    weights = studio_trainer.load_weights(base64.b64decode(data))
    SESSION.update(key=key, corpus=None, trainer=None, stopper=None, val=[], loaded=weights)
    config = weights["config"]
    parameters = sum(int(np.asarray(weights[k]).size) for k in studio_trainer.param_names(config["layers"]))
    return {"config": config, "vocabulary": weights["vocabulary"], "parameters": parameters}


def _weights(key):
    """The session's model for inference: a loaded model file's weights, or the trainer's now."""
    if SESSION["key"] == key and SESSION["loaded"] is not None:
        return SESSION["loaded"]
    return _trainer(key).export_weights()


def sample(key, seed_text, length, temperature, rng_seed):
    w = _weights(key)
    return {"text": studio_trainer.generate(w, w["config"], w["vocabulary"], seed_text, length, temperature, rng_seed)}


def checkpoint(key):
    """The whole run (weights, optimiser, position, history, early-stopping state) as base64."""
    trainer = _trainer(key)
    stopper = SESSION["stopper"]
    extra = {"val": SESSION["val"], "stopper": stopper.state() if stopper else None}
    return {"data": _b64(trainer.to_bytes()), "extra": extra, "step": int(trainer.step)}


def resume(key, data, extra, patience=3, min_delta=0.01):
    """Rebuild a run from `checkpoint()`'s output, for the text prepared under the same key."""
    if SESSION["key"] != key or SESSION["corpus"] is None:
        raise SessionLost("session-lost")
    trainer = studio_trainer.Trainer.from_bytes(base64.b64decode(data), SESSION["corpus"])
    stopper = studio_trainer.EarlyStopping(patience=patience, min_delta=min_delta)
    if extra and extra.get("stopper"):
        stopper.load_state(extra["stopper"])
    SESSION.update(trainer=trainer, stopper=stopper, val=list(extra.get("val", [])) if extra else [])
    return _describe(trainer)


def export_weights(key):
    """The model as a file the reader keeps: weights, configuration and vocabulary (npz)."""
    return {"data": _b64(studio_trainer.weights_to_bytes(_weights(key)))}


def export_onnx(key, model_id, name, text_name):
    """The model as an ONNX step model and its meta.json, for the site's model runtime."""
    weights = _weights(key)
    config = weights["config"]
    params = {k: weights[k] for k in studio_trainer.param_names(config["layers"])}
    trainer = SESSION["trainer"]
    if trainer is not None:
        training = {"where": "in this browser, by the training studio", "text": text_name,
                    "iterations": int(trainer.step), "characters_seen": int(trainer.chars_seen)}
        corpus = SESSION["corpus"].summary()
    else:
        training = {"where": "a model file loaded into the training studio", "text": text_name}
        corpus = {"description": "not known: the model was loaded from a file"}
    val = SESSION["val"][-1][1] if SESSION["val"] else None
    meta = studio_onnx.meta_for(params, config, weights["vocabulary"], model_id=model_id, name=name,
                                corpus_summary=corpus, validation_loss_nats=val, training=training)
    return {"onnx": _b64(studio_onnx.export_step_model(params, config, weights["vocabulary"])), "meta": meta}


def worker_heap_bytes():
    """The Pyodide worker's WebAssembly memory in bytes (None outside the browser)."""
    try:
        import pyodide_js  # only inside Pyodide

        return int(pyodide_js._module.HEAPU8.length)
    except Exception:
        return None


def as_json(value):
    return json.dumps(value, separators=(",", ":"), allow_nan=False)
