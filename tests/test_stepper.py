"""coursekit.stepper, the Python reference the generated pages and the widget tests step models with.

On the smallest main model (names, 2×128) so the whole file takes a second or two.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from coursekit import stepper

PRETRAINED = Path(__file__).resolve().parent.parent / "pretrained"
TEXT = "anna\nbob\nzoe\n"


@pytest.fixture(scope="module")
def names():
    return stepper.load(PRETRAINED / "names")


def test_stepping_one_character_at_a_time_gives_what_run_returns(names):
    got = names.run(TEXT)
    T, L, H, V = len(TEXT), names.layers, names.hidden, len(names.vocab)
    G = len(names.meta["io"]["outputs"]["gates"]["rows"])
    assert {k: v.shape for k, v in got.items()} == {"logits": (T, V), "h": (T, L, H), "c": (T, L, H), "gates": (T, L, G, H)}
    h, c = names.zero()
    for t, ch in enumerate(TEXT):
        logits, h, c = names.step(ch, h, c)
        np.testing.assert_array_equal(logits, got["logits"][t])
        np.testing.assert_array_equal(h[:, 0], got["h"][t])
        np.testing.assert_array_equal(c[:, 0], got["c"][t])
    only = names.run([names.index[ch] for ch in TEXT], outputs=("c",))
    assert list(only) == ["c"] and np.array_equal(only["c"], got["c"])


def test_greedy_is_the_argmax_loop_and_repeats(names):
    ids = names.generate("\n", 40)
    assert ids == names.generate("\n", 40)
    h, c = names.zero()
    logits, h, c = names.step("\n", h, c)
    want = []
    for _ in range(40):
        want.append(int(np.argmax(logits)))
        logits, h, c = names.step(want[-1], h, c)
    assert ids == want
    assert len(set(ids)) > 3, "a greedy text of one repeated character would prove little"


def test_seeded_sampling_repeats_and_its_filters_reach_greedy(names):
    a = names.generate("\n", 60, temperature=1.5, rng_seed=1)
    assert a == names.generate("\n", 60, temperature=1.5, rng_seed=1)
    assert a != names.generate("\n", 60, temperature=1.5, rng_seed=2)
    greedy = names.generate("\n", 60)
    assert names.generate("\n", 60, temperature=1.5, top_k=1, rng_seed=1) == greedy
    assert names.generate("\n", 60, temperature=1.5, top_p=1e-9, rng_seed=1) == greedy


def test_top_p_counts_the_mass_top_k_left_as_sampling_ts_does():
    logits = np.log([0.5, 0.3, 0.2])
    late = lambda: 0.9  # noqa: E731 (a draw near the top of [0, 1))
    assert stepper.pick_next(logits, 1.0, 0, 0.6, late) == 1      # 0.5 < 0.6: the nucleus is {0, 1}
    assert stepper.pick_next(logits, 1.0, 2, 0.6, late) == 0      # top-2 makes it 0.625: {0} alone
    np.testing.assert_array_equal(stepper.softmax([1.0, 3.0, 3.0], 0), [0, 1, 0])


def test_characters_outside_the_vocabulary_are_refused_or_skipped(names):
    with pytest.raises(ValueError, match="'Q' at position 2"):
        names.run("aQb")
    assert names.encode("aQb", unknown="skip") == names.encode("ab")


def test_an_unknown_kind_is_refused_by_name(tmp_path):
    meta = json.loads((PRETRAINED / "names" / "meta.json").read_text())
    (tmp_path / "meta.json").write_text(json.dumps(dict(meta, kind="word-transformer-step")))
    (tmp_path / "model.onnx").symlink_to(PRETRAINED / "names" / "model.onnx")
    with pytest.raises(stepper.UnknownKindError, match="'word-transformer-step'.*char-lstm-step"):
        stepper.load(tmp_path)


def test_every_shipped_kind_has_a_stepper():
    from coursekit import captioner, ntm, speech, translator, vqa, wordlm
    kinds = {json.loads(p.read_text())["kind"] for p in PRETRAINED.glob("*/meta.json")}
    known = set(stepper.KINDS) | set(translator.KINDS) | set(wordlm.KINDS) | set(speech.KINDS) | set(captioner.KINDS) | set(ntm.KINDS) | set(vqa.KINDS)
    assert kinds <= known, kinds - known
