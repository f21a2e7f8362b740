"""Splitting Config into parts changed no preset: every preset of build_models/config/ loads to the
flat dict it loaded to before the split.

tests/data/presets-before.json was written at commit 20ccdb4 (the last commit with the one flat
Config dataclass) by `PYTHONPATH=. python tests/data/dump_presets.py > tests/data/presets-before.json`:
{preset name: to_dict(load_config(name))}. Here the same presets go through the current loader.
"""
import dataclasses
import json
import pathlib

import pytest

from build_models.config import CHAR_RNN, PARTS, PRESETS, Config, load_config, to_dict, training_keys

BEFORE = json.loads((pathlib.Path(__file__).parent / "data" / "presets-before.json").read_text())
# Keys added since 20ccdb4, with the default every preset gets (a preset that sets one is no longer
# comparable with the file and must be checked by hand).
ADDED = {"kind": CHAR_RNN}


def test_every_preset_is_in_the_file():
    assert sorted(BEFORE) == sorted(p.stem for p in PRESETS.glob("*.py"))


@pytest.mark.parametrize("preset", sorted(BEFORE))
def test_a_preset_loads_to_the_same_flat_config_as_before_the_split(preset):
    now = json.loads(json.dumps(to_dict(load_config(preset))))  # as config.json records it
    assert {k: now[k] for k in ADDED} == ADDED
    rest = {k: v for k, v in now.items() if k not in ADDED}
    assert rest == BEFORE[preset]
    # 2 and 2.0 compare equal: the types must agree too (a float stays a float)
    assert {k: type(v) for k, v in rest.items()} == {k: type(v) for k, v in BEFORE[preset].items()}


def test_the_parts_hold_every_key_once_and_config_is_their_union():
    keys = [f.name for part in PARTS for f in dataclasses.fields(part)]
    assert len(keys) == len(set(keys))
    assert keys == [f.name for f in dataclasses.fields(Config)]


def test_override_keys_keep_their_flat_names():
    cfg = load_config("names", ["--n_hidden=64", "--grad_clip=0.5", "--sample_len=10", "--grid_iters=3"])
    assert (cfg.n_hidden, cfg.grad_clip, cfg.sample_len, cfg.grid_iters) == (64, 0.5, 10, 3)


def test_a_config_recorded_before_kinds_compares_as_char_rnn():
    recorded = {k: v for k, v in to_dict(load_config("names")).items() if k != "kind"}
    assert training_keys(recorded) == training_keys(to_dict(load_config("names")))
    assert training_keys({**recorded, "kind": "other"}) != training_keys(recorded)
