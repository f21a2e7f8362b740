"""The Neural Turing Machines shipped in pretrained/ (kind ntm-copy-step, build_models/memory): their
files match meta.json and their presets, the ONNX files reproduce the recorded check slice bit for
bit, and § 7.4's generated tables and worked examples are what the JSON and the code give."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import numpy as np
import pytest

from build_models.memory import data
from build_models.memory.config import load_config
from build_models.memory.export import INPUTS, KIND, OUTPUTS, PARITY_BOUND, PARITY_BOUND_LONG, run_onnx, session, slice_inputs
from build_models.memory.model import num_params
from build_models.memory.train import build
from coursekit import memory_pages

ROOT = Path(__file__).resolve().parents[1]
PRESETS = ["ntm-copy-8", "ntm-copy-16", "ntm-copy-32"]
PAGE = ROOT / "docs/modules/07-attention/memory.md"
BUDGET = 12 * 1024 * 1024


def meta_of(folder: Path) -> dict:
    return json.loads((folder / "meta.json").read_text())


SHIPPED = [p.parent for p in sorted((ROOT / "pretrained").glob("*/meta.json")) if meta_of(p.parent).get("kind") == KIND]


def test_one_model_per_preset_is_shipped():
    assert sorted(p.name for p in SHIPPED) == sorted(PRESETS)


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda p: p.name)
def test_files_match_meta_and_the_preset(folder):
    meta = meta_of(folder)
    f = folder / "model.onnx"
    assert meta["files"]["model.onnx"] == {"bytes": f.stat().st_size, "sha256": hashlib.sha256(f.read_bytes()).hexdigest()}
    assert f.stat().st_size <= BUDGET
    cfg = load_config(folder.name)
    a = meta["architecture"]
    assert (a["slots"], a["mem_width"], a["hidden"], meta["task"]["width"], meta["task"]["train_max_len"]) == \
           (cfg.slots, cfg.mem_width, cfg.hidden, cfg.width, cfg.train_max_len)
    assert a["parameters"] == num_params(build(cfg))
    assert (meta["training"]["steps"], meta["training"]["batch_size"]) == (cfg.steps, cfg.batch_size)
    assert [r["length"] for r in meta["evaluation"]["by_length"]] == list(range(1, cfg.eval_max_len + 1))
    assert meta["command"] == f"python -m build_models.memory all {folder.name}"
    assert (folder / "README.md").read_text().startswith(f"# {folder.name}: ")
    assert max(meta["parity"]["max_abs_diff"].values()) <= PARITY_BOUND
    assert max(meta["parity"]["max_abs_diff_long"].values()) <= PARITY_BOUND_LONG


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda p: p.name)
def test_the_onnx_file_reproduces_the_recorded_check_slice(folder):
    meta = meta_of(folder)
    sess = session(folder / "model.onnx")
    assert [i.name for i in sess.get_inputs()] == INPUTS and [o.name for o in sess.get_outputs()] == OUTPUTS
    recorded = meta["evaluation"]["check_slice"]["rows"]
    for row, (L, x, y) in zip(recorded, slice_inputs(meta["task"]["width"]), strict=True):
        pred = np.stack([run_onnx(sess, meta, xi)["y"][L + 1:] > 0 for xi in x])
        assert (row["length"], row["bits"]) == (L, y.size)
        assert int((pred == y.astype(bool)).sum()) == row["bits_right"], f"length {L}"


def test_the_generated_tables_and_examples_are_up_to_date(capsys):
    assert memory_pages.main(["--check"]) == 0, capsys.readouterr().out


def test_the_page_includes_every_generated_file():
    text = PAGE.read_text()
    for path in memory_pages.render_all():
        assert f'--8<-- "docs/includes/generated/{path.name}"' in text


def test_the_results_table_shows_each_models_recorded_accuracy():
    table = memory_pages.results_page(memory_pages.shipped())
    metas = memory_pages.shipped()
    for line in table.splitlines():
        m = re.match(r"\| (\d+)(?: \*)? \| (.*) \|$", line)
        if not m:
            continue
        L = int(m.group(1))
        cells = m.group(2).split(" | ")
        for meta, cell in zip(metas, cells, strict=True):
            row = next(r for r in meta["evaluation"]["by_length"] if r["length"] == L)
            assert cell == f"{100 * row['sequence_accuracy']:.1f}% ({100 * row['bit_accuracy']:.1f}%)"


def test_the_worked_addressing_example_is_the_equations_in_numpy():
    e, r = memory_pages.EXAMPLE, memory_pages.addressing_example()
    mem, k = np.array(e["memory"]), np.array(e["key"])
    cos = mem @ k / (np.linalg.norm(mem, axis=1) * np.linalg.norm(k))
    wc = np.exp(e["beta"] * cos) / np.exp(e["beta"] * cos).sum()
    wg = e["g"] * wc + (1 - e["g"]) * np.array(e["w_prev"])
    ws = e["shift"][0] * np.roll(wg, -1) + e["shift"][1] * wg + e["shift"][2] * np.roll(wg, 1)
    w = ws ** e["gamma"] / (ws ** e["gamma"]).sum()
    for got, want in ((r["cos"], cos), (r["content"], wc), (r["gated"], wg), (r["shifted"], ws), (r["final"], w), (r["read"], w @ mem)):
        assert np.allclose(got, want, atol=1e-6)


def test_the_memory_network_example_ties_on_content_and_the_time_feature_picks_the_newest():
    r = memory_pages.memnet_example()
    about = [i for i, f in enumerate(memory_pages.FACTS) if "Mary" in f]
    assert len(about) >= 2 and len({round(r["plain"][i], 12) for i in about}) == 1
    assert r["best"] == max(about)
    assert r["answer"] in memory_pages.FACTS[max(about)].lower()


def test_the_pages_stated_figures_are_the_models_and_the_examples():
    text = PAGE.read_text()
    metas = memory_pages.shipped()
    train, longest = metas[0]["task"]["train_max_len"], max(r["length"] for r in metas[0]["evaluation"]["by_length"])
    assert f"random {metas[0]['task']['width']}-bit" in text
    assert f"(more than {train} vectors)" in text and f"every length from 1 to {longest}\n(twice the longest in training)" in text
    assert longest == 2 * train
    e, r = memory_pages.EXAMPLE, memory_pages.addressing_example()
    top_content = sorted(np.argsort(r["content"])[-2:] + 1)
    assert f"gone to slots {top_content[0]} and {top_content[1]}" in text
    last, now = int(np.argmax(e["w_prev"])) + 1, int(np.argmax(r["final"])) + 1
    assert f"keeps the old focus on slot {last}" in text and now == last + 1   # "the shift moves it forward"


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda p: p.name)
def test_each_model_writes_the_first_vector_to_slot_1_then_steps_backwards(folder):
    # what the page says of the simulator: "ours write the first vector to slot 1 and then step backwards"
    meta = meta_of(folder)
    x, _ = data.copy_example(np.random.default_rng(4), 4, meta["task"]["width"])
    trace = run_onnx(session(folder / "model.onnx"), meta, x)
    N = meta["architecture"]["slots"]
    assert [int(np.argmax(w)) for w in trace["w_write"][:4]] == [0, N - 1, N - 2, N - 3]
