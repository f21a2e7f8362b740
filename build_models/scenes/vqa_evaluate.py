"""
Evaluate the visual question answerer on held-out questions: the first eval_questions of test
(new scenes, colour-shape pairs seen in training) and of novel (every scene holds a pair training
never showed). Accuracy by question type beside the answer prior (per type, the answer most
common among prior_questions train questions, always given): the grammar balances answers within
a type, so the prior is weak and the gap is what the model learnt from the image. Writes
runs/<model_id>/evaluation.json.
"""
import json
from collections import Counter

import torch

from . import data, questions
from .vqa_train import examples, load_trained, tensors


def prior(n):
    """{type: the commonest answer among the first n train questions of that type}."""
    qs = [questions.question("train", i)[1] for i in range(n)]
    out = {}
    for t in questions.TYPES:
        c = Counter(q.answer for q in qs if q.type == t)
        out[t] = c.most_common(1)[0][0]
    return out


def by_type(qs, predicted, guess):
    """{type: {questions, accuracy, prior}} and 'all', for answers `predicted` and the prior `guess`."""
    rows = {}
    for t in (*questions.TYPES, "all"):
        idx = [i for i, q in enumerate(qs) if t in ("all", q.type)]
        rows[t] = {"questions": len(idx),
                   "accuracy": round(sum(predicted[i] == qs[i].answer for i in idx) / len(idx), 4),
                   "prior": round(sum(guess[qs[i].type] == qs[i].answer for i in idx) / len(idx), 4)}
    return rows


@torch.no_grad()
def answer_split(model, split, n, batch=250):
    """(questions, predicted answers) of the first n questions of a split."""
    qs, predicted = [], []
    for start in range(0, n, batch):
        scenes, part = examples(split, start, min(batch, n - start))
        img, q, length, _ = tensors(scenes, part)
        logits, _ = model(img, q, length)
        qs += part
        predicted += [questions.ANSWERS[i] for i in logits.argmax(-1).tolist()]
    return qs, predicted


def evaluate(cfg):
    model = load_trained(cfg)
    guess = prior(cfg.prior_questions)
    out = {"prior_answers": guess, "prior_questions": cfg.prior_questions}
    for split in ("test", "novel"):
        qs, predicted = answer_split(model, split, cfg.eval_questions)
        res = by_type(qs, predicted, guess)
        out[split] = res
        # what fails: the commonest (true -> predicted) confusions per type
        wrong = Counter((q.type, q.answer, p) for q, p in zip(qs, predicted) if p != q.answer)
        out[split + "_confusions"] = [{"type": t, "true": a, "predicted": p, "count": k} for (t, a, p), k in wrong.most_common(12)]
        print(f"{cfg.model_id} {split}: " + ", ".join(f"{t} {r['accuracy']:.1%} (prior {r['prior']:.1%})" for t, r in res.items()))
    out["held_out_pairs"] = sorted(" ".join(p) for p in data.HELD_OUT)
    (cfg.run_dir / "evaluation.json").write_text(json.dumps(out, indent=1) + "\n")
    return out
