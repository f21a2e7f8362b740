"""Module 4's training challenges keep their promises: every level's target is reached by the
studio's settings for that level within the minutes the page gives. The figures are the page's run
replayed in CPython (coursekit.studio_challenges: the studio's own trainer and checks, iterations
converted to minutes at the studio's measured Chromium speed, so no verdict depends on this
machine's speed), committed in challenges.json, which the page shows.

Here each level's first PREFIX iterations are replayed and must give the committed curve: the
replay is deterministic, so the committed file is this code's output (a change to the trainer, the
settings or a level moves the first checks too). The whole runs take minutes of CPU; the promises
are then checked on the committed figures. `python -m coursekit.studio_challenges` replays them
whole."""
from __future__ import annotations

import json
import math
import re
import statistics
from pathlib import Path

import pytest

from coursekit import studio_challenges as sc

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = json.loads(sc.OUT.read_text(encoding="utf-8"))
LEVELS = {lvl["id"]: lvl for lvl in COMMITTED["levels"]}
STUDIO_LOGIC = (ROOT / "widgets" / "training-studio" / "logic.ts").read_text(encoding="utf-8")
STUDIO_INDEX = (ROOT / "widgets" / "training-studio" / "index.ts").read_text(encoding="utf-8")


PREFIX = sc.CHECK_EVERY


@pytest.fixture(scope="module")
def replay():
    """Each level's first PREFIX iterations replayed, the levels side by side."""
    return sc.measure(sc.TEXT.read_text(encoding="utf-8"), until=PREFIX)


def ts_default(key: str) -> str:
    return re.search(rf"export const DEFAULTS: Settings = \{{[^}}]*\b{key}: ([^,]+),", STUDIO_LOGIC).group(1).strip('" ')


def test_the_replay_uses_the_studios_defaults_and_checks():
    medium = re.search(r"medium: \{ layers: (\d+), hidden: (\d+)", STUDIO_LOGIC)
    assert (ts_default("cell"), ts_default("size")) == (sc.DEFAULTS["cell"], "medium")
    assert (int(medium.group(1)), int(medium.group(2))) == (sc.DEFAULTS["layers"], sc.DEFAULTS["hidden"])
    assert int(ts_default("seqLen")) == sc.DEFAULTS["seq_len"] and int(ts_default("batch")) == sc.DEFAULTS["batch"]
    assert float(ts_default("lr")) == sc.DEFAULTS["lr"]
    assert int(ts_default("sampleEvery")) == sc.CHECK_EVERY
    assert int(re.search(r"const VAL_CHARS = ([\d_]+);", STUDIO_INDEX).group(1).replace("_", "")) == sc.VAL_CHARS


def test_the_browser_speed_is_the_one_the_benchmark_recorded():
    benchmarks = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert f"| Pyodide in Chromium, the studio's own speed figure | {sc.BROWSER_CHARS_PER_S:,} chars/s |" in benchmarks


def test_the_hidden_text_is_outside_every_levels_text_and_fully_in_its_vocabulary():
    boss = LEVELS["boss"]
    full = sc.TEXT.read_text(encoding="utf-8")
    assert all(lvl["text"]["end"] <= boss["hidden"]["start"] for lvl in LEVELS.values())
    assert boss["hidden"]["end"] == len(full)
    trained = set(full[: boss["text"]["end"]])
    assert set(full[boss["hidden"]["start"]:]) <= trained


@pytest.mark.parametrize("level_id", ["level1", "level2", "level3"])
def test_each_levels_committed_run_begins_as_the_replay_does(replay, level_id):
    """Float32 sums may differ in the last bits between BLAS builds: a loss may move in the fourth decimal."""
    shown, got = LEVELS[level_id]["measured"]["curve"], replay[level_id]["curve"]
    assert [p["step"] for p in got] == [sc.CHECK_EVERY * (i + 1) for i in range(PREFIX // sc.CHECK_EVERY)]
    for a, b in zip(shown, got):
        assert a == pytest.approx(b, abs=2e-3)


@pytest.mark.parametrize("level_id", ["level1", "level2", "level3"])
def test_each_committed_check_is_timed_at_the_browsers_speed(level_id):
    curve = LEVELS[level_id]["measured"]["curve"]
    chars_per_step = sc.DEFAULTS["batch"] * sc.DEFAULTS["seq_len"]
    for point in curve:
        assert point["minutes"] == pytest.approx(sc.minutes_for(point["step"] * chars_per_step), abs=0.006)
    assert [p["step"] for p in curve[:-1]] == [sc.CHECK_EVERY * (i + 1) for i in range(len(curve) - 1)]


@pytest.mark.parametrize("level_id", ["level1", "level2"])
def test_a_perplexity_level_is_reached_within_the_minutes_it_promises(level_id):
    lvl = LEVELS[level_id]
    reached, last = lvl["measured"]["reached"], lvl["measured"]["curve"][-1]
    assert reached is not None, f"{level_id} never got below {lvl['target']}"
    loss = last["train_loss"] if lvl["metric"] == "train_ppl" else last["val_loss"]
    assert reached["value"] == pytest.approx(math.exp(loss), abs=1e-3) and reached["step"] == last["step"]
    assert reached["value"] < lvl["target"]
    assert reached["step"] <= sc.steps_for(lvl["minutes"])
    assert reached["minutes"] <= lvl["minutes"]


def test_level_three_samples_have_enough_real_words_after_its_minutes():
    lvl = LEVELS["level3"]
    got = lvl["measured"]["real_words"]
    assert lvl["measured"]["curve"][-1]["step"] == got["step"] == sc.steps_for(lvl["minutes"]), "the run stopped before its time"
    assert len(got["per_seed"]) == sc.SAMPLE_SEEDS and got["median"] == statistics.median(got["per_seed"])
    assert got["median"] >= lvl["target"]


def test_the_boss_reference_is_beaten_by_training_the_defaults_longer():
    boss = LEVELS["boss"]
    hidden = LEVELS["level3"]["measured"]["hidden"]
    for key, minutes in (("reference", boss["reference_minutes"]), ("beaten_by", boss["minutes"])):
        step = sc.steps_for(minutes)
        assert boss[key]["step"] == step and boss[key]["nats"] == hidden[str(step)]
        assert boss[key]["perplexity"] == pytest.approx(math.exp(boss[key]["nats"]), abs=1e-3)
    assert boss["beaten_by"]["nats"] < boss["reference"]["nats"]
