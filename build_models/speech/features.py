"""
The front-end: a waveform (float, any level) -> log-mel frames [T, n_mels].

  1. peak-normalise (a quiet microphone and a loud clip give the same picture),
  2. frames of n_fft samples every hop samples (no padding: T = 1 + (N - n_fft) // hop),
     each times a periodic Hann window,
  3. power spectrum |rfft|^2 [T, n_fft/2+1],
  4. triangular mel filters (HTK mel scale, fmin..sample_rate/2, no area normalisation) [n_mels, n_fft/2+1],
  5. natural log of (power + LOG_FLOOR).

widgets/speech-digits/logic.ts computes the same in TypeScript (its own FFT); tests/test_speech_frontend.py
compares the two on a clip. meta.json's `frontend` carries these parameters to the page.
"""
import numpy as np

LOG_FLOOR = 1e-6


def hz_to_mel(f):
    return 2595.0 * np.log10(1.0 + np.asarray(f, dtype=np.float64) / 700.0)


def mel_to_hz(m):
    return 700.0 * (10.0 ** (np.asarray(m, dtype=np.float64) / 2595.0) - 1.0)


def mel_filters(sample_rate, n_fft, n_mels, fmin):
    """[n_mels, n_fft//2+1] triangles whose peaks are evenly spaced in mel from fmin to Nyquist."""
    bins = np.arange(n_fft // 2 + 1) * sample_rate / n_fft                       # [K] bin centres in Hz
    edges = mel_to_hz(np.linspace(hz_to_mel(fmin), hz_to_mel(sample_rate / 2), n_mels + 2))
    lo, mid, hi = edges[:-2, None], edges[1:-1, None], edges[2:, None]        # [M,1] each
    up = (bins[None] - lo) / (mid - lo)
    down = (hi - bins[None]) / (hi - mid)
    return np.maximum(0.0, np.minimum(up, down))                              # [M,K]


def hann(n):
    """The periodic Hann window (what an FFT frame wants)."""
    return 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)


def frames_of(wave, n_fft, hop):
    n = 1 + (len(wave) - n_fft) // hop
    idx = np.arange(n_fft)[None] + hop * np.arange(n)[:, None]                # [T, n_fft]
    return wave[idx]


def log_mel(wave, sample_rate=8000, n_fft=256, hop=128, n_mels=32, fmin=60.0):
    """log-mel frames [T, n_mels] (float32) of one waveform, computed in float64."""
    x = np.asarray(wave, dtype=np.float64)
    peak = np.abs(x).max()
    if peak > 0:
        x = x / peak
    spec = np.abs(np.fft.rfft(frames_of(x, n_fft, hop) * hann(n_fft), axis=1)) ** 2   # [T,K]
    mel = spec @ mel_filters(sample_rate, n_fft, n_mels, fmin).T                        # [T,M]
    return np.log(mel + LOG_FLOOR).astype(np.float32)


def frontend_of(cfg):
    """The front-end's parameters, as meta.json records them and log_mel takes them."""
    return {"sample_rate": cfg.sample_rate, "n_fft": cfg.n_fft, "hop": cfg.hop, "n_mels": cfg.n_mels, "fmin": cfg.fmin}


def features(wave, cfg):
    return log_mel(wave, **frontend_of(cfg))


def batch_features(waves, cfg):
    """[B, T, n_mels] for equal-length waveforms [B, N]."""
    return np.stack([features(w, cfg) for w in waves])
