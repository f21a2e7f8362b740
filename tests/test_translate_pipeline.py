"""build_models.translate end to end on tests/data/tiny-eng-fra.txt (900 pairs): prepare -> train
(with and without attention, and resume) -> evaluate (sacreBLEU by length) -> export (two ONNX
files, parity with PyTorch, meta.json, card); the decoding rules; the presets."""
import json
import pathlib

import numpy as np
import pytest
import torch

from build_models.translate import data
from build_models.translate.__main__ import main
from build_models.translate.config import NOT_TRAINING, load_config, to_dict
from build_models.translate.decode import beam, greedy
from build_models.translate.evaluate import load_model

DATA = pathlib.Path(__file__).parent / "data"
TINY = ["--corpora_dir=" + str(DATA), "--emb=16", "--hidden=16", "--attn_dim=16", "--epochs=2", "--batch_size=32",
        "--src_vocab=400", "--tgt_vocab=500", "--max_len=10", "--val_frac=0.1", "--test_frac=0.1"]


def dirs(tmp):
    return [f"--data_dir={tmp}/data", f"--runs_dir={tmp}/runs", f"--out_dir={tmp}/pretrained"]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """`all` for a tiny attention model and a tiny one without, through the command line."""
    tmp = tmp_path_factory.mktemp("translate")
    for preset in ("fra-attn", "fra-noattn"):
        assert main(["all", preset, *TINY, *dirs(tmp)]) == 0
    return tmp


def test_split_keeps_every_translation_of_a_sentence_together(tmp_path):
    d = data.prepare(load_config("fra-attn", [*TINY, *dirs(tmp_path)]))
    lines = [l.split("\t") for l in (DATA / "tiny-eng-fra.txt").read_text(encoding="utf-8").splitlines()]
    by_source = {}
    for en, fr in lines:
        by_source.setdefault(data.normalise(en), []).append(fr)
    expected = {"train": 0, "val": 0, "test": 0}
    for src, refs in by_source.items():
        expected[data.split_of(src, 0.1, 0.1)] += len(refs)
    assert {k: d["counts"][k]["pairs"] for k in expected} == expected
    assert any(len(r) > 1 for r in by_source.values())  # the corpus has sentences with several translations
    test_sources = {t["source"] for t in d["test"]}
    assert all(data.split_of(s, 0.1, 0.1) == "test" for s in test_sources)
    assert d["src_words"][:4] == data.SPECIALS == d["tgt_words"][:4]


def test_training_lowers_the_validation_loss_and_resumes(shipped):
    hist = [json.loads(l) for l in (shipped / "runs/fra-attn/metrics.jsonl").read_text().splitlines()]
    assert [h["epoch"] for h in hist] == [1, 2]
    assert hist[1]["val_loss"] < hist[0]["val_loss"]
    # a rerun with one more epoch continues from the checkpoint instead of starting again
    assert main(["train", "fra-attn", *TINY[:-6], "--epochs=3", *TINY[-5:], *dirs(shipped)]) == 0
    hist = [json.loads(l) for l in (shipped / "runs/fra-attn/metrics.jsonl").read_text().splitlines()]
    assert [h["epoch"] for h in hist] == [1, 2, 3]


def test_evaluation_reports_bleu_by_source_length_for_greedy_and_beam(shipped):
    ev = json.loads((shipped / "runs/fra-noattn/evaluation.json").read_text())
    assert ev["attention"] is False and ev["beam"] == 4
    assert sum(r["sources"] for r in ev["by_length"]) == ev["test_sources"]
    assert all(0 <= r["greedy"] <= 100 and 0 <= r["beam"] <= 100 for r in ev["by_length"])
    assert ev["signature"].startswith("nrefs:var|case:mixed|eff:no|tok:13a")
    assert {w["diagnosis"] for w in ev["worst"]} <= {"unknown-word", "repetition", "diffuse-attention", "too-short", "wrong-words"}


@pytest.mark.parametrize("model_id", ["fra-attn", "fra-noattn"])
def test_export_writes_two_onnx_files_that_agree_with_pytorch(shipped, model_id):
    out = shipped / "pretrained" / model_id
    meta = json.loads((out / "meta.json").read_text())
    assert meta["kind"] == "seq2seq-gru" and meta["architecture"]["attention"] == (model_id == "fra-attn")
    assert max(meta["parity"]["max_abs_diff"].values()) <= 1e-4 and meta["parity"]["steps"] > 0
    for f in ("encoder.onnx", "decoder.onnx", "worst.json"):
        assert meta["files"][f]["bytes"] == (out / f).stat().st_size
    # fp16 storage: the weights the files hold are the fp16-rounded weights
    assert meta["files"]["decoder.onnx"]["weights_bytes_by_dtype"].get("float16", 0) > 0
    assert meta["vocabulary"]["target"][:4] == data.SPECIALS
    assert "BLEU" in (out / "README.md").read_text()


def test_hard_attention_override_puts_all_weight_on_one_word(shipped):
    cfg = load_config("fra-attn", [*TINY, *dirs(shipped)])
    model, _ = load_model(cfg)
    src = torch.tensor([[5, 6, 7, 8]])
    states, _, s = model.encoder(src)
    mask = torch.ones(1, 4)
    focus = torch.tensor([[0.0, 0.0, 1.0, 0.0]])
    _, _, alpha, ctx = model.decoder(torch.tensor([data.BOS]), s, states, mask, focus=focus)
    assert torch.equal(alpha, focus) and torch.allclose(ctx, states[:, 2])


def test_beam_of_width_one_is_greedy(shipped):
    cfg = load_config("fra-attn", [*TINY, *dirs(shipped)])
    model, _ = load_model(cfg)
    d = data.load(cfg)
    for t in d["test"][:10]:
        g = greedy(model, torch.tensor([t["src"]]), cfg.max_len)[0][0]
        assert beam(model, t["src"], 1, cfg.max_len)[0] == g


def test_presets_compare_one_thing_at_a_time():
    keys = lambda p: {k: v for k, v in to_dict(load_config(p)).items() if k not in NOT_TRAINING}
    attn, plain = keys("fra-attn"), keys("fra-noattn")
    assert {k for k in attn if attn[k] != plain[k]} == {"attention"}
    for p in ("fra-attn-small", "fra-attn-large"):
        other = keys(p)
        assert {k for k in attn if attn[k] != other[k]} == {"emb", "hidden", "attn_dim"}


def test_unknown_config_key_is_an_error():
    with pytest.raises(KeyError, match="unknown translator config key"):
        load_config("fra-attn", ["--hiden=3"])
