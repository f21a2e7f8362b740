"""`docs/assets/data/spot-the-bug.json`: samples cut into tokens, with the errors the automatic
checkers of `coursekit.textchecks` find (the answer key)."""
from __future__ import annotations

import json
from pathlib import Path

from coursekit import textchecks as tc
from coursekit.samples.common import LIST_CORPORA, SEED, SPOT_DATA, Loaded, rng_for, sample, speakers, vocabulary

SPOT_PER_MODEL = 4


def spot_the_bug(loaded: Loaded) -> dict:
    """Short samples at temperature 1 whose checkers find 1–6 errors, with the answer key."""
    items = []
    for m in loaded.values():
        cname = m.meta["corpus"]["name"]
        if cname in LIST_CORPORA:
            continue
        rng = rng_for(m.id, "spot-the-bug")
        kept = 0
        for _ in range(40):
            if kept == SPOT_PER_MODEL:
                break
            raw = sample(m, 260, 1.0, rng)
            lines = [l for l in raw.split("\n")[:-1] if l.strip()][:5]
            text = "\n".join(lines)
            if len(text) < 60:
                continue
            tokens, found = tc.check(text, vocabulary(cname), speakers(cname))
            if not 1 <= len(found) <= 6:
                continue
            kept += 1
            items.append({"id": f"{m.id}-{kept}", "model": m.id, "corpus": cname, "temperature": 1.0,
                          "tokens": tokens,
                          "errors": [{"token": f.token, "check": f.check, "why": f.why} for f in found]})
    return {"generated_by": "python -m coursekit.samples", "seed": SEED, "samples": items}


def render(loaded: Loaded) -> dict[Path, str]:
    return {SPOT_DATA: json.dumps(spot_the_bug(loaded), ensure_ascii=False, indent=1) + "\n"}
