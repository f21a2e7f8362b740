"""Module 4's training challenges: each level's text, target and promised time, and what the
training studio's settings for that level measurably reach in that time
(docs/data/studio/challenges.json, which the challenge widget and the page read).

    python -m coursekit.studio_challenges [--check]

The measurement is the studio's own run, replayed in CPython: the same trainer file
(widgets/training-studio/trainer.py), the settings the level presets, the same seed, and a
check every 100 iterations over the same number of characters as the page's. Characters read
become minutes at the studio's speed measured in Chromium (tests/bench_studio.py), so a verdict
never depends on how fast the machine running this is. Deterministic; the three runs take
about a minute and a half side by side on two idle cores.
tests/test_studio_challenges.py replays the first iterations of each level (`measure(until=...)`)
against the committed curves, which pins the file to this code, and checks each promise against
the committed figures; rerun this command after a change to the trainer or a level to replay the
whole runs (git diff then shows what moved).
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import math
import re
import statistics
import sys
from pathlib import Path

from coursekit.generated import command_line

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "docs" / "data" / "studio" / "tinyshakespeare.txt"
OUT = ROOT / "docs" / "data" / "studio" / "challenges.json"
TRAINER = ROOT / "widgets" / "training-studio" / "trainer.py"

# Training characters per second of the studio's defaults in Chromium (Pyodide 0.27.7) on our
# 2-core test machine: tests/bench_studio.py, recorded in BENCHMARKS.md. A faster machine gets
# there sooner; the page shows the reader's own speed while it trains.
BROWSER_CHARS_PER_S = 10_801
# What the page does at each check (widgets/training-studio/index.ts; a test compares).
CHECK_EVERY = 100
VAL_CHARS = 20_000
TRAIN_CHARS = 20_000
# The studio's defaults (widgets/training-studio/logic.ts DEFAULTS, size "medium"; a test compares).
DEFAULTS = {"cell": "lstm", "layers": 1, "hidden": 128, "seq_len": 64, "batch": 32, "lr": 0.003, "seed": 0}
EARLY_STOP = {"patience": 3, "min_delta": 0.01}
# Level 3: the sample the reader judges, drawn as the challenge widget draws it.
WORDS = 100
SAMPLE_TEMPERATURE = 0.8
SAMPLE_SEEDS = 5
WORD_RE = re.compile(r"[A-Za-z']+")

# Each level: the plan's wording, the text (the first `chars` characters of tinyshakespeare, cut
# after a whole line), what is measured, the target, the minutes the page promises, and whether
# the level presets early stopping. On 1 MB it is off: the text does not overfit this model in
# minutes, and the studio's rule (0.01 a check) ended a ten-minute replay while it still improved.
LEVELS = {
    "level1": {
        "stars": 1, "title": "Fit 10 KB", "plan": "Train on 10KB of text, achieve perplexity < 3.0",
        "chars": 10_000, "metric": "train_ppl", "target": 3.0, "minutes": 5, "auto_stop": False,
    },
    "level2": {
        "stars": 2, "title": "Generalise from 100 KB", "plan": "Train on 100KB, achieve perplexity < 2.0",
        "chars": 100_000, "metric": "val_ppl", "target": 6.0, "minutes": 5, "auto_stop": True,
    },
    "level3": {
        "stars": 3, "title": "100 words from 1 MB", "plan": "Train on 1MB, generate 100 coherent words",
        "chars": 1_000_000, "metric": "real_words", "target": 60, "minutes": 5, "auto_stop": False,
    },
    "boss": {
        "stars": 4, "title": "Boss: the hidden text", "plan": "Beat the leaderboard perplexity score!",
        "chars": 1_000_000, "metric": "hidden_ppl", "reference_minutes": 3, "minutes": 5, "auto_stop": False,
    },
}


def _trainer_module():
    spec = importlib.util.spec_from_file_location("studio_trainer", TRAINER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def level_text(full: str, chars: int) -> str:
    """The first `chars` characters of `full`, cut after the last whole line."""
    cut = full.rfind("\n", 0, chars)
    return full[: cut + 1]


def steps_for(minutes: float) -> int:
    """Iterations of the defaults that fit in `minutes` at the browser's measured speed."""
    per_step = DEFAULTS["seq_len"] * DEFAULTS["batch"]
    return int(minutes * 60 * BROWSER_CHARS_PER_S // per_step)


def minutes_for(chars: int) -> float:
    return chars / BROWSER_CHARS_PER_S / 60


def real_words(sample: str, known: set[str]) -> tuple[int, int]:
    """Of the first WORDS words of a sample, how many occur in the level's text (case folded)."""
    words = WORD_RE.findall(sample)[:WORDS]
    return sum(w.lower() in known for w in words), len(words)


def measure(full: str, until: int | None = None) -> dict:
    """Replay each level's run with its preset settings; what it reaches and when. The levels run
    in separate processes at once (each with one BLAS thread), so the replay takes as long as its
    longest level, not the sum. With `until`, only each run's first `until` iterations (its curve
    so far; no sample, no hidden-text score)."""
    ids = [level_id for level_id in LEVELS if level_id != "boss"]  # the Boss is measured in level 3's run
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # inherited by the spawned processes
    with ProcessPoolExecutor(len(ids), mp_context=multiprocessing.get_context("spawn")) as pool:
        return dict(zip(ids, pool.map(measure_level, [full] * len(ids), ids, [until] * len(ids))))


def measure_level(full: str, level_id: str, until: int | None = None) -> dict:
    """One level's run, replayed as the page runs it (its first `until` iterations only, if given)."""
    t = _trainer_module()
    level = LEVELS[level_id]
    text = level_text(full, level["chars"])
    corpus = t.Corpus.from_text(text, val_fraction=0.1)
    trainer = t.Trainer(corpus, **DEFAULTS)
    stopper = t.EarlyStopping(**EARLY_STOP)
    promised = steps_for(level["minutes"])
    curve = []
    reached = None
    hidden_at = {}
    hidden_ids = corpus.encode(full[len(text):]) if level_id == "level3" else None
    reference_step = steps_for(LEVELS["boss"]["reference_minutes"])
    # Stop at every check (every CHECK_EVERY iterations, and the last iteration of the time),
    # and, in level 3's run, where the Boss level's reference time ends.
    stops = set(range(CHECK_EVERY, promised, CHECK_EVERY)) | {promised}
    if hidden_ids is not None:
        stops.add(reference_step)
    if until is not None:
        stops, hidden_ids = {s for s in stops if s <= until}, None
    for stop_at in sorted(stops):
        trainer.train_steps(stop_at - trainer.step)
        if hidden_ids is not None and stop_at in (reference_step, promised):
            hidden_at[stop_at] = trainer.stream_loss(hidden_ids)
        if stop_at % CHECK_EVERY and stop_at != promised:
            continue  # not a check of the page's
        val = trainer.evaluate(max_chars=VAL_CHARS)
        stop = stopper.update(val, trainer.step) and level["auto_stop"]
        point = {"step": trainer.step, "minutes": round(minutes_for(trainer.chars_seen), 2), "val_loss": round(val, 4)}
        if level["metric"] == "train_ppl":
            point["train_loss"] = round(trainer.train_text_loss(max_chars=TRAIN_CHARS), 4)
            value = math.exp(point["train_loss"])
        elif level["metric"] == "val_ppl":
            value = math.exp(point["val_loss"])
        else:
            value = None
        curve.append(point)
        if value is not None and value < level["target"]:
            reached = dict(point, value=round(value, 3))
            break  # the curve up to the target is what the page shows
        if stop:
            break
    entry = {"curve": curve, "reached": reached, "promised_step": promised}
    if level_id == "level3" and until is None:
        # The page marks the words its text lacks: the level's whole text, as here.
        known = set(w.lower() for w in WORD_RE.findall(text))
        weights = trainer.export_weights()
        counts = []
        for seed in range(SAMPLE_SEEDS):
            sample = t.generate(weights, weights["config"], weights["vocabulary"], "\n", 1000, SAMPLE_TEMPERATURE, seed)
            good, total = real_words(sample, known)
            counts.append(round(100 * good / max(1, total)))
        entry["real_words"] = {"step": trainer.step, "per_seed": counts, "median": statistics.median(counts)}
        entry["hidden"] = {str(step): round(loss, 4) for step, loss in hidden_at.items()}
    return entry


def render_all() -> dict[Path, str]:
    full = TEXT.read_text(encoding="utf-8")
    if not full.isascii():
        sys.exit(f"{TEXT} is not ASCII: the page slices it by UTF-16 units, this by code points")
    measured = measure(full)
    levels = []
    for level_id, level in LEVELS.items():
        text = level_text(full, level["chars"])
        m = measured["level3" if level_id == "boss" else level_id]
        entry = {"id": level_id, **{k: v for k, v in level.items() if k != "chars"},
                 "text": {"file": TEXT.name, "start": 0, "end": len(text), "bytes": len(text.encode("utf-8")),
                          "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()},
                 "settings": {**DEFAULTS, "auto_stop": level["auto_stop"]}}
        if level_id == "boss":
            hidden = full[len(text):]
            ref_step, proof_step = steps_for(level["reference_minutes"]), steps_for(level["minutes"])
            entry["hidden"] = {"file": TEXT.name, "start": len(text), "end": len(full),
                               "sha256": hashlib.sha256(hidden.encode("utf-8")).hexdigest()}
            entry["reference"] = {"minutes": level["reference_minutes"], "step": ref_step,
                                  "nats": m["hidden"][str(ref_step)], "perplexity": round(math.exp(m["hidden"][str(ref_step)]), 3)}
            entry["beaten_by"] = {"minutes": level["minutes"], "step": proof_step,
                                  "nats": m["hidden"][str(proof_step)], "perplexity": round(math.exp(m["hidden"][str(proof_step)]), 3)}
        else:
            entry["measured"] = m
        levels.append(entry)
    doc = {"browser_chars_per_s": BROWSER_CHARS_PER_S, "check_every": CHECK_EVERY, "val_chars": VAL_CHARS,
           "train_chars": TRAIN_CHARS, "levels": levels}
    return {OUT: json.dumps(doc, indent=1) + "\n"}


def main(argv: list[str] | None = None) -> int:
    return command_line("coursekit.studio_challenges", __doc__, render_all, ROOT, argv)


if __name__ == "__main__":
    raise SystemExit(main())
