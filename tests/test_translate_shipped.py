"""The translators in pretrained/ (build_models/translate): what ships, its size, its recorded
parity and evaluation, and the Module 6/7 pages generated from them (coursekit.translation_pages).
The browser's translations are compared with coursekit.translator in test_translate_browser.py."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_models.translate.config import NOT_TRAINING, load_config, to_dict
from coursekit import translation_pages, translator

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = translator.shipped(ROOT / "pretrained")
IDS = [f.name for f in FOLDERS]
MB = 2**20


def meta_of(model_id):
    return json.loads((ROOT / "pretrained" / model_id / "meta.json").read_text(encoding="utf-8"))


def test_both_translators_of_the_bottleneck_comparison_and_the_size_family_ship():
    assert {"fra-attn", "fra-noattn"} <= set(IDS)
    att, plain = translation_pages.pair([meta_of(i) for i in IDS])
    assert (att["id"], plain["id"]) == ("fra-attn", "fra-noattn")
    family = [i for i in IDS if meta_of(i).get("families", {}).get("size")]
    assert all(meta_of(i)["architecture"]["attention"] for i in family)


@pytest.mark.parametrize("model_id", IDS)
def test_translator_files_are_within_budget_and_store_fp16_weights(model_id):
    meta = meta_of(model_id)
    for f in ("encoder.onnx", "decoder.onnx"):
        path = ROOT / "pretrained" / model_id / f
        assert path.stat().st_size == meta["files"][f]["bytes"] <= 12 * MB
        assert meta["files"][f]["weights_bytes_by_dtype"].get("float16", 0) > meta["files"][f]["weights_bytes_by_dtype"].get("float32", 0)


@pytest.mark.parametrize("model_id", IDS)
def test_translator_agreed_with_pytorch_at_export(model_id):
    par = meta_of(model_id)["parity"]
    assert par["sentences"] >= 20 and par["steps"] > par["sentences"]
    assert max(par["max_abs_diff"].values()) <= 1e-4


@pytest.mark.parametrize("model_id", IDS)
def test_translator_was_trained_by_its_preset(model_id):
    meta = meta_of(model_id)
    cfg = to_dict(load_config(model_id))
    recorded = meta["training"]["command"]
    assert recorded.startswith(f"python -m build_models.translate train {model_id}")
    # the shipped architecture is the preset's
    a = meta["architecture"]
    assert (a["embedding"], a["hidden"], a["attention"]) == (cfg["emb"], cfg["hidden"], cfg["attention"])
    assert meta["evaluation"]["beam"] == cfg["beam"] and "beam" in NOT_TRAINING


@pytest.mark.parametrize("model_id", IDS)
def test_translator_card_quotes_its_own_evaluation(model_id):
    meta = meta_of(model_id)
    card = (ROOT / "pretrained" / model_id / "README.md").read_text(encoding="utf-8")
    ev = meta["evaluation"]
    assert f"greedy **{ev['bleu']['greedy']:.1f}**" in card and f"beam {ev['beam']} **{ev['bleu']['beam']:.1f}**" in card
    for row in ev["by_length"]:
        assert f"| {row['words'][0]}–{row['words'][1]} | {row['sources']:,} | {row['greedy']:.1f} | {row['beam']:.1f} |" in card
    assert "tatoeba.org" in card and "CC-BY 2.0 FR" in card


def test_generated_translation_pages_are_up_to_date():
    stale = [p.name for p, text in translation_pages.render_all().items()
             if not p.is_file() or p.read_text(encoding="utf-8") != text]
    assert not stale, f"run python -m coursekit.translation_pages: {stale}"


def test_reference_translator_recomputes_the_context_vector_from_the_weights():
    import numpy as np
    t = translator.load(ROOT / "pretrained" / "fra-attn")
    out = t.translate("I think that he is right.")
    A = out["attention"]                                   # [T,S]
    assert np.allclose(A.sum(axis=1), 1.0, atol=1e-5)
    assert np.allclose(A @ out["states"][0], out["contexts"], atol=1e-5)
