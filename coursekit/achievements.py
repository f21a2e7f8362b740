"""Module 10's milestones and badges: the thresholds they use, every one measured reachable, and the
course figures the achievements widget needs (widgets/achievements/course.json and the page's
include docs/includes/generated/achievements.md).

    python -m coursekit.achievements [--check]   # render both from the committed measurements
    python -m coursekit.achievements --measure   # replay the Code Poet run (about 2 minutes, one core)

The plan's perplexity thresholds (< 2.5, < 1.5 per character) are beyond a model the browser
trains in minutes, so the milestones use the training challenges' measured targets
(docs/data/studio/challenges.json) and Code Poet uses a run we replayed here: the studio's
default model on our Linux C text (docs/data/studio/linux.txt) for the studio's default five
minutes at the browser's measured speed, with the page's checks (docs/data/studio/code-run.json).
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from coursekit import studio_challenges as sc
from coursekit.generated import write_or_check

ROOT = Path(__file__).resolve().parent.parent
CHALLENGES = ROOT / "docs" / "data" / "studio" / "challenges.json"
CODE_TEXT = ROOT / "docs" / "data" / "studio" / "linux.txt"
CODE_RUN = ROOT / "docs" / "data" / "studio" / "code-run.json"
LABS_DIR = ROOT / "docs" / "labs"
COURSE = ROOT / "widgets" / "achievements" / "course.json"
INCLUDE = ROOT / "docs" / "includes" / "generated" / "achievements.md"
CODE_CORPUS = "linux"
MINUTES = 5  # the studio's default training time (widgets/training-studio/logic.ts DEFAULTS.minutes)
# Code Poet's threshold: the replay's best validation loss after five minutes, rounded up to this
# step, so a reader's run with another seed or a slightly slower tab still gets there.
ROUND_UP = 0.05


def measure_code_run() -> dict:
    """Replay the studio's default run on the Linux text as the page runs it: the same trainer,
    split, seed and checks (every 100 iterations over 20,000 validation characters)."""
    t = sc._trainer_module()
    corpus = t.Corpus.from_text(CODE_TEXT.read_text(encoding="utf-8"), val_fraction=0.1, max_vocab=200)
    trainer = t.Trainer(corpus, **sc.DEFAULTS)
    promised = sc.steps_for(MINUTES)
    curve = []
    for stop_at in sorted(set(range(sc.CHECK_EVERY, promised, sc.CHECK_EVERY)) | {promised}):
        trainer.train_steps(stop_at - trainer.step)
        val = trainer.evaluate(max_chars=sc.VAL_CHARS)
        curve.append({"step": trainer.step, "minutes": round(sc.minutes_for(trainer.chars_seen), 2), "val_loss": round(val, 4)})
    return {"corpus": CODE_CORPUS, "settings": sc.DEFAULTS, "minutes": MINUTES, "curve": curve,
            "best_val_loss": min(p["val_loss"] for p in curve)}


def thresholds(challenges: dict, code_run: dict) -> dict:
    """Every number a milestone or badge compares with, from the measurements."""
    levels = {lv["id"]: lv for lv in challenges["levels"]}
    code_best = code_run["best_val_loss"]
    return {
        "gold_level": "level2", "gold_val_ppl": levels["level2"]["target"],
        "diamond_level": "level3", "diamond_words": levels["level3"]["target"],
        "crusher_level": "boss", "crusher_ppl": levels["boss"]["reference"]["perplexity"],
        "champion_cells": 3,  # the plan's "Interpreter: identify 3 interpretable neurons"
        "code_corpus": CODE_CORPUS, "code_val_loss": round(math.ceil(code_best / ROUND_UP) * ROUND_UP, 2),
        "guru_speedup": 2,
    }


def references(challenges: dict, code_run: dict) -> list[dict]:
    """Our reference runs, shown where a class average would be: what the studio's defaults reach."""
    levels = {lv["id"]: lv for lv in challenges["levels"]}
    out = []
    for lid in ("level1", "level2"):
        r = levels[lid]["measured"]["reached"]
        out.append({"what": f"Challenge {levels[lid]['title']}: target {levels[lid]['target']}", "minutes": r["minutes"],
                    "value": f"perplexity {r['value']}"})
    rw = levels["level3"]["measured"]["real_words"]
    out.append({"what": "Challenge 100 words from 1 MB: real words of 100", "minutes": MINUTES,
                "value": f"{rw['median']} (median of {len(rw['per_seed'])} samples)"})
    boss = levels["boss"]
    out.append({"what": "Boss: hidden text", "minutes": boss["reference"]["minutes"], "value": f"perplexity {boss['reference']['perplexity']}"})
    out.append({"what": "Boss: hidden text", "minutes": boss["beaten_by"]["minutes"], "value": f"perplexity {boss['beaten_by']['perplexity']}"})
    out.append({"what": "Studio on Linux C code (validation)", "minutes": MINUTES,
                "value": f"loss {code_run['best_val_loss']} nats/char (perplexity {math.exp(code_run['best_val_loss']):.2f})"})
    return out


def render_all() -> dict[Path, str]:
    challenges = json.loads(CHALLENGES.read_text(encoding="utf-8"))
    code_run = json.loads(CODE_RUN.read_text(encoding="utf-8"))
    th = thresholds(challenges, code_run)
    labs = sorted(p.parent.name for p in LABS_DIR.glob("*/lab.json"))
    course = {"thresholds": th, "labs": labs, "references": references(challenges, code_run)}
    levels = {lv["id"]: lv for lv in challenges["levels"]}
    l2, l3, boss = levels["level2"], levels["level3"], levels["boss"]
    md = f"""<!-- generated by python -m coursekit.achievements; do not edit -->
| Plan | Here | Measured reachable |
|---|---|---|
| Gold: perplexity < 2.5 | validation perplexity < {th['gold_val_ppl']} (challenge level 2, {l2['text']['bytes']:,} bytes of Shakespeare) | our run got there in {l2['measured']['reached']['minutes']} minutes (perplexity {l2['measured']['reached']['value']}) |
| Diamond: 100 coherent words | {th['diamond_words']} of 100 generated words real (challenge level 3, judged by you) | our five samples after {MINUTES} minutes: {", ".join(map(str, l3['measured']['real_words']['per_seed']))} real words |
| Loss Crusher / Linguist: perplexity < 1.5 | the Boss beaten: hidden-text perplexity < {th['crusher_ppl']} (our {boss['reference']['minutes']}-minute run) | our {boss['beaten_by']['minutes']}-minute run scored {boss['beaten_by']['perplexity']} |
| Code Poet: train on code | a finished studio run on our Linux C text with best validation loss < {th['code_val_loss']} nats/char (perplexity {math.exp(th['code_val_loss']):.2f}) | the studio's defaults reached {code_run['best_val_loss']} in {MINUTES} minutes |

Per character, a perplexity of 2.5 is a loss of {math.log(2.5):.3f} nats and 1.5 is {math.log(1.5):.3f} nats.
In five minutes the studio's default model reaches {l3['measured']['curve'][-1]['val_loss']} nats per character
on Shakespeare (perplexity {math.exp(l3['measured']['curve'][-1]['val_loss']):.2f}).
"""
    return {COURSE: json.dumps(course, indent=1) + "\n", INCLUDE: md}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--measure"]:
        CODE_RUN.write_text(json.dumps(measure_code_run(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {CODE_RUN.relative_to(ROOT)}")
        return 0
    return write_or_check(render_all(), "--check" in argv, ROOT)


if __name__ == "__main__":
    raise SystemExit(main())
