"""Module 10's advice on model size and training time for a text of a given size, built only from
what we measured: the training studio's runs on 10 KB, 100 KB and 1 MB of tinyshakespeare
(docs/data/studio/challenges.json, coursekit.studio_challenges) and the character models of our
zoo (pretrained/*/meta.json: size, held-out loss, training time, machine). Writes the rows the
Dataset Explorer reads (widgets/dataset-explorer/advice.json) and the page's table
(docs/includes/generated/data-advice.md).

    python -m coursekit.data_advice [--check]

The rule: a text goes to the measured run nearest its size on a log scale (so the row limits are
the geometric means of neighbouring sizes). For the studio, its default model (the one preset we
measured) and that run's curve: when the validation loss first reached the loss of the sample we
judged readable (level 3's, 67 of 100 words real), where it was best, and whether it then rose
(overfitting: turn early stopping on). For a GPU, the zoo model trained on the nearest corpus.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

from coursekit.generated import command_line
from coursekit.studio_challenges import BROWSER_CHARS_PER_S, DEFAULTS

ROOT = Path(__file__).resolve().parent.parent
CHALLENGES = ROOT / "docs" / "data" / "studio" / "challenges.json"
PRETRAINED = ROOT / "pretrained"
JSON_OUT = ROOT / "widgets" / "dataset-explorer" / "advice.json"
MD_OUT = ROOT / "docs" / "includes" / "generated" / "data-advice.md"
# The studio's runs, smallest text first (level 3's run also gives the readable sample).
STUDIO_LEVELS = ("level1", "level2", "level3")
READABLE_LEVEL = "level3"
# A rise of the validation loss above its best by more than this is overfitting, not noise.
RISE = 0.05


def cut_points(sizes: list[int]) -> list[int | None]:
    """Upper limits (exclusive) of each size's row: the geometric mean with the next size; None last."""
    return [round(math.sqrt(a * b)) for a, b in zip(sizes, sizes[1:])] + [None]


def studio_rows(challenges: dict) -> tuple[dict, list[dict]]:
    levels = {lv["id"]: lv for lv in challenges["levels"]}
    ref = levels[READABLE_LEVEL]["measured"]
    last = ref["curve"][-1]
    readable = {"val_loss": last["val_loss"], "minutes": last["minutes"], "real_words": ref["real_words"]["median"],
                "of": 100, "chars": levels[READABLE_LEVEL]["text"]["end"]}
    rows = []
    for lid in STUDIO_LEVELS:
        lv = levels[lid]
        curve = lv["measured"]["curve"]
        best = min(curve, key=lambda p: p["val_loss"])
        end = curve[-1]
        first = next((p for p in curve if p["val_loss"] <= readable["val_loss"]), None)
        rows.append({
            "level": lid, "chars": lv["text"]["end"],
            "best_val_loss": best["val_loss"], "best_minutes": best["minutes"],
            "end_val_loss": end["val_loss"], "end_minutes": end["minutes"],
            "overfits": end["val_loss"] > best["val_loss"] + RISE,
            "readable_minutes": first["minutes"] if first else None,
        })
    for row, up_to in zip(rows, cut_points([r["chars"] for r in rows])):
        row["up_to"] = up_to
    return readable, rows


def zoo_rows() -> list[dict]:
    """One character LSTM per corpus of the zoo: where a corpus has several sizes, the best on its
    test split (the others are listed, since they show what a bigger model did)."""
    by_corpus: dict[str, list[dict]] = {}
    for meta_path in sorted(PRETRAINED.glob("*/meta.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        arch = meta.get("architecture", {})
        if meta.get("kind") != "char-lstm-step" or "corpus" not in meta:
            continue
        split = meta["corpus"]["split"]
        t = meta["training"]
        by_corpus.setdefault(meta["corpus"]["name"], []).append({
            "model": meta["id"], "corpus": meta["corpus"]["name"], "chars": split["test"][1],
            "train_chars": split["train"][1] - split["train"][0],
            "layers": arch["layers"], "hidden": arch["hidden"], "parameters": arch["parameters"],
            "val_loss": meta["validation"]["loss_nats"], "test_loss": meta["test"]["loss_nats"],
            "minutes": round(t["seconds"] / 60, 1), "device": t["machine"]["device"],
        })
    rows = []
    for models in by_corpus.values():
        best = min(models, key=lambda m: m["test_loss"])
        others = sorted((m for m in models if m is not best), key=lambda m: m["parameters"])
        rows.append(dict(best, compared=[{k: m[k] for k in ("model", "layers", "hidden", "parameters", "test_loss")} for m in others]))
    rows.sort(key=lambda r: r["chars"])
    for row, up_to in zip(rows, cut_points([r["chars"] for r in rows])):
        row["up_to"] = up_to
    return rows


def advice() -> dict:
    challenges = json.loads(CHALLENGES.read_text(encoding="utf-8"))
    readable, studio = studio_rows(challenges)
    return {
        "chars_per_s": BROWSER_CHARS_PER_S,
        "model": {"preset": "medium", "cell": DEFAULTS["cell"], "layers": DEFAULTS["layers"], "hidden": DEFAULTS["hidden"]},
        "readable": readable, "rise": RISE, "studio": studio, "zoo": zoo_rows(),
    }


def _limit(lo: int | None, hi: int | None) -> str:
    if lo is None:
        return f"under {hi:,}"
    return f"{lo:,} and more" if hi is None else f"{lo:,} to {hi:,}"


def render_md(a: dict) -> str:
    m = a["model"]
    lines = [
        f"The studio's default model ({m['layers']} layer × {m['hidden']} units, {m['cell'].upper()}) at its measured "
        f"{a['chars_per_s']:,} characters a second; *readable* is the validation loss of the sample we judged "
        f"readable ({a['readable']['val_loss']:.3f} nats, {a['readable']['real_words']} of its first {a['readable']['of']} "
        "words real words).", "",
        "| Your text (characters) | Measured on | Readable after | Best validation loss | Then | Early stopping |",
        "|---|---|---|---|---|---|",
    ]
    lo = None
    for r in a["studio"]:
        readable = f"{r['readable_minutes']:.1f} min" if r["readable_minutes"] is not None else "never"
        then = "rose: overfitting" if r["overfits"] else "still falling at the end"
        lines.append(f"| {_limit(lo, r['up_to'])} | {r['chars']:,} characters of tinyshakespeare | {readable} | "
                     f"{r['best_val_loss']:.3f} at {r['best_minutes']:.1f} min | {then} | {'on' if r['overfits'] else 'off'} |")
        lo = r["up_to"]
    lines += ["", "Beyond the browser: the model of our zoo trained on the corpus nearest in size "
              "(where we trained several sizes, the one best on held-out text; the others in brackets).", "",
              "| Your text (characters) | Our corpus (characters) | Model | Parameters | Held-out loss (validation / test) | Training time |",
              "|---|---|---|---|---|---|"]
    lo = None
    for r in a["zoo"]:
        also = ", ".join(f"{c['layers']}×{c['hidden']}: test {c['test_loss']:.3f}" for c in r["compared"])
        lines.append(f"| {_limit(lo, r['up_to'])} | {r['corpus']} ({r['chars']:,}) | {r['layers']}×{r['hidden']} LSTM{f' ({also})' if also else ''} | "
                     f"{r['parameters']:,} | {r['val_loss']:.3f} / {r['test_loss']:.3f} nats | {r['minutes']:.1f} min on {r['device']} |")
        lo = r["up_to"]
    return "\n".join(lines) + "\n"


def render_all() -> dict[Path, str]:
    a = advice()
    return {JSON_OUT: json.dumps(a, indent=1, ensure_ascii=False) + "\n", MD_OUT: render_md(a)}


def main(argv: list[str] | None = None) -> int:
    return command_line("coursekit.data_advice", __doc__, render_all, ROOT, argv)


if __name__ == "__main__":
    raise SystemExit(main())
