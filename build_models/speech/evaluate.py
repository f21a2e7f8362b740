"""
Measure a trained recogniser on the held-out voices (never heard in training), every test clip
scored at every SNR of test_snrs (its noise seeded by the clip itself, so a rerun is identical).
The answer is the last frame's most probable digit. Writes runs/<model_id>/evaluation.json:
overall accuracy (all SNRs together), by SNR, by digit, by voice and by accent (over all SNRs), the
confusion matrix (rows: the digit said, columns: the answer) per SNR and in total, and the share
of frames whose reading is already the final answer, by position in the word.
"""
import json

import numpy as np
import torch

from . import data
from .features import batch_features
from .model import N_DIGITS
from .train import load_trained

NOISE_SEED = 7


def noisy_waves(clips, snr):
    return np.stack([data.add_noise(c.wave, snr, np.random.default_rng([NOISE_SEED, data.clip_seed(c)]), c.start, c.length)
                     for c in clips])


@torch.no_grad()
def answers(model, clips, cfg, snr):
    """Last-frame answers [N] and per-frame probabilities [N,T,10] of the clips at one SNR."""
    out, probs = [], []
    for s in range(0, len(clips), 128):
        chunk = clips[s:s + 128]
        p = torch.softmax(model(torch.from_numpy(batch_features(noisy_waves(chunk, snr), cfg))), -1)   # [b,T,10]
        out.append(p[:, -1].argmax(-1).numpy())
        probs.append(p.numpy())
    return np.concatenate(out), np.concatenate(probs)


def share(mask):
    return round(float(np.mean(mask)), 4) if len(mask) else None


def evaluate(cfg, clips=None, log=print):
    model = load_trained(cfg)
    clips = clips if clips is not None else data.load_split(cfg, "test")
    truth = np.array([c.digit for c in clips])
    voices, accents = np.array([c.voice for c in clips]), np.array([c.accent for c in clips])
    by_snr, confusion, total = [], {}, np.zeros((N_DIGITS, N_DIGITS), dtype=int)
    right_all, dig_all, voice_all, accent_all = [], [], [], []
    timeline = np.zeros(10)
    for name in cfg.words("test_snrs"):
        got, probs = answers(model, clips, cfg, data.parse_snr(name))
        m = np.zeros((N_DIGITS, N_DIGITS), dtype=int)
        np.add.at(m, (truth, got), 1)
        confusion[name] = m.tolist()
        total += m
        by_snr.append({"snr": name, "n": len(clips), "accuracy": share(got == truth)})
        right_all.append(got == truth)
        dig_all.append(truth)
        voice_all.append(voices)
        accent_all.append(accents)
        # where in the word the per-frame reading becomes the final answer: tenths of the word's frames
        for c, p, g in zip(clips, probs, got):
            first = c.start // cfg.hop
            last = min(p.shape[0], (c.start + c.length) // cfg.hop + 1)
            frames = np.arange(first, max(first + 1, last))
            for k in range(10):
                f = frames[min(len(frames) - 1, int(k / 9 * (len(frames) - 1)))]
                timeline[k] += p[f].argmax() == g
        log(f"{cfg.model_id} test SNR {name}: accuracy {by_snr[-1]['accuracy']:.3f}")
    right, digits = np.concatenate(right_all), np.concatenate(dig_all)
    voices_x, accents_x = np.concatenate(voice_all), np.concatenate(accent_all)
    ev = {
        "clips": len(clips), "snrs": cfg.words("test_snrs"), "voices": cfg.words("test_voices"),
        "train_voices": cfg.words("train_voices"), "accents": cfg.words("accents"),
        "accuracy": share(right),
        "by_snr": by_snr,
        "by_digit": [{"digit": d, "word": data.DIGITS[d], "accuracy": share(right[digits == d])} for d in range(N_DIGITS)],
        "by_voice": [{"voice": v, "accuracy": share(right[voices_x == v])} for v in cfg.words("test_voices")],
        "by_accent": [{"accent": a, "accuracy": share(right[accents_x == a])} for a in cfg.words("accents")],
        "confusion": {"rows": "digit said", "columns": "answer", "total": total.tolist(), "by_snr": confusion},
        "settled_by_tenth": [round(float(v) / len(right), 4) for v in timeline],
        "noise_seed": NOISE_SEED, "answer": "last frame",
    }
    (cfg.run_dir / "evaluation.json").write_text(json.dumps(ev, indent=1) + "\n")
    log(f"{cfg.model_id}: accuracy {ev['accuracy']:.3f} on {len(clips)} clips of held-out voices x {len(by_snr)} SNRs")
    return ev
