"""The stress-test models shipped in pretrained/ (kind word-lm, build_models/stress): their files
match meta.json, their settings are their presets', the accuracies meta.json records are what
the ONNX files give on the held-out sets, and Module 8's generated pages are up to date."""
from __future__ import annotations

import hashlib
import json

import pytest

from build_models.stress import data
from build_models.stress.config import load_config
from build_models.stress.evaluate import TEST_SEED
from build_models.stress.model import build, num_params
from conftest import missing_shared
from coursekit import stress_pages, wordlm

MODELS = wordlm.shipped()
CELLS = {"stress-rnn": "rnn", "stress-gru": "gru", "stress-lstm": "lstm", "stress-transformer": "transformer"}


def test_the_four_stress_test_models_are_shipped():
    assert sorted(p.name for p in MODELS) == sorted(CELLS)


@pytest.mark.parametrize("folder", MODELS, ids=lambda p: p.name)
def test_files_match_meta_and_the_preset(folder):
    meta = json.loads((folder / "meta.json").read_text())
    f = folder / "model.onnx"
    assert meta["files"]["model.onnx"] == {"bytes": f.stat().st_size, "sha256": hashlib.sha256(f.read_bytes()).hexdigest()}
    cfg = load_config(folder.name)
    assert meta["architecture"]["cell"] == cfg.cell == CELLS[folder.name]
    assert meta["architecture"]["parameters"] == num_params(build(cfg, len(data.VOCAB)))
    t = meta["training"]
    assert (t["steps"], t["batch_size"], t["learning_rate"], t["train_depth"], t["train_distance"]) == \
           (cfg.steps, cfg.batch_size, cfg.learning_rate, cfg.train_depth, cfg.train_distance)
    assert meta["vocabulary"] == data.VOCAB
    assert meta["tasks"]["brackets"]["end"] == data.END
    assert meta["command"] == f"python -m build_models.stress all {folder.name}"
    assert (folder / "README.md").read_text().startswith(f"# {folder.name}: ")
    assert max(meta["parity"]["max_abs_diff"].values()) <= 1e-4


@pytest.fixture(scope="module")
def held_out():
    """The evaluation's own sets: one generator runs through every size in turn, so all sizes are drawn."""
    cfg = load_config("stress-lstm")
    return {"agreement": data.held_out("agreement", cfg.ints("eval_depths"), cfg.eval_per_size, TEST_SEED["agreement-hard"],
                                       "test", cfg.val_frac, cfg.test_frac, hard=True)[10],
            "brackets": data.held_out("brackets", cfg.ints("eval_distances"), cfg.eval_per_size, TEST_SEED["brackets"],
                                      "test", cfg.val_frac, cfg.test_frac)[320]}


@pytest.mark.parametrize("folder", MODELS, ids=lambda p: p.name)
def test_recorded_accuracies_are_what_the_onnx_file_gives(folder, held_out):
    """Depth 10 and distance 320, both beyond training, recomputed with onnxruntime; a sentence whose
    two forms are within float32 rounding of each other may flip, hence one sentence of slack."""
    m = wordlm.WordModel(folder)
    ev = m.meta["evaluation"]
    right = 0
    for ex in held_out["agreement"]:
        correct, wrong = ex.forms()
        verb = (correct, wrong) if ex.singular else (wrong, correct)
        sg, pl = m.verb_share(ex.words[:ex.verb_at], verb)
        right += (sg > pl) == ex.singular
    recorded = next(r for r in ev["agreement"] if r["depth"] == 10)["hard"]
    assert recorded["n"] == len(held_out["agreement"])
    assert abs(right - round(recorded["accuracy"] * recorded["n"])) <= 1
    closed = sum(_argmax_is_right(m, ex) for ex in held_out["brackets"])
    recorded = next(r for r in ev["brackets"] if r["distance"] == 320)
    assert abs(closed - round(recorded["accuracy"] * recorded["n"])) <= 1


def _argmax_is_right(m, ex) -> bool:
    probs, _ = m.run(ex.words[:-1])
    ends = [probs[-1, m.index[w]] for w in data.END]
    return int(max(range(len(ends)), key=ends.__getitem__)) == ex.env


def test_module8_generated_pages_are_up_to_date():
    if not stress_pages.BENCH.is_file():
        missing_shared("the GPU benchmark ../shared/gpu-runs/bench-h200.json is not on this machine")
    stale = [p.name for p, text in stress_pages.render_all().items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    assert not stale, f"run `python -m coursekit.stress_pages` and commit: {stale}"


def test_the_lstm_coupling_table_counts_what_pytorch_counts():
    import torch
    for H in (64, 128, 256):
        lstm = torch.nn.LSTM(H, H)
        assert f"| {H:,} | {sum(p.numel() for p in lstm.parameters()):,} |" in stress_pages.coupling_table()


def test_the_zoos_vanilla_rnn_ends_with_the_highest_loss_of_its_cell_family_as_8_1_says():
    from pathlib import Path
    root = Path(__file__).resolve().parents[1] / "pretrained"
    metas = [json.loads(p.read_text()) for p in root.glob("*/meta.json")]
    family = {m["families"]["cell"] for m in metas if m.get("families", {}).get("cell")}
    assert len(family) == 1
    name = family.pop()
    members = [m for m in metas if m["id"] == name or m.get("families", {}).get("cell") == name]
    assert {m["architecture"]["cell"] for m in members} == {"rnn", "gru", "lstm"}
    worst = max(members, key=lambda m: m["validation"]["loss_nats"])
    assert worst["architecture"]["cell"] == "rnn"
    assert "the vanilla RNN ends\nwith the highest loss" in (root.parent / "docs/modules/08-modern-landscape/limits.md").read_text()


def test_the_module8_pages_quote_the_measured_accuracies():
    """The figures typed in the overview's TL;DR and § 8.1's reading of the tables, from meta.json."""
    from pathlib import Path
    docs = Path(__file__).resolve().parents[1] / "docs/modules/08-modern-landscape"
    ev = {m.meta["architecture"]["cell"]: m.meta["evaluation"] for m in map(wordlm.WordModel, MODELS)}
    depth10 = {c: next(r for r in e["agreement"] if r["depth"] == 10)["hard"]["accuracy"] for c, e in ev.items()}
    at = lambda c, d: next(r for r in ev[c]["brackets"] if r["distance"] == d)  # noqa: E731
    overview = " ".join((docs / "index.md").read_text().split())
    assert (f"the vanilla RNN is down to {depth10['rnn']:.0%}, the LSTM to {depth10['lstm']:.0%}, "
            f"the GRU to {depth10['gru']:.0%}, and the Transformer stays at {depth10['transformer']:.0%}") in overview
    assert max(at("gru", d)["accuracy"] for d in (320, 640)) < 0.15             # "the GRU falls to chance" (12.5%)
    assert f"the LSTM to about {round(at('lstm', 640)['accuracy'], 1):.0%}" in overview
    nested_best = max(r["nested"]["accuracy"] for r in ev["rnn"]["brackets"])
    assert min(r["plain"]["accuracy"] for r in ev["rnn"]["brackets"]) == 1.0   # "keeps a lone environment at any distance"
    assert f"gets at most {nested_best:.0%}" in overview
    worst_tf = min(min(r["accuracy"], r["nested"]["accuracy"], r["plain"]["accuracy"]) for r in ev["transformer"]["brackets"])
    assert worst_tf > 0.97 and "stays above 97%" in overview
    limits = " ".join((docs / "limits.md").read_text().split())
    train = ev["gru"]["train_distance"]
    assert f"the GRU is down to {at('gru', 4 * train)['accuracy']:.0%}, barely above chance" in limits
    assert 0.6 < at("lstm", 8 * train)["accuracy"] < 0.72 and at("lstm", 4 * train)["accuracy"] > 0.95  # "holds there", "about two in three"
