"""
Export the trained visual question answerer to pretrained/<model_id>/:
  model.onnx  image float32 [1,3,64,64] in [0,1], question int64 [1,T] (word ids, padded with 0 to
              T = max_words), length int64 [1] (real words) -> logits [1,A], probs [1,A] (softmax),
              alpha [1,64] (where the question's attention read the 8x8 grid, row by row)
  meta.json   kind "vqa", the question vocabulary, the answers (by type), the world, architecture,
              evaluation (accuracy by type beside the answer prior), the ONNX model's answers on a
              slice of test questions (a test reproduces them), parity, files, training, command
  README.md   the card
About 360 thousand parameters (1.5 MB): weights stay fp32.
"""
import datetime
import json

import numpy as np
import torch
import torch.nn as nn

from ..corpora import sha256_file
from ..export import run_records, save_onnx
from ..stress.export import commit
from . import data, questions
from .model import GRID
from .vqa_model import num_params
from .vqa_train import examples, load_trained, tensors

KIND = "vqa"
PARITY_BOUND = 1e-4


class VqaFile(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, image, question, length):
        logits, alpha = self.model(image, question, length)
        return logits, torch.softmax(logits, -1), alpha


def write_onnx(model, out):
    T = questions.MAX_WORDS
    args = (torch.rand(1, 3, data.SIZE, data.SIZE), torch.ones(1, T, dtype=torch.long), torch.tensor([3]))
    save_onnx(VqaFile(model).eval(), args, out / "model.onnx", ["image", "question", "length"], ["logits", "probs", "alpha"], None)


@torch.no_grad()
def parity(model, out, n=40):
    """Largest difference between PyTorch and onnxruntime over n test questions, every output."""
    from coursekit.vqa import load
    m = load(out)
    worst = {"logits": 0.0, "probs": 0.0, "alpha": 0.0}
    scenes, qs = examples("test", 0, n)
    for s, q in zip(scenes, qs):
        img, ques, length, _ = tensors([s], [q])
        ref = VqaFile(model)(img, ques, length)
        got = m.run(img.numpy(), list(q.words))
        for k, r in zip(("logits", "probs", "alpha"), ref):
            worst[k] = max(worst[k], float(np.abs(got[k] - r[0].numpy()).max()))
    return {"max_abs_diff": {k: float(f"{v:.3g}") for k, v in worst.items()}, "questions": n}


def slice_answers(folder, n):
    """The ONNX model's answers to the first n test questions (a test reproduces them)."""
    from coursekit.vqa import load
    m = load(folder)
    scenes, qs = examples("test", 0, n)
    got = [m.answer_scene(s, q.words)["answer"] for s, q in zip(scenes, qs)]
    return {"questions": n, "answers": got, "accuracy": round(sum(g == q.answer for g, q in zip(got, qs)) / n, 4)}


def card(meta):
    ev, a, tr = meta["evaluation"], meta["architecture"], meta["training"]
    head = "| type | " + " | ".join(f"{s} accuracy | {s} prior" for s in ("test", "novel")) + " |"
    rows = "\n".join(f"| {t} ({ev['test'][t]['questions']} + {ev['novel'][t]['questions']}) | "
                     + " | ".join(f"{ev[s][t]['accuracy']:.1%} | {ev[s][t]['prior']:.1%}" for s in ("test", "novel")) + " |"
                     for t in (*questions.TYPES, "all"))
    return f"""# {meta['id']}: Module 6's visual question answerer of synthetic scenes

Answers questions about the small world of build_models/scenes/data.py (64x64 images of 1-3 flat
shapes, {len(meta['world']['colours'])} colours, small or large, plain or noisy background): "what colour is the triangle",
"how many squares are there", "is there a blue circle", "what shape is left of the red square".
Questions and true answers come from the grammar of build_models/scenes/questions.py; answers are
one of {len(meta['answers'])} ({', '.join(meta['answers'])}). It knows only this world and only these words.

- **Architecture**: CNN (4 convolutions with x/y coordinate channels, the captioner's design,
  trained here) to an 8x8 grid of {a['channels']} features; LSTM of {a['hidden']} units over the question
  (embedding {a['emb']}); the question's last state attends over the grid (width {a['att']}; `alpha` is an
  output) and gates a pooled view of all cells ({a['fuse']}); an MLP picks the answer. {a['parameters']:,} parameters.
- **Training**: {tr['steps']:,} batches of {tr['batch_size']} train questions (each on its own rendered scene),
  {tr['seconds'] / 60:.1f} minutes on {tr['machine']['device']} (one thread); final validation accuracy {tr['val_accuracy']:.1%}.

Accuracy on held-out questions by type ("prior": always giving the answer commonest for that
type in training; the grammar balances answers within a type, so the prior is weak; test: new
scenes; novel: scenes holding a held-out colour-shape pair, {', '.join(ev['held_out_pairs'])}):

{head}
|---|---|---|---|---|
{rows}

ONNX parity with PyTorch ({meta['parity']['questions']} questions, every output): largest difference
{max(meta['parity']['max_abs_diff'].values()):.2g}.

Rebuild: `{meta['command']}`
"""


def export(cfg, command=""):
    model = load_trained(cfg)
    ev, tr, out = run_records(cfg, "python -m build_models.scenes.vqa")
    write_onnx(model, out)
    T, A = questions.MAX_WORDS, len(questions.ANSWERS)
    meta = {
        "id": cfg.model_id, "kind": KIND, "created": datetime.date.today().isoformat(), "commit": commit(),
        "question_vocabulary": questions.QVOCAB, "answers": questions.ANSWERS, "answers_by_type": questions.ANSWERS_BY_TYPE,
        "types": list(questions.TYPES), "max_words": T,
        "world": {"size": data.SIZE, "grid": GRID, "shapes": data.SHAPES, "colours": data.COLOURS, "sizes": data.SIZES,
                  "held_out": sorted(list(p) for p in data.HELD_OUT)},
        "architecture": {"channels": cfg.channels, "emb": cfg.emb, "hidden": cfg.hidden, "att": cfg.att, "fuse": cfg.fuse,
                         "grid": [GRID, GRID], "parameters": num_params(model), "weights_dtype": "float32"},
        "io": {"inputs": {"image": [1, 3, data.SIZE, data.SIZE], "question": [1, T], "length": [1]},
               "outputs": {"logits": [1, A], "probs": [1, A], "alpha": [1, GRID * GRID]}},
        "evaluation": ev,
        "training": {"steps": tr["steps"], "batch_size": cfg.batch_size, "learning_rate": cfg.learning_rate,
                     "seconds": tr["seconds"], "val_loss": tr["curve"][-1]["val"], "val_accuracy": tr["curve"][-1]["val_accuracy"],
                     "curve": tr["curve"], "machine": tr["machine"]},
        "command": (tr.get("command") or command).replace(" train ", " all ", 1),
        "files": {"model.onnx": {"bytes": (out / "model.onnx").stat().st_size, "sha256": sha256_file(out / "model.onnx")}},
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")   # the ONNX runner reads it
    meta["parity"] = parity(model, out)
    worst = max(meta["parity"]["max_abs_diff"].values())
    if worst > PARITY_BOUND:
        raise ValueError(f"ONNX parity failed: largest difference {worst} (bound {PARITY_BOUND}): {meta['parity']}")
    meta["slice"] = slice_answers(out, cfg.slice_questions)
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    (out / "README.md").write_text(card(meta))
    print(f"exported {cfg.model_id} -> {out}: {meta['files']['model.onnx']['bytes']:,} B; parity {worst:.2g}")
    return meta
