"""
Spoken digits synthesised with espeak-ng, never read from a file.

A clip: one digit word said by one voice (an espeak-ng variant: its formants and pitch range) in
one accent at a random speed and pitch, trimmed of espeak's own silence, resampled to sample_rate,
placed at a random offset in clip_seconds of silence. Noise (white, at a signal-to-noise ratio
over the word) is added later (add_noise), so that training draws new noise every batch and each
test clip is scored at every SNR. The voices of the three splits are disjoint (config.py): the test
measures voices the model never heard. Everything is drawn from numpy Generators seeded by the
config, and espeak-ng itself is deterministic, so a rerun gives the same clips.
"""
import shutil
import subprocess
import zlib
from dataclasses import dataclass

import numpy as np

DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
ESPEAK_RATE = 22050
SPLIT_SEED = {"train": 0, "val": 1, "test": 2}


class EspeakMissing(RuntimeError):
    pass


def espeak_binary():
    exe = shutil.which("espeak-ng")
    if not exe:
        raise EspeakMissing("espeak-ng is not installed: apt-get install -y --no-install-recommends espeak-ng "
                            "(make chromium does it)")
    return exe


def say(word, accent, voice, speed, pitch):
    """espeak-ng's waveform of `word` (float64 in [-1, 1], 22,050 Hz)."""
    out = subprocess.run([espeak_binary(), "-v", f"{accent}+{voice}", "-s", str(speed), "-p", str(pitch), "--stdout", word],
                         capture_output=True, check=True).stdout
    # a RIFF header of 44 bytes, then 16-bit little-endian mono samples
    if out[:4] != b"RIFF" or out[36:40] != b"data":
        raise RuntimeError(f"espeak-ng gave no WAV for {word!r} in {accent}+{voice}")
    return np.frombuffer(out[44:], dtype="<i2").astype(np.float64) / 32768.0


def trim(x, threshold=0.01):
    """x without the leading and trailing samples below threshold (espeak's own pauses)."""
    loud = np.flatnonzero(np.abs(x) > threshold)
    return x[loud[0]:loud[-1] + 1] if len(loud) else x[:0]


def resample(x, rate_in, rate_out):
    """Band-limited resampling by the FFT (keeps the spectrum below the lower Nyquist)."""
    n_out = int(round(len(x) * rate_out / rate_in))
    spec = np.fft.rfft(x)
    keep = n_out // 2 + 1
    out = np.zeros(keep, dtype=complex)
    m = min(keep, len(spec))
    out[:m] = spec[:m]
    return np.fft.irfft(out, n_out) * (n_out / len(x))


@dataclass
class Clip:
    wave: np.ndarray      # [N] float32, the word at `start` in silence
    digit: int
    voice: str
    accent: str
    speed: int
    pitch: int
    start: int            # first sample of the word
    length: int           # samples of the word


def make_clip(rng, digit, voice, accent, cfg):
    """One clip of `digit`; a word too long for the clip is said again faster."""
    lo, hi = (int(v) for v in cfg.floats("speed_range"))
    speed = int(rng.integers(lo, hi + 1))
    plo, phi = (int(v) for v in cfg.floats("pitch_range"))
    pitch = int(rng.integers(plo, phi + 1))
    n = int(cfg.sample_rate * cfg.clip_seconds)
    while True:
        word = resample(trim(say(DIGITS[digit], accent, voice, speed, pitch)), ESPEAK_RATE, cfg.sample_rate)
        if len(word) <= int(0.9 * n):
            break
        speed += 20
    start = int(rng.integers(0, n - len(word) + 1))
    wave = np.zeros(n)
    wave[start:start + len(word)] = word
    return Clip(wave.astype(np.float32), digit, voice, accent, speed, pitch, start, len(word))


def split_clips(cfg, split, repeats=None, voices=None):
    """Every clip of a split: each of its voices x digits, `repeats` times, each in a random accent."""
    voices = voices or cfg.words(f"{split}_voices")
    repeats = repeats if repeats is not None else (cfg.train_repeats if split == "train" else cfg.test_repeats)
    accents = cfg.words("accents")
    rng = np.random.default_rng([cfg.seed, SPLIT_SEED[split]])
    return [make_clip(rng, d, v, accents[int(rng.integers(len(accents)))], cfg) for v in voices
            for d in range(len(DIGITS)) for _ in range(repeats)]


def add_noise(wave, snr_db, rng, start=None, length=None):
    """wave plus white noise whose power is snr_db below the word's (the word: wave[start:start+length])."""
    if snr_db is None:
        return wave
    word = wave if start is None else wave[start:start + length]
    power = float(np.mean(np.asarray(word, dtype=np.float64) ** 2))
    noise = rng.standard_normal(len(wave)) * np.sqrt(power / 10 ** (snr_db / 10))
    return (wave + noise).astype(np.float32)


def parse_snr(s):
    return None if s == "clean" else float(s)


def clip_seed(clip):
    """A seed of the clip's own identity, so a test clip's noise does not depend on its neighbours."""
    return zlib.crc32(f"{clip.voice}|{clip.accent}|{clip.digit}|{clip.speed}|{clip.pitch}|{clip.start}".encode())


def to_arrays(clips):
    """The clips as arrays (what prepare saves)."""
    return {"waves": np.stack([c.wave for c in clips]), "digits": np.array([c.digit for c in clips]),
            "voices": np.array([c.voice for c in clips]), "accents": np.array([c.accent for c in clips]),
            "speeds": np.array([c.speed for c in clips]), "pitches": np.array([c.pitch for c in clips]),
            "starts": np.array([c.start for c in clips]), "lengths": np.array([c.length for c in clips])}


def from_arrays(a):
    return [Clip(a["waves"][i], int(a["digits"][i]), str(a["voices"][i]), str(a["accents"][i]), int(a["speeds"][i]),
                 int(a["pitches"][i]), int(a["starts"][i]), int(a["lengths"][i])) for i in range(len(a["digits"]))]


def prepare(cfg, log=print):
    """Synthesise the three splits into runs/<model_id>/clips-<split>.npz (skipped when present)."""
    cfg.run_dir.mkdir(parents=True, exist_ok=True)
    for split in ("train", "val", "test"):
        path = cfg.run_dir / f"clips-{split}.npz"
        if path.exists():
            continue
        clips = split_clips(cfg, split)
        np.savez(path, **to_arrays(clips))
        log(f"{split}: {len(clips)} clips, voices {cfg.words(f'{split}_voices')}, "
            f"word lengths {min(c.length for c in clips) / cfg.sample_rate:.2f}-{max(c.length for c in clips) / cfg.sample_rate:.2f} s")


def load_split(cfg, split):
    path = cfg.run_dir / f"clips-{split}.npz"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `python -m build_models.speech prepare {cfg.model_id}`")
    with np.load(path) as a:
        return from_arrays({k: a[k] for k in a.files})
