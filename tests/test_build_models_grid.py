"""`python -m build_models grid`: the learning-rate x hidden-size grid behind Module 9's
Grid Search Visualizer, on the tiny corpus (seconds), and the shipped docs/data/grid-names.json."""
import json
import pathlib
import re

from build_models.__main__ import main
from build_models.config import Config

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
PRESET = str(DATA / "tiny_config.py")
SHIPPED = ROOT / "docs" / "data" / "grid-names.json"


def run_grid(tmp):
    args = [f"--data_dir={tmp}/data", f"--grid_out_dir={tmp}/out", "--grid_iters=4", "--grid_eval_every=2",
            "--grid_eval_batches=1", "--grid_hidden_sizes=[8, 16]", "--grid_learning_rates=[0.01, 0.1]"]
    assert main(["grid", PRESET, *args]) == 0
    return json.loads((tmp / "out" / "grid-tiny.json").read_text())


def test_grid_writes_every_cell_with_its_curves_and_the_best(tmp_path):
    grid = run_grid(tmp_path)
    assert grid["learning_rates"] == [0.01, 0.1] and grid["hidden_sizes"] == [8, 16]
    cells = {(r["learning_rate"], r["n_hidden"]) for r in grid["runs"]}
    assert cells == {(lr, n) for lr in (0.01, 0.1) for n in (8, 16)}
    for r in grid["runs"]:
        assert [p["iter"] for p in r["curve"]] == [0, 2, 4]
        assert r["final_val_loss"] == r["curve"][-1]["val_loss"]
    best = min(grid["runs"], key=lambda r: r["final_val_loss"])
    assert grid["best"] == {"learning_rate": best["learning_rate"], "n_hidden": best["n_hidden"],
                            "final_val_loss": best["final_val_loss"]}
    # Same seed for every cell: one size starts from the same weights, whatever its learning rate.
    for n in (8, 16):
        starts = {r["curve"][0]["val_loss"] for r in grid["runs"] if r["n_hidden"] == n}
        assert len(starts) == 1


def test_grid_rerun_gives_the_same_losses(tmp_path):
    first = run_grid(tmp_path / "a")
    second = run_grid(tmp_path / "b")
    assert [r["curve"] for r in first["runs"]] == [r["curve"] for r in second["runs"]]


def test_shipped_grid_is_the_default_grid_on_names():
    grid = json.loads(SHIPPED.read_text())
    cfg = Config()
    assert grid["corpus"] == "names" and grid["command"] == "python -m build_models grid names"
    assert grid["learning_rates"] == cfg.grid_learning_rates and grid["hidden_sizes"] == cfg.grid_hidden_sizes
    assert grid["iters"] == cfg.grid_iters and len(grid["runs"]) == len(cfg.grid_learning_rates) * len(cfg.grid_hidden_sizes)
    assert grid["machine"]["threads"] == 1
    readme = (ROOT / "build_models" / "README.md").read_text()
    assert re.search(r"python -m build_models grid names", readme)
