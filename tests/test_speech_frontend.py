"""The Spoken Digits widget's front-end (widgets/speech-digits/logic.ts, run in Node by
tests/js/speech.values.ts) against build_models/speech/features.py, the one the model was trained
with: the same WAV gives the same samples and the same log-mel frames; resampling, the silence test
and the one-second window do what the page needs."""
import json
from pathlib import Path

import numpy as np

import jsunit
from build_models.speech.export import read_wav
from build_models.speech.features import log_mel

JS_VALUES = jsunit.values_source("speech")
MODEL = Path(__file__).resolve().parent.parent / "pretrained" / "spoken-digits"


def frontend():
    fe = json.loads((MODEL / "meta.json").read_text())["frontend"]
    return {k: fe[k] for k in ("sample_rate", "n_fft", "hop", "n_mels", "fmin")}, fe


def test_parse_wav_reads_the_samples_python_wrote(js_values):
    wave, rate = read_wav(MODEL / js_values["clip"]["file"])
    assert js_values["clip"]["rate"] == rate and js_values["clip"]["n"] == len(wave)
    assert np.allclose(js_values["clip"]["samples"], wave[:400], atol=1e-7)


def test_the_spectrogram_of_a_bundled_clip_matches_numpy(js_values):
    params, _ = frontend()
    ref = log_mel(read_wav(MODEL / js_values["clip"]["file"])[0], **params)
    got = np.array(js_values["clip"]["mel"], dtype=np.float64).reshape(js_values["clip"]["frames"], params["n_mels"])
    assert got.shape == ref.shape
    assert np.abs(got - ref).max() < 1e-4


def test_the_spectrogram_of_a_chirp_matches_numpy(js_values):
    params, _ = frontend()
    ref = log_mel(np.array(js_values["chirp"]["samples"]), **params)
    got = np.array(js_values["chirp"]["mel"]).reshape(js_values["chirp"]["frames"], params["n_mels"])
    assert got.shape == ref.shape == (1 + (9000 - params["n_fft"]) // params["hop"], params["n_mels"])
    assert np.abs(got - ref).max() < 1e-4


def test_resampling_to_the_model_rate_keeps_the_low_tone_and_drops_the_one_above_nyquist(js_values):
    _, fe = frontend()
    y = np.array(js_values["resampled"]["samples"])
    assert js_values["resampled"]["n"] == fe["sample_rate"] == len(y)
    spectrum = np.abs(np.fft.rfft(y[200:-200] * np.hanning(len(y) - 400)))
    freqs = np.fft.rfftfreq(len(y) - 400, 1 / fe["sample_rate"])
    peak = freqs[np.argmax(spectrum)]
    assert abs(peak - 700) < 3
    # 6 kHz is above the 4 kHz Nyquist: nothing of it may fold down to 2 kHz
    folded = spectrum[np.abs(freqs - 2000) < 20].max()
    assert folded < 0.01 * spectrum.max()


def test_silence_and_a_whisper_below_the_threshold_are_silent_and_a_clip_is_not(js_values):
    assert js_values["silent"] == {"zeros": True, "quiet": True, "clip": False}


def test_a_longer_recording_is_cut_to_the_second_around_the_word(js_values):
    params, fe = frontend()
    assert js_values["window"]["n"] == fe["sample_rate"] * fe["clip_seconds"]
    wave = read_wav(MODEL / js_values["clip"]["file"])[0]
    got = np.array(js_values["window"]["mel"]).reshape(-1, params["n_mels"])
    whole = log_mel(wave, **params)
    # the window holds the word: its loudest frame is the clip's loudest frame
    assert abs(got.max() - whole.max()) < 1e-3


def test_a_file_that_is_not_a_wav_gets_a_sentence(js_values):
    assert "not a WAV file" in js_values["badFile"]
