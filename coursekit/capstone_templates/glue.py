"""The glue of a project template, cell by cell: everything that is not build_models' own code.

`cells(project)` returns [(kind, text)], kind "markdown" or "code"; the notebook is these cells,
and the script is the code cells joined by blank lines.
"""
from __future__ import annotations

import textwrap

CONFIG_DOC = {  # the settings a reader is most likely to change, with why
    "data": "the text file(s) to train on, comma separated",
    "tags": "one tag character per file: each line starts with its file's tag (conditioning)",
    "max_chars": "read at most this many characters of each file",
    "max_iters": "training steps",
    "check": "the project's extra check: none, brackets (C code), abc (tunes) or tags (conditioning)",
    "prime": "the text a sample starts from",
}


def config_cell(p: dict) -> str:
    c = p["config"]
    values = dict(data=c["data"], tags=c["tags"], max_chars=c["max_chars"], val_fraction=0.1,
                  n_layer=c["n_layer"], n_hidden=c["n_hidden"], cell="lstm", dropout=c["dropout"],
                  seq_len=c["seq_len"], batch_size=c["batch_size"], learning_rate=c["learning_rate"],
                  min_lr=round(c["learning_rate"] / 10, 8), warmup_iters=50, max_iters=c["max_iters"], weight_decay=0.0,
                  grad_clip=1.0, eval_interval=max(c["max_iters"] // 4, 1), eval_iters=10, seed=1337, threads=0,
                  sample_chars=600, temperature=0.8, prime=c["prime"], check=c["check"], out=f"{p['id']}.pt")
    types = {bool: "bool", int: "int", float: "float", str: "str"}
    lines = []
    for k, v in values.items():
        note = f"  # {CONFIG_DOC[k]}" if k in CONFIG_DOC else ""
        shown = f"{v:_}" if isinstance(v, int) and v >= 10_000 else repr(v)
        lines.append(f"    {k}: {types[type(v)]} = {shown}{note}")
    files = ", ".join(s["file"] for s in p["sources"])
    where = ("your own file(s)" if not p["sources"][0]["url"]
             else "the course site: " + ", ".join(s["url"] for s in p["sources"]))
    return f'''"""{p["title"]}: {p["goal"]}

A project template of the course "The Unreasonable Effectiveness of RNNs" (Module 10), generated
from build_models' own code: the model, the batches, the loss estimate, the schedule and the
training step are copied from build_models/model.py and build_models/train.py, unchanged.
Data: {files}, from {where}; put it beside this file or pass --data=path.
Run: python {p["id"]}.py [--key=value ...], e.g. python {p["id"]}.py --max_iters=200
Needs: Python 3.9+ and PyTorch (the CPU build is enough).
"""
import json
import math
import re
import sys
import time
from contextlib import nullcontext
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import torch
import torch.nn as nn
from torch.nn import functional as F


@dataclass
class Config:
{chr(10).join(lines)}'''


CONFIGURE = '''def configure(argv):
    """Config() with --key=value overrides; an unknown key or a value of the wrong type stops the run."""
    cfg, kinds = Config(), {f.name: type(getattr(Config, f.name)) for f in fields(Config)}
    for arg in argv:
        key, eq, value = arg[2:].partition("=")
        if not arg.startswith("--") or not eq or key not in kinds:
            raise SystemExit(f"expected --key=value with key one of {', '.join(kinds)}; got {arg!r}")
        try:
            setattr(cfg, key, kinds[key](value))
        except ValueError:
            raise SystemExit(f"--{key} wants a {kinds[key].__name__}, got {value!r}")
    return cfg


# A script reads the command line; in a notebook, edit Config above (or cfg below) instead.
cfg = configure(sys.argv[1:] if __name__ == "__main__" and "ipykernel" not in sys.modules else [])
if cfg.threads:
    torch.set_num_threads(cfg.threads)
print(cfg)'''

DATA = '''def read_texts(cfg):
    """Each file's first max_chars characters; with tags, every line starts with its file's tag."""
    paths, tags = [p for p in cfg.data.split(",") if p], cfg.tags
    if tags and len(tags) != len(paths):
        raise SystemExit(f"{len(paths)} files but {len(tags)} tags: give one tag character per file")
    texts = []
    for i, p in enumerate(paths):
        if not Path(p).is_file():
            raise SystemExit(f"{p} is not here: download it from the course site, or pass --data=your_file.txt")
        text = Path(p).read_text(encoding="utf-8", errors="replace")[:cfg.max_chars]
        if tags:
            if any(t in text for t in tags):
                raise SystemExit(f"{p} already holds a tag character ({tags}): pick other tags with --tags=")
            text = "".join(tags[i] + line for line in text.splitlines(keepends=True))
        texts.append(text)
    return texts


texts = read_texts(cfg)
chars = sorted(set("".join(texts)))  # the vocabulary: every character that occurs
stoi = {c: i for i, c in enumerate(chars)}
encode = lambda s: torch.tensor([stoi[c] for c in s], dtype=torch.long)
decode = lambda ids: "".join(chars[i] for i in ids)
# the last tenth of each file is the validation text: the model never trains on it
cut = [int(len(t) * (1 - cfg.val_fraction)) for t in texts]
train_text = "".join(t[:k] for t, k in zip(texts, cut))
val_text = "".join(t[k:] for t, k in zip(texts, cut))
train_ids, val_ids = encode(train_text), encode(val_text)
print(f"{len(train_ids):,} training and {len(val_ids):,} validation characters, vocabulary {len(chars)}")'''

TRAIN_HEAD = '''torch.manual_seed(cfg.seed)
device = "cpu"  # build_models picks CUDA when it has one; these templates stay on the CPU
model = CharRNN(len(chars), cfg.n_layer, cfg.n_hidden, cfg.cell, cfg.dropout).to(device)
opt = torch.optim.AdamW(model.parameters(), lr=cfg.learning_rate, weight_decay=cfg.weight_decay)
ctx = nullcontext()  # build_models' fp16 autocast is for a GPU: off here
scaler = torch.amp.GradScaler("cuda", enabled=False)  # likewise: disabled, its calls do nothing
g = torch.Generator().manual_seed(cfg.seed)  # the batches' random positions
print(f"{cfg.n_layer}x{cfg.n_hidden} {cfg.cell}, {model.num_params():,} parameters")
history, t0 = [], time.time()
for it in range(cfg.max_iters + 1):
    if it % cfg.eval_interval == 0 or it == cfg.max_iters:
        losses = estimate_loss(model, {"train": train_ids, "val": val_ids}, cfg, device, ctx)
        history.append({"iter": it, **losses, "seconds": round(time.time() - t0, 1)})
        print(f"step {it}: train loss {losses['train']:.4f}, val loss {losses['val']:.4f} "
              f"(perplexity {math.exp(losses['val']):.2f}), {time.time() - t0:.0f}s")
    if it == cfg.max_iters:
        break
'''

SAMPLE = '''@torch.no_grad()
def generate(model, prime, n, temperature, seed=0):
    """n characters after `prime`, drawn one at a time, the state carried from step to step."""
    model.eval()
    gen = torch.Generator().manual_seed(seed)
    logits, state, _ = model(encode(prime)[None].to(device))  # [1, T, V]
    out = []
    for _ in range(n):
        probs = F.softmax(logits[0, -1].float() / max(temperature, 1e-6), dim=-1)
        nxt = torch.multinomial(probs, 1, generator=gen)  # [1]
        out.append(nxt.item())
        logits, state, _ = model(nxt[None], state)
    model.train()
    return decode(out)


prime = cfg.tags[0] if cfg.tags else cfg.prime  # a conditioned model starts from its first source's tag
prime = "".join(c for c in prime if c in stoi) or chars[0]
print(prime + generate(model, prime, cfg.sample_chars, cfg.temperature))'''

RESULT = '''result = {"iters": cfg.max_iters, "seconds": round(time.time() - t0, 1), "train_loss": losses["train"],
          "val_loss": losses["val"], "val_perplexity": math.exp(losses["val"]),
          "unigram_perplexity": unigram_perplexity(train_text, val_text)}
print(f"validation perplexity {result['val_perplexity']:.2f}; "
      f"a model that ignores context (character frequencies) scores {result['unigram_perplexity']:.2f}")'''

CHECKS = {
    "none": "",
    "brackets": '''# Generated C: of the top-level { } blocks the model closed or broke, the fraction closed with matching brackets.
closed = broken = 0
for seed in range(8):
    c, b = closed_blocks(generate(model, "\\n", 2000, cfg.temperature, seed))
    closed, broken = closed + c, broken + b
result["closed_fraction"], result["blocks"] = closed / max(closed + broken, 1), closed + broken
print(f"{closed} blocks closed, {broken} broken: {result['closed_fraction']:.0%} closed")''',
    "abc": '''# Generated tunes: the fraction that is well-formed ABC with every bar the metre's length.
tunes = []
for seed in range(5):
    tunes += split_tunes("X:" + generate(model, "X:", 2000, cfg.temperature, seed))
verdicts = [check_tune(t) for t in tunes]
result["valid_tunes"] = verdicts.count("") / max(len(verdicts), 1)
print(f"{verdicts.count('')} of {len(verdicts)} finished tunes are well-formed")
for why in sorted(set(v for v in verdicts if v))[:5]:
    print("  e.g.", why)''',
    "tags": '''@torch.no_grad()
def tag_accuracy(model, pieces=20, length=200):
    """Which source wrote each of `pieces` validation passages per source? The model's guess is the
    tag under which the passage has the lowest loss; returns the fraction guessed right."""
    model.eval()
    right = total = 0
    for i, (t, k) in enumerate(zip(texts, cut)):
        val = t[k:]
        for j in range(pieces):
            start = val.find("\\n", j * len(val) // pieces) + 1
            passage = val[start:start + length]
            if start == 0 or len(passage) < length:
                continue
            losses = []
            for tag in cfg.tags:
                ids = encode(passage.replace(cfg.tags[i], tag))[None].to(device)  # [1, length]
                losses.append(model(ids[:, :-1], targets=ids[:, 1:])[2].item())
            right += losses.index(min(losses)) == i
            total += 1
    model.train()
    return right / max(total, 1)


result["tag_accuracy"] = tag_accuracy(model)
print(f"told apart by its tag: {result['tag_accuracy']:.0%} of validation passages")
for tag in cfg.tags:
    print(f"--- written under tag {tag}:")
    print(tag + generate(model, tag, 300, cfg.temperature))''',
}

SAVE = '''# Everything needed to rebuild the model (as build_models' checkpoints hold it), and the figures.
torch.save({"kind": "charrnn", "model": model.state_dict(), "model_args": model.model_args(),
            "chars": "".join(chars), "iter": cfg.max_iters, "val_loss": losses["val"],
            "config": asdict(cfg), "history": history}, cfg.out)
print(f"saved {cfg.out}")
print("RESULT " + json.dumps(result))'''


def cells(p: dict) -> list[tuple[str, str]]:
    """The template's cells: markdown between code, the code from build_models in the middle."""
    from . import build_models_sections, check_code
    s = build_models_sections()
    check = p["config"]["check"]
    files = ", ".join(f"`{x['file']}` ({x['what']})" for x in p["sources"])
    t = p.get("targets")
    out = [
        ("markdown", f"# {p['title']}\n\n{p['goal']}\n\nData: {files}. Put the file(s) beside this notebook, "
                     "or set `data` in the Config below. Needs PyTorch (the CPU build is enough)."),
        ("code", config_cell(p)),
        ("code", CONFIGURE),
        ("markdown", "## The text\n\nRead, tag (for a conditioned project), encode one character to one integer, "
                     "and hold out the last tenth of each file for validation."),
        ("code", DATA),
        ("markdown", "## The model\n\nCopied from `build_models/model.py`, the file that trained the course's models."),
        ("code", s["CELLS"] + "\n\n\n" + s["charrnn"]),
        ("markdown", "## Batches, the loss estimate and the schedule\n\nCopied from `build_models/train.py`."),
        ("code", s["batch"] + "\n\n\n" + s["estimate_loss"] + "\n\n\n" + s["get_lr"]),
        ("markdown", "## Training\n\nThe loop is new; the step inside it is `build_models/train.py`'s, unchanged. "
                     "It prints the train and validation loss every `eval_interval` steps."),
        ("code", TRAIN_HEAD + textwrap.indent(s["step"], "    ")),
        ("markdown", "## Sampling"),
        ("code", SAMPLE),
        ("markdown", "## How well did it do?\n\n" + success_text(p, t)),
        ("code", check_code(check)),
        ("code", RESULT + ("\n\n" + CHECKS[check] if CHECKS[check] else "")),
        ("markdown", "## Save\n\nThe checkpoint holds the weights, the model's arguments, the vocabulary and the config."),
        ("code", SAVE),
    ]
    return out


def success_text(p: dict, t: dict | None) -> str:
    """The success metric in words, with our measured target where there is one."""
    if not t:
        return ("Compare the validation perplexity with the perplexity of a model that ignores context "
                "(printed below): a trained model should be far below it.")
    words = [f"validation perplexity below {t['val_perplexity']:.1f}"]
    if "closed_fraction" in t:
        words.append(f"at least {t['closed_fraction']:.0%} of generated top-level blocks closed with matching brackets")
    if "valid_tunes" in t:
        words.append(f"at least {t['valid_tunes']:.0%} of generated tunes well-formed")
    if "tag_accuracy" in t:
        words.append(f"at least {t['tag_accuracy']:.0%} of validation passages told apart by their tag")
    return "With the defaults above, the course's own run reached: " + "; ".join(words) + "."
