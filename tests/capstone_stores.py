"""What the site's widgets keep in localStorage, in the exact shapes they save, for the browser tests
of Module 10's widgets (which read what the others recorded): a finished studio run, a kept sample,
the event log, and a script that seeds them into a page."""
from __future__ import annotations

import json
import math
import time

NOW = int(time.time() * 1000)
DAY = 86_400_000
# Every write to localStorage refused, as a private window or a full disk does.
DENY_STORAGE = "Storage.prototype.setItem = () => { throw new DOMException('denied', 'SecurityError'); };"


def run(at: int, loss: float, text: str = "linux", layers: int = 1) -> dict:
    """A finished studio run as lib/achievements.ts recordStudioRun stores it."""
    return {"at": at, "text": text, "cell": "lstm", "layers": layers, "hidden": 128, "steps": 1582, "chars": 3_239_936,
            "trainedS": 300, "charsPerS": 10_800, "bestValLoss": loss, "bestValPerplexity": math.exp(loss)}


def kept(at: int, text: str, kind: str = "linux", loss: float = 1.9, seed: str = "int ") -> dict:
    """A sample as the studio's Keep button stores it (lib/samples.ts keptSample)."""
    return {"at": at, "text": text, "seed": seed, "step": 400, "temperature": 0.8, "textKind": kind,
            "textName": f"{kind} (our excerpt)", "cell": "lstm", "layers": 1, "hidden": 128,
            "bestValLoss": loss, "bestValPerplexity": math.exp(loss)}


def log(runs: list[dict]) -> dict:
    """The achievements log (lib/achievements.ts) holding `runs` and nothing imported."""
    return {"runs": runs, "events": [], "imported": {"labs": [], "challenges": [], "detective": False}}


def seed_script(stores: dict) -> str:
    """An init script that stores each value under its key (with the site's prefix) unless the key
    is there already: it runs on every navigation, and must not undo what a page saved."""
    return "".join(f"if (localStorage.getItem({json.dumps('rnn-course:' + k)}) === null) "
                   f"localStorage.setItem({json.dumps('rnn-course:' + k)}, {json.dumps(json.dumps(v))});" for k, v in stores.items())
