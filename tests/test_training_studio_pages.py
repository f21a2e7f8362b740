"""The training studio's pages say what the code does: every figure their prose quotes (the
defaults, the vocabulary cap, the checkpoint interval, the early-stopping rule, the clipping norm,
the held-out share) is read here from the code that uses it, so the pages cannot drift from it."""
from __future__ import annotations

import inspect
import re
from pathlib import Path

from studio_python import STUDIO
from test_studio_session import session  # noqa: F401  (the fixture)

ROOT = Path(__file__).resolve().parent.parent
LOGIC = (STUDIO / "logic.ts").read_text(encoding="utf-8")
INDEX = (STUDIO / "index.ts").read_text(encoding="utf-8")
OWN = (ROOT / "docs/modules/05-experiments/own-data.md").read_text(encoding="utf-8")
DASHBOARD = (ROOT / "docs/modules/09-implementation/dashboard.md").read_text(encoding="utf-8")
WORDS = {1: "one", 2: "two", 3: "three", 5: "five", 10: "ten"}


def prose(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def ts_default(key: str) -> str:
    return re.search(rf"export const DEFAULTS: Settings = \{{[^}}]*\b{key}: ([^,]+),", LOGIC).group(1).strip('" ')


def ts_const(name: str) -> int:
    return int(re.search(rf"const {name} = ([\d_]+);", INDEX).group(1).replace("_", ""))


def default_of(function, name):
    return inspect.signature(function).parameters[name].default


def test_the_pages_quote_the_defaults(session):
    batch, window = int(ts_default("batch")), int(ts_default("seqLen"))
    every, minutes = int(ts_default("sampleEvery")), int(float(ts_default("minutes")))
    size = re.search(r'medium: \{ layers: 1, hidden: (\d+)', LOGIC).group(1)
    assert ts_default("size") == "medium" and ts_default("cell") == "lstm"
    own, dash = prose(OWN), prose(DASHBOARD)
    assert f"an LSTM of {size} units trained for {WORDS[minutes]} minutes" in own
    assert f"Every {every} iterations" in own and f"({every} by default)" in dash
    assert f"{batch} windows of {window} characters at a time" in dash


def test_the_pages_quote_the_vocabulary_cap_the_split_and_the_clipping(session):
    cap = default_of(session.prepare, "max_vocab")
    share = default_of(session.prepare, "val_fraction")
    clip = default_of(session.studio_trainer.Trainer.__init__, "clip")
    own, dash = prose(OWN), prose(DASHBOARD)
    assert f"more than {cap} distinct characters keeps the {cap - 1} commonest" in own
    assert {0.1: "the last tenth of the text is held out"}[share] in own
    assert f"the gradient clipped at norm {clip:g}" in own and f"gradient norm clipped at {clip:g}" in dash


def test_the_pages_quote_the_checkpoint_interval_and_the_stopping_rules(session):
    seconds = ts_const("SAVE_EVERY_MS") // 1000
    patience = default_of(session.start, "patience")
    delta = default_of(session.start, "min_delta")
    speed_window = int(re.search(r"export function charsPerSecond\([^)]*windowS = (\d+)", LOGIC).group(1))
    overfit_n = int(re.search(r"export function overfitting\([^)]*n = (\d+)", LOGIC).group(1))
    own, dash = prose(OWN), prose(DASHBOARD)
    assert f"saved in your browser every {seconds} seconds" in own
    assert f"once {WORDS[patience]} checks in a row have failed to improve on the best by at least {delta:g} nats" in dash
    assert f"over the last {WORDS[speed_window]} seconds of training" in dash
    assert f"rises at {WORDS[overfit_n]} checks in a row" in dash
