"""
Export a trained captioner to pretrained/<model_id>/:
  encoder.onnx  image float32 [1,3,64,64] in [0,1] -> grid [1,64,C] (the 8x8 cells, row by row),
                fmap [1,C,8,8] (the same features as maps, for the page), h, c [1,H] (the decoder's
                first state) and alpha [1,64] (where the first word looks)
  decoder.onnx  one word: word int64 [1] (the previous word), h, c [1,H], grid [1,64,C], weights
                [1,64] (the attention to use: alpha itself for soft attention, a one-hot cell for
                hard) -> logits [1,V], h_out, c_out, alpha_next [1,64] (proposed for the next word)
  meta.json     kind "captioner", vocabulary, the scene world (colours, sizes, canvas), architecture,
                evaluation, the ONNX loop's metrics on a slice, parity, files, training, command
  README.md     the card
With weights_dtype float16 (the presets') the weights are rounded to fp16 (train.load_trained),
stored as fp16 and computed in fp32 (export.store_fp16): half the download, and every figure in
meta.json (evaluate's and the slice's) is the rounded model's.
"""
import datetime
import json

import numpy as np
import torch
import torch.nn as nn

from ..corpora import sha256_file
from ..export import run_records, save_onnx, weights_dtypes
from ..stress.export import commit
from . import data, metrics
from .evaluate import greedy
from .model import GRID, num_params
from .train import load_trained, tensors

KIND = "captioner"
PARITY_BOUND = 1e-4


class EncoderFile(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, image):
        grid = self.model.encoder(image)                                    # [1,64,C]
        fmap = grid.transpose(1, 2).reshape(1, -1, GRID, GRID)              # [1,C,8,8]
        h, c, alpha = self.model.start(grid)
        return grid, fmap, h, c, alpha


class DecoderFile(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, word, h, c, grid, weights):
        return self.model.step(word, h, c, grid, weights)


def write_onnx(model, out, weights_dtype="float32"):
    C, H = model.args["channels"], model.args["hidden"]
    save_onnx(EncoderFile(model).eval(), (torch.rand(1, 3, data.SIZE, data.SIZE),), out / "encoder.onnx", ["image"],
              ["grid", "fmap", "h", "c", "alpha"], None, weights_dtype)
    args = (torch.tensor([data.INDEX[data.BOS]]), torch.zeros(1, H), torch.zeros(1, H), torch.rand(1, GRID * GRID, C),
            torch.full((1, GRID * GRID), 1 / GRID ** 2))
    save_onnx(DecoderFile(model).eval(), args, out / "decoder.onnx", ["word", "h", "c", "grid", "weights"],
              ["logits", "h_out", "c_out", "alpha_next"], None, weights_dtype)


@torch.no_grad()
def parity(model, out, n=20):
    """Largest difference between PyTorch and onnxruntime over the greedy captions of n test scenes
    (both attentions), every output of every step."""
    from coursekit.captioner import load
    cap = load(out)
    worst = {k: 0.0 for k in ("grid", "fmap", "h", "c", "alpha", "logits")}
    for i in range(n):
        img, _ = tensors("test", i, 1, "cpu")
        enc = cap.encode(img.numpy())
        ref = EncoderFile(model)(img)
        for k, r in zip(("grid", "fmap", "h", "c", "alpha"), ref):
            worst[k] = max(worst[k], float(np.abs(enc[k] - r.numpy()).max()))
        h, c, grid = ref[2], ref[3], ref[0]
        for hard in (False, True):
            got = cap.caption_image(img.numpy(), mode="hard" if hard else "soft")
            word, hh, cc = torch.tensor([data.INDEX[data.BOS]]), h, c
            for t, w in enumerate(got["weights"]):   # replay the ONNX loop's own choices in PyTorch
                lg, hh, cc, _ = model.step(word, hh, cc, grid, torch.from_numpy(w[None]))
                worst["logits"] = max(worst["logits"], float(np.abs(got["logits"][t] - lg[0].numpy()).max()))
                word = torch.tensor([got["ids"][t]])
    return {"max_abs_diff": {k: float(f"{v:.3g}") for k, v in worst.items()}, "scenes": n}


def slice_metrics(folder, cfg, mode):
    """The ONNX loop's metrics on the first slice_scenes of test and novel (a test reproduces them)."""
    from coursekit.captioner import load
    cap = load(folder)
    res = {}
    for split in ("test", "novel"):
        scenes = [data.make_scene(split, i) for i in range(cfg.slice_scenes)]
        preds = [cap.caption_scene(s, mode=mode)["words"] for s in scenes]
        res[split] = metrics.summarise([data.caption(s) for s in scenes], preds)
    return res


def stored(a):
    """The card's sentence on how the weights are stored."""
    if a["weights_dtype"] == "float16":
        return ("the trained fp32 weights rounded to fp16, stored as fp16 in the ONNX files and computed in fp32 "
                "(the held-out figures and parity below are the rounded model's; the validation loss above, the run's).")
    return "fp32, as trained."


def card(meta):
    ev, a, tr = meta["evaluation"], meta["architecture"], meta["training"]
    rows = "\n".join(f"| {name} | {ev[s]['scenes']} | {ev[s]['bleu']:.1f} | {ev[s]['exact']:.1%} | {ev[s]['object']:.1%} | "
                     f"{ev[s]['colour']:.1%} | {ev[s]['shape']:.1%} | {ev[s]['size']:.1%} | {ev[s]['relation']:.1%} |"
                     for s, name in (("test", "test (new scenes)"), ("novel", "novel (held-out colour-shape pairs)")))
    how = ("soft attention: each word reads the alpha-weighted mean of the 64 cells" if a["attention"] == "soft" else
           "hard attention: each word reads one cell sampled from alpha, trained with REINFORCE from captioner-soft's "
           "weights; evaluated with the cell alpha ranks first")
    return f"""# {meta['id']}: Module 6's captioner of synthetic scenes ({a['attention']} attention)

A show-attend-and-tell captioner of the small world of build_models/scenes/data.py: 64x64 images of
1-3 flat shapes ({', '.join(meta['world']['shapes'])}; {len(meta['world']['colours'])} colours; small or large) on a plain or
noisy background, captioned by a grammar. It knows only this world: a photo gets a caption of
shapes and colours, nothing else.

- **Architecture**: CNN encoder (4 convolutions, x/y coordinate channels) to an 8x8 grid of
  {a['channels']} features; LSTM decoder of {a['hidden']} units, word embedding {a['emb']}, additive attention of width
  {a['att']}; {how}. {a['parameters']:,} parameters.
- **Training**: {tr['steps']:,} batches of {tr['batch_size']} freshly rendered scenes, {tr['seconds'] / 60:.1f} minutes on
  {tr['machine']['device']} (one thread); final validation loss {tr['val_loss']:.4f} nats per word{' (with cells sampled from alpha)' if a['attention'] == 'hard' else ''}.
- **Weights**: {stored(a)}

Held-out scenes, greedy captions (BLEU-4 against the grammar's caption; exact = the whole caption;
object = size, colour and shape of a true object all named in its place; relation = two-shape
scenes whose caption has both objects and the relation right):

| split | scenes | BLEU | exact | object | colour | shape | size | relation |
|---|---|---|---|---|---|---|---|---|
{rows}

Held-out pairs (never in training): {', '.join(ev['held_out_pairs'])}.

ONNX parity with PyTorch ({meta['parity']['scenes']} scenes, every output of every step): largest difference
{max(meta['parity']['max_abs_diff'].values()):.2g}.

Rebuild: `{meta['command']}`
"""


def export(cfg, command=""):
    model = load_trained(cfg)
    ev, tr, out = run_records(cfg, "python -m build_models.scenes")
    write_onnx(model, out, cfg.weights_dtype)
    V, H, C = len(data.VOCAB), cfg.hidden, cfg.channels
    meta = {
        "id": cfg.model_id, "kind": KIND,
        "created": datetime.date.today().isoformat(), "commit": commit(),
        "vocabulary": data.VOCAB, "specials": {"pad": data.PAD, "bos": data.BOS, "eos": data.EOS},
        "world": {"size": data.SIZE, "grid": GRID, "shapes": data.SHAPES, "colours": data.COLOURS, "sizes": data.SIZES,
                  "background": data.BACKGROUND, "noise": data.NOISE, "max_shapes": data.MAX_SHAPES,
                  "held_out": sorted(list(p) for p in data.HELD_OUT)},
        "decoding": {"max_words": 16, "attention": cfg.attention},
        "architecture": {"attention": cfg.attention, "channels": C, "emb": cfg.emb, "hidden": H, "att": cfg.att,
                         "grid": [GRID, GRID], "parameters": num_params(model),
                         # what the files store; the model computes in fp32 either way (export.store_fp16)
                         "weights_dtype": cfg.weights_dtype},
        "io": {"encoder": {"inputs": {"image": [1, 3, data.SIZE, data.SIZE]},
                           "outputs": {"grid": [1, GRID * GRID, C], "fmap": [1, C, GRID, GRID], "h": [1, H], "c": [1, H],
                                       "alpha": [1, GRID * GRID]}},
               "decoder": {"inputs": {"word": [1], "h": [1, H], "c": [1, H], "grid": [1, GRID * GRID, C],
                                      "weights": [1, GRID * GRID]},
                           "outputs": {"logits": [1, V], "h_out": [1, H], "c_out": [1, H], "alpha_next": [1, GRID * GRID]}}},
        "evaluation": ev,
        "training": {"steps": tr["steps"], "batch_size": cfg.batch_size, "learning_rate": cfg.learning_rate,
                     "seconds": tr["seconds"], "val_loss": tr["curve"][-1]["val"], "curve": tr["curve"],
                     "machine": tr["machine"], "init_from": cfg.init_from or None},
        "command": (tr.get("command") or command).replace(" train ", " all ", 1),
        "files": {},
    }
    for f in ("encoder.onnx", "decoder.onnx"):
        meta["files"][f] = {"bytes": (out / f).stat().st_size, "sha256": sha256_file(out / f),
                            "weight_bytes_by_dtype": weights_dtypes(out / f)}
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")   # the ONNX loop reads it
    meta["parity"] = parity(model, out)
    worst = max(meta["parity"]["max_abs_diff"].values())
    if worst > PARITY_BOUND:
        raise ValueError(f"ONNX parity failed: largest difference {worst} (bound {PARITY_BOUND}): {meta['parity']}")
    meta["slice"] = {"scenes": cfg.slice_scenes, "mode": "soft" if cfg.attention == "soft" else "hard",
                     **slice_metrics(out, cfg, "soft" if cfg.attention == "soft" else "hard")}
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    (out / "README.md").write_text(card(meta))
    print(f"exported {cfg.model_id} -> {out}: {sum(f['bytes'] for f in meta['files'].values()):,} B; parity {worst:.2g}")
    return meta
