"""
How good a caption is, against the scene's true caption from the grammar: corpus BLEU-4
(sacreBLEU, one reference) and exact measures read through the grammar's parser (data.parse):
exact match, count, and per true object (in caption order) whether the caption names it with the
right shape, colour and size; the relation of two-shape scenes. A caption that is no sentence of
the grammar counts as wrong on every measure but BLEU. The page's "what did it get right" uses
the same rules (widgets/image-captioning/logic.ts); a test compares them.
"""
import sacrebleu

from . import data

FIELDS = ("size", "colour", "shape")


def judge(true_words: list, words: list) -> dict:
    """One caption: {parsed, count, objects: [{size, colour, shape, all}], relation (None if the
    scene has no relation)} with booleans."""
    t, p = data.parse(true_words), data.parse(words)
    objs = []
    for i, obj in enumerate(t["objects"]):
        got = p["objects"][i] if p and i < len(p["objects"]) else (None, None, None)
        row = {f: got[k] == obj[k] for k, f in enumerate(FIELDS)}
        row["all"] = all(row.values())
        objs.append(row)
    rel = None
    if t["relation"] in ("left of", "above"):
        rel = bool(p) and p["relation"] == t["relation"] and all(o["all"] for o in objs)
    return {"parsed": p is not None, "count": bool(p) and len(p["objects"]) == len(t["objects"]),
            "objects": objs, "relation": rel, "exact": words == true_words}


def summarise(trues: list, preds: list) -> dict:
    """Corpus measures over pairs of word lists (shares in [0, 1], BLEU in [0, 100])."""
    js = [judge(t, p) for t, p in zip(trues, preds)]
    objs = [o for j in js for o in j["objects"]]
    rels = [j["relation"] for j in js if j["relation"] is not None]
    share = lambda xs: round(sum(xs) / len(xs), 4) if xs else None   # noqa: E731
    bleu = sacrebleu.metrics.BLEU(tokenize="none").corpus_score([" ".join(p) for p in preds], [[" ".join(t) for t in trues]])
    return {
        "scenes": len(js), "bleu": round(bleu.score, 2),
        "exact": share([j["exact"] for j in js]), "grammatical": share([j["parsed"] for j in js]),
        "count": share([j["count"] for j in js]),
        "object": share([o["all"] for o in objs]), "colour": share([o["colour"] for o in objs]),
        "shape": share([o["shape"] for o in objs]), "size": share([o["size"] for o in objs]),
        "relation": share(rels), "relation_scenes": len(rels),
    }
