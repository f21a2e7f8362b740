"""The registry of model kinds (build_models/kinds/): the config's `kind` picks one, an unknown kind
fails naming the known ones, checkpoints written before kinds existed load as char-rnn, and a
step a kind lacks stops with a message naming the step and the kind."""
import json
import pathlib

import pytest
import torch

from build_models import checkpoint, kinds
from build_models.__main__ import main
from build_models.config import load_config
from build_models.corpora import prepare, sha256_file
from build_models.kinds.base import Kind
from build_models.model import CharRNN

ROOT = pathlib.Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
PRESET = str(DATA / "tiny_config.py")
GPU_RUNS = ROOT.parent / "shared" / "gpu-runs"


def tiny(tmp, *extra):
    return load_config(PRESET, [f"--data_dir={tmp}/data", f"--runs_dir={tmp}/runs", f"--out_dir={tmp}/pretrained",
                                "--max_iters=10", "--timelapse_iters=[]", "--timelapse_export_iters=[]", *extra])


def test_the_default_kind_is_the_character_model():
    cfg = load_config(PRESET)
    assert cfg.kind == "char-rnn" and kinds.kind_of(cfg).name == "char-rnn"
    model = kinds.kind_of(cfg).build(cfg, {"chars": list("abc")})
    assert isinstance(model, CharRNN) and model.model_args() == {"vocab_size": 3, "n_layer": 2, "n_hidden": 16,
                                                                 "cell": "lstm", "dropout": 0.0}


def test_an_unknown_kind_fails_naming_the_known_kinds():
    with pytest.raises(ValueError, match=r"unknown kind 'translator'; known kinds: char-rnn"):
        load_config(PRESET, ["--kind=translator"])


def test_the_command_line_reports_an_unknown_kind_in_one_line():
    import subprocess, sys
    r = subprocess.run([sys.executable, "-m", "build_models", "train", PRESET, "--kind=captioner"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 2 and "known kinds: char-rnn" in r.stderr and "Traceback" not in r.stderr


@pytest.fixture(scope="module")
def old_run(tmp_path_factory):
    """A tiny run whose checkpoint is rewritten without `kind`, as every checkpoint before kinds was."""
    tmp = tmp_path_factory.mktemp("old")
    cfg = tiny(tmp)
    prepare(cfg)
    from build_models.train import train
    train(cfg)
    ck = checkpoint.load(cfg.run_dir / "ckpt.pt")
    assert ck["kind"] == "char-rnn"  # a new checkpoint records its kind
    del ck["kind"]
    checkpoint.save(ck, cfg.run_dir / "ckpt.pt")
    return tmp


def test_a_checkpoint_without_a_kind_loads_as_char_rnn(old_run):
    cfg = tiny(old_run)
    assert "kind" not in checkpoint.load(cfg.run_dir / "ckpt.pt")
    model, ck = checkpoint.load_model(cfg.run_dir / "ckpt.pt", kind="char-rnn")
    assert isinstance(model, CharRNN) and checkpoint.kind_name(ck) == "char-rnn"
    with pytest.raises(checkpoint.CheckpointError, match="holds a 'char-rnn' model, not the config's kind 'other'"):
        checkpoint.load_model(cfg.run_dir / "ckpt.pt", kind="other")


def test_a_run_without_a_kind_resumes_as_char_rnn(old_run):
    from build_models.train import train
    cfg = tiny(old_run, "--max_iters=20")
    train(cfg)
    assert checkpoint.load(cfg.run_dir / "ckpt.pt")["iter"] == 20


@pytest.mark.parametrize("run, model_id", [("ts-lstm-2x128", "tinyshakespeare-2x128"),
                                           ("ts-rnn-2x256", "tinyshakespeare-rnn")])
def test_a_gpu_checkpoint_loads_as_char_rnn_and_exports_the_shipped_bytes(run, model_id, tmp_path):
    """The GPU runs' checkpoints predate kinds; through the char-rnn kind they give the shipped model.onnx."""
    path = GPU_RUNS / run / "ckpt.pt"
    if not path.is_file():
        pytest.skip(f"the GPU runs are not on this machine ({GPU_RUNS})")
    model, ck = checkpoint.load_model(path)
    assert "kind" not in ck and isinstance(model, CharRNN)
    meta = json.loads((ROOT / "pretrained" / model_id / "meta.json").read_text())
    kind = kinds.get("char-rnn")
    assert kind.meta_kind(model) == meta["kind"] and kind.io_spec(model) == meta["io"]
    kind.export_onnx(model, tmp_path / "model.onnx", meta["architecture"]["weights_dtype"])
    assert sha256_file(tmp_path / "model.onnx") == meta["files"]["model.onnx"]["sha256"]


class Bare(Kind):
    """A kind with none of the optional steps (a stand-in for one that has no sample or analysis yet)."""
    name = "bare"

    def build(self, cfg, vocab):
        return CharRNN(len(vocab["chars"]), cfg.n_layer, cfg.n_hidden, cfg.cell, cfg.dropout)


@pytest.mark.parametrize("step", ["sample", "analyse", "evaluate", "grid", "bench", "timelapse"])
def test_a_step_the_kind_lacks_stops_with_a_message_naming_both(step, monkeypatch, tmp_path):
    monkeypatch.setitem(kinds.KINDS, "bare", Bare())
    with pytest.raises(ValueError, match=rf"step '{step}' is not defined for kind 'bare'"):
        main([step, PRESET, "--kind=bare", f"--runs_dir={tmp_path}/runs", f"--data_dir={tmp_path}/data"])


def test_training_a_kind_without_samples_refuses_timelapse_points_before_it_starts(monkeypatch, tmp_path):
    monkeypatch.setitem(kinds.KINDS, "bare", Bare())
    cfg = tiny(tmp_path, "--kind=bare", "--timelapse_iters=[5]")
    prepare(cfg)
    from build_models.train import train
    with pytest.raises(ValueError, match="'timelapse' is not defined for kind 'bare'"):
        train(cfg)
    assert not (cfg.run_dir / "ckpt.pt").exists()


def test_all_skips_the_steps_a_kind_lacks_with_a_note(monkeypatch, tmp_path, capsys):
    """`all` for a kind with no optional step: prepare and train run, evaluate, analyse and timelapse
    are skipped with a note, and export reaches the kind's ONNX export (which Bare lacks)."""
    monkeypatch.setitem(kinds.KINDS, "bare", Bare())
    args = [f"--data_dir={tmp_path}/data", f"--runs_dir={tmp_path}/runs", f"--out_dir={tmp_path}/pretrained",
            "--kind=bare", "--max_iters=4", "--timelapse_iters=[]", "--timelapse_export_iters=[]"]
    with pytest.raises(NotImplementedError):  # Bare has no ONNX export: export is reached after the skips
        main(["all", PRESET, *args])
    out = capsys.readouterr().out
    assert all(f"{s}: skipped (kind 'bare' has no {s} step)" in out for s in ("evaluate", "analyse", "timelapse"))
    assert checkpoint.load(tmp_path / "runs" / "tiny" / "ckpt.pt")["kind"] == "bare"
