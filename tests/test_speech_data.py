"""build_models/speech's clips: espeak-ng synthesis is deterministic by seed, the clips have the
stated length, rate, placement and noise, and the splits' voices never meet (the shipped model is
checked in test_speech_shipped.py, the pipeline in test_speech_pipeline.py)."""
import shutil

import numpy as np
import pytest

from build_models.speech import data
from build_models.speech.config import load_config
from build_models.speech.features import features
from tests.conftest import missing


@pytest.fixture(scope="module")
def cfg():
    if not shutil.which("espeak-ng"):
        missing("espeak-ng is not installed (make chromium installs it)")
    return load_config("spoken-digits")


@pytest.fixture(scope="module")
def few(cfg):
    """Three clips of the first two test voices, made twice from the same seed."""
    return [data.split_clips(cfg, "test", repeats=1, voices=cfg.words("test_voices")[:2])[:3] for _ in range(2)]


def test_synthesis_is_deterministic_by_seed(few):
    a, b = few
    for x, y in zip(a, b):
        assert np.array_equal(x.wave, y.wave) and (x.speed, x.pitch, x.accent, x.start) == (y.speed, y.pitch, y.accent, y.start)


def test_another_seed_gives_other_clips(cfg, few):
    other = data.split_clips(load_config("spoken-digits", ["--seed=99"]), "test", repeats=1, voices=cfg.words("test_voices")[:2])[:3]
    assert not any(np.array_equal(x.wave, y.wave) for x, y in zip(few[0], other))


def test_a_clip_lasts_clip_seconds_with_the_word_inside_and_silence_around_it(cfg, few):
    n = int(cfg.sample_rate * cfg.clip_seconds)
    lo, hi = cfg.floats("speed_range")
    for c in few[0]:
        assert c.wave.shape == (n,) and c.wave.dtype == np.float32
        assert 0 <= c.start and c.start + c.length <= n and c.length > 0.1 * cfg.sample_rate
        assert not c.wave[:c.start].any() and not c.wave[c.start + c.length:].any()
        assert np.abs(c.wave[c.start:c.start + c.length]).max() > 0.05
        assert lo <= c.speed and cfg.words("accents").count(c.accent) == 1


def test_the_clips_of_a_split_say_each_digit_in_its_voices(cfg, few):
    assert [c.digit for c in few[0]] == [0, 1, 2]
    assert {c.voice for c in few[0]} <= set(cfg.words("test_voices"))


def test_voices_differ_between_the_splits(cfg):
    splits = [set(cfg.words(k)) for k in ("train_voices", "val_voices", "test_voices")]
    assert not (splits[0] & splits[1] or splits[0] & splits[2] or splits[1] & splits[2])
    with pytest.raises(ValueError, match="two splits"):
        load_config("spoken-digits", ["--test_voices=m1,m4"])


def test_two_voices_say_a_digit_differently(cfg):
    a = data.say("seven", "en", cfg.words("train_voices")[0], 170, 50)
    b = data.say("seven", "en", cfg.words("test_voices")[0], 170, 50)
    assert len(a) != len(b) or not np.array_equal(a, b)


@pytest.mark.parametrize("snr", [20.0, 5.0, 0.0])
def test_noise_is_added_at_the_stated_snr_over_the_word(few, snr):
    c = few[0][0]
    noisy = data.add_noise(c.wave, snr, np.random.default_rng(1), c.start, c.length)
    noise = noisy.astype(np.float64) - c.wave
    word = c.wave[c.start:c.start + c.length].astype(np.float64)
    measured = 10 * np.log10(np.mean(word ** 2) / np.mean(noise ** 2))
    assert abs(measured - snr) < 0.3
    assert data.add_noise(c.wave, None, np.random.default_rng(1)) is c.wave


def test_resampling_keeps_a_tone_and_its_frequency():
    t = np.arange(22050) / 22050
    y = data.resample(np.sin(2 * np.pi * 440 * t), 22050, 8000)
    assert len(y) == 8000
    spectrum = np.abs(np.fft.rfft(y))
    assert abs(np.argmax(spectrum) - 440) <= 1 and abs(np.abs(y).max() - 1) < 0.02


def test_the_front_end_gives_t_frames_of_n_mels_and_ignores_the_level(cfg, few):
    c = few[0][0]
    f = features(c.wave, cfg)
    assert f.shape == (1 + (len(c.wave) - cfg.n_fft) // cfg.hop, cfg.n_mels)
    assert np.allclose(features(c.wave * 0.01, cfg), f, atol=1e-4)
