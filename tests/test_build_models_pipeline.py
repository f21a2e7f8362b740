"""build_models end to end on the tiny corpus in tests/data: prepare -> train -> evaluate ->
analyse -> timelapse -> export -> parity, plus resume, config checks and clear errors."""
import json
import pathlib
import shutil

import numpy as np
import pytest
import torch

from build_models import checkpoint
from build_models.__main__ import main
from build_models.config import load_config
from build_models.corpora import CorpusError, prepare, load_split

DATA = pathlib.Path(__file__).parent / "data"
PRESET = str(DATA / "tiny_config.py")


def tiny(tmp, *extra):
    return load_config(PRESET, [f"--data_dir={tmp}/data", f"--runs_dir={tmp}/runs", f"--out_dir={tmp}/pretrained", *extra])


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The whole `all` pipeline once, through the command line."""
    tmp = tmp_path_factory.mktemp("pipeline")
    args = [f"--data_dir={tmp}/data", f"--runs_dir={tmp}/runs", f"--out_dir={tmp}/pretrained"]
    assert main(["all", PRESET, *args]) == 0
    return tmp


def test_prepare_writes_contiguous_splits_and_vocabulary(tmp_path):
    cfg = tiny(tmp_path)
    vocab = prepare(cfg)
    text = (DATA / "tiny.txt").read_text()
    assert vocab["chars"] == sorted(set(text))
    (_, a), (_, b), (_, n) = vocab["split"]["train"], vocab["split"]["val"], vocab["split"]["test"]
    assert n == len(text) and text[a - 1] == "\n" and text[b - 1] == "\n"  # cuts fall after newlines
    ids = np.concatenate([load_split(cfg, s) for s in ("train", "val", "test")])
    assert "".join(vocab["chars"][i] for i in ids) == text


def test_altered_corpus_fails_with_clear_message(tmp_path):
    corp = tmp_path / "corpora"
    shutil.copytree(DATA, corp)
    raw = bytearray((corp / "tiny.txt").read_bytes())
    raw[100] ^= 1
    (corp / "tiny.txt").write_bytes(bytes(raw))
    with pytest.raises(CorpusError, match="altered: sha256"):
        prepare(tiny(tmp_path, f"--corpora_dir={corp}"))


def test_missing_corpus_fails_with_clear_message(tmp_path):
    corp = tmp_path / "corpora"
    shutil.copytree(DATA, corp)
    (corp / "tiny.txt").unlink()
    with pytest.raises(CorpusError, match="is missing"):
        prepare(tiny(tmp_path, f"--corpora_dir={corp}"))
    with pytest.raises(CorpusError, match="not in"):
        prepare(tiny(tmp_path, f"--corpora_dir={corp}", "--corpus=nosuch"))


def test_config_rejects_unknown_keys_and_wrong_types():
    with pytest.raises(KeyError, match="unknown config key 'n_hiden'"):
        load_config(PRESET, ["--n_hiden=8"])
    with pytest.raises(TypeError, match="n_hidden"):
        load_config(PRESET, ["--n_hidden=1.5"])
    with pytest.raises(ValueError, match="cell"):
        load_config(PRESET, ["--cell=transformer"])
    assert load_config(PRESET, ["--learning_rate=1", "--timelapse_iters=[5,7]"]).timelapse_iters == [5, 7]


def test_a_preset_takes_its_base_presets_values_and_overrides_some(tmp_path):
    (tmp_path / "a.py").write_text("model_id = 'a'\nn_hidden = 64\nn_layer = 3\n")
    (tmp_path / "b.py").write_text(f"base = {str(tmp_path / 'a.py')!r}\nmodel_id = 'b'\nn_hidden = 32\n")
    cfg = load_config(str(tmp_path / "b.py"))
    assert (cfg.model_id, cfg.n_hidden, cfg.n_layer) == ("b", 32, 3)
    (tmp_path / "a.py").write_text(f"base = {str(tmp_path / 'b.py')!r}\n")
    with pytest.raises(ValueError, match="loop"):
        load_config(str(tmp_path / "b.py"))


def test_resumed_training_matches_uninterrupted_training(tmp_path):
    from build_models.train import train
    cfg = tiny(tmp_path, "--dropout=0.1", "--max_iters=20", "--timelapse_iters=[]")
    prepare(cfg)
    a = train(cfg)
    cfg_b = tiny(tmp_path, "--dropout=0.1", "--max_iters=20", "--timelapse_iters=[]", "--model_id=b", "--stop_at=7")
    train(cfg_b)
    cfg_b.stop_at = 0
    b = train(cfg_b)  # resumes from step 10: weights, optimiser, batch and dropout RNG
    for (k, va), vb in zip(a.state_dict().items(), b.state_dict().values()):
        assert torch.equal(va, vb), k


def test_corrupted_checkpoint_fails_with_clear_message(shipped):
    ck = shipped / "runs" / "tiny" / "ckpt.pt"
    bad = ck.with_name("bad.pt")
    shutil.copy(ck, bad)
    shutil.copy(ck.with_name("ckpt.pt.sha256"), bad.with_name("bad.pt.sha256"))
    raw = bytearray(bad.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    bad.write_bytes(bytes(raw))
    with pytest.raises(checkpoint.CheckpointError, match="corrupted"):
        checkpoint.load(bad)
    bad.with_name("bad.pt.sha256").unlink()  # without the sidecar a truncated file still fails clearly
    bad.write_bytes(bytes(raw[: len(raw) // 3]))
    with pytest.raises(checkpoint.CheckpointError, match="cannot be read"):
        checkpoint.load(bad)


def test_export_writes_model_meta_card_and_passes_parity(shipped):
    out = shipped / "pretrained" / "tiny"
    meta = json.loads((out / "meta.json").read_text())
    assert meta["parity"]["max_abs_logit_diff"] < 1e-4
    assert {"model.onnx", "evaluation.json", "losses.json", "neurons.json", "timelapse.json",
            "timelapse/iter_000010.onnx"} <= set(meta["files"])
    assert meta["vocabulary"] == sorted(set((DATA / "tiny.txt").read_text()))
    assert meta["validation"]["bits_per_char"] == pytest.approx(meta["validation"]["loss_nats"] / np.log(2), abs=1e-3)
    assert meta["training"]["reproduce"].startswith("python -m build_models all ")
    card = (out / "README.md").read_text()
    assert "CPU-trained" in card and "max abs logit diff" in card and "bits per character" in card
    assert meta["sample"]["seed"] == 42 and len(meta["sample"]["text"]) == 60
    curves = json.loads((out / "curves.json").read_text())
    assert [p["iter"] for p in curves["eval"]] == [0, 10, 20, 30] and curves["train"]


def test_timelapse_has_fixed_seed_samples_at_chosen_iterations(shipped):
    tl = json.loads((shipped / "pretrained" / "tiny" / "timelapse.json").read_text())
    assert [p["iter"] for p in tl["points"]] == [10, 20, 30]  # chosen ones plus the final step
    assert all(len(p["sample"]) == 60 for p in tl["points"])
    shipped_iter = json.loads((shipped / "pretrained" / "tiny" / "meta.json").read_text())["training"]["iterations"]
    # the final point runs the shipped model itself, when that is the final step (keep_best may ship an earlier one)
    assert [p.get("onnx") for p in tl["points"]] == ["timelapse/iter_000010.onnx", None,
                                                      "model.onnx" if shipped_iter == 30 else None]


def test_keep_best_ships_the_checkpoint_with_the_lowest_validation_estimate(shipped):
    run = shipped / "runs" / "tiny"
    evals = [json.loads(l) for l in (run / "metrics.jsonl").read_text().splitlines() if "val_loss" in l]
    best = min((e for e in evals if e["iter"] > 0), key=lambda e: e["val_loss"])
    ck = checkpoint.load(run / "best.pt")
    assert (ck["iter"], ck["val_loss"]) == (best["iter"], best["val_loss"])
    meta = json.loads((shipped / "pretrained" / "tiny" / "meta.json").read_text())
    assert meta["training"]["iterations"] == best["iter"]
    assert meta["training"]["checkpoint"] == "best validation estimate"


def test_without_keep_best_the_final_step_ships(tmp_path):
    cfg = tiny(tmp_path, "--keep_best=False", "--timelapse_iters=[]", "--timelapse_export_iters=[]")
    prepare(cfg)
    from build_models.train import train
    train(cfg)
    assert not (cfg.run_dir / "best.pt").exists() and cfg.model_ckpt == cfg.run_dir / "ckpt.pt"


def test_adopt_refuses_a_run_trained_with_another_config(tmp_path):
    from build_models.adopt import adopt
    run = tmp_path / "gpu" / "r1"
    run.mkdir(parents=True)
    cfg = tiny(tmp_path, f"--gpu_runs_dir={tmp_path}/gpu", "--gpu_run=r1")
    recorded = json.loads(json.dumps(__import__("build_models.config", fromlist=["to_dict"]).to_dict(cfg)))
    recorded["n_hidden"] = 32
    (run / "config.json").write_text(json.dumps({"config": recorded}))
    with pytest.raises(ValueError, match="n_hidden 16 vs 32"):
        adopt(cfg)


def test_evaluation_reports_ngram_table_and_loss_dump(shipped):
    ev = json.loads((shipped / "runs" / "tiny" / "evaluation.json").read_text())
    assert [r["n"] for r in ev["ngram"]["table"]] == list(range(1, 7))
    assert ev["ngram"]["best_val_bits"] == min(r["val_bits"] for r in ev["ngram"]["table"])
    dump = json.loads((shipped / "pretrained" / "tiny" / "losses.json").read_text())
    assert len(dump["text"]) == len(dump["rnn_nats"]) == len(dump["ngram_nats"]) == 200
    assert 0 <= ev["novelty"]["novel_share"] <= 1


def test_sample_step_prints_text(shipped, capsys):
    args = [f"--data_dir={shipped}/data", f"--runs_dir={shipped}/runs", f"--out_dir={shipped}/pretrained"]
    main(["sample", PRESET, *args, "--sample_len=30"])
    first = capsys.readouterr().out
    main(["sample", PRESET, *args, "--sample_len=30"])
    assert capsys.readouterr().out == first and len(first) >= 30  # fixed seed: the same text twice


def test_command_line_reports_an_altered_corpus_in_one_line(tmp_path):
    import subprocess, sys
    corp = tmp_path / "corpora"
    shutil.copytree(DATA, corp)
    (corp / "tiny.txt").write_text((DATA / "tiny.txt").read_text().replace("Citizen", "Citizan"))
    r = subprocess.run([sys.executable, "-m", "build_models", "prepare", PRESET, f"--corpora_dir={corp}",
                        f"--data_dir={tmp_path}/data"], capture_output=True, text=True, cwd=DATA.parents[1])
    assert r.returncode == 2 and "altered" in r.stderr and "Traceback" not in r.stderr


def test_help_lists_steps_presets_and_config_keys(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(w in out for w in ["prepare", "timelapse", "tinyshakespeare", "names", "--n_hidden="])


def test_bench_measures_throughput_per_size(tmp_path):
    from build_models.bench import bench
    res = bench(tiny(tmp_path), sizes=[("lstm", 1, 8), ("gru", 1, 8)], steps=2, warmup=1)
    assert [r["cell"] for r in res["rows"]] == ["lstm", "gru"] and all(r["chars_per_s"] > 0 for r in res["rows"])
    assert json.loads((tmp_path / "runs" / "bench-cpu.json").read_text())["rows"] == res["rows"]


@pytest.mark.parametrize("cell", ["gru", "rnn"])
def test_gru_and_rnn_go_through_the_whole_pipeline(tmp_path, cell):
    args = [f"--data_dir={tmp_path}/data", f"--runs_dir={tmp_path}/runs", f"--out_dir={tmp_path}/pretrained",
            f"--cell={cell}", f"--model_id=tiny-{cell}", "--max_iters=10", "--timelapse_iters=[5]",
            "--timelapse_export_iters=[]"]
    assert main(["all", PRESET, *args]) == 0
    out = tmp_path / "pretrained" / f"tiny-{cell}"
    meta = json.loads((out / "meta.json").read_text())
    assert meta["kind"] == f"char-{cell}-step" and meta["io"]["c_used"] is False
    assert meta["parity"]["max_abs_logit_diff"] < 1e-4
    neurons = json.loads((out / "neurons.json").read_text())
    assert set(next(iter(neurons["scores"].values()))) == {"h"}
    assert len(neurons["gate_saturation"][0]) == {"gru": 3, "rnn": 1}[cell]
