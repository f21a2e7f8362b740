"""
Evaluate a captioner on held-out scenes: the first eval_scenes of test (combinations seen in
training, new scenes) and of novel (every scene holds a colour-shape pair training never showed).
Greedy words; soft attention uses alpha, hard attention the cell alpha ranks first (the paper's
deterministic test-time choice). Writes runs/<model_id>/evaluation.json: metrics.summarise per
split, by number of shapes, and a few examples.
"""
import json

import torch
import torch.nn.functional as F

from . import data, metrics
from .train import load_trained, tensors

MAX_WORDS = 16   # the longest caption of the grammar has 14 words


@torch.no_grad()
def greedy(model, img, hard=False, max_words=MAX_WORDS):
    """img [B,3,64,64] -> (list of word lists, weights [B,T,64] used for each word)."""
    grid = model.encoder(img)
    gp = model.att_grid(grid)
    h, c, alpha = model.start(grid)
    B = img.shape[0]
    word = torch.full((B,), data.INDEX[data.BOS], dtype=torch.long)
    out, used, done = [], [], torch.zeros(B, dtype=torch.bool)
    for _ in range(max_words + 1):
        w = F.one_hot(alpha.argmax(-1), alpha.shape[1]).float() if hard else alpha
        logits, h, c, alpha = model.step(word, h, c, grid, w, gp)
        word = logits.argmax(-1)
        out.append(word)
        used.append(w)
        done |= word == data.INDEX[data.EOS]
        if bool(done.all()):
            break
    ids = torch.stack(out, 1).tolist()
    caps = []
    for row in ids:
        row = row[:row.index(data.INDEX[data.EOS])] if data.INDEX[data.EOS] in row else row
        caps.append(data.decode(row))
    return caps, torch.stack(used, 1)


def caption_split(model, split, n, hard, batch=250):
    trues, preds = [], []
    for start in range(0, n, batch):
        img, _ = tensors(split, start, min(batch, n - start), "cpu")
        preds += greedy(model, img, hard)[0]
        trues += [data.caption(s) for s in (data.make_scene(split, i) for i in range(start, start + min(batch, n - start)))]
    return trues, preds


def evaluate(cfg):
    torch.manual_seed(0)
    model = load_trained(cfg)
    hard = cfg.attention == "hard"
    out = {"attention": cfg.attention, "decoding": "greedy words; " + ("the top cell of alpha" if hard else "alpha-weighted context")}
    for split in ("test", "novel"):
        trues, preds = caption_split(model, split, cfg.eval_scenes, hard)
        res = metrics.summarise(trues, preds)
        res["by_shapes"] = {}
        for k in (1, 2, 3):
            idx = [i for i, t in enumerate(trues) if len(data.parse(t)["objects"]) == k]
            if idx:
                res["by_shapes"][str(k)] = metrics.summarise([trues[i] for i in idx], [preds[i] for i in idx])
        res["examples"] = [{"index": i, "true": " ".join(trues[i]), "caption": " ".join(preds[i])} for i in range(min(8, len(trues)))]
        out[split] = res
        print(f"{cfg.model_id} {split}: BLEU {res['bleu']}, exact {res['exact']:.1%}, object {res['object']:.1%}, "
              f"colour {res['colour']:.1%}, relation {res['relation'] or 0:.1%} ({res['scenes']} scenes)")
    out["held_out_pairs"] = sorted(" ".join(p) for p in data.HELD_OUT)
    (cfg.run_dir / "evaluation.json").write_text(json.dumps(out, indent=1) + "\n")
    return out
